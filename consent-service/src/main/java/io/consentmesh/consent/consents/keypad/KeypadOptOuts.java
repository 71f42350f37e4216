package io.consentmesh.consent.consents.keypad;

import io.consentmesh.consent.consents.reported.RevocationEvidence;
import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.consent.evidence.EvidenceKind;
import io.consentmesh.consent.evidence.NewEvidence;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.telephony.KeypadInputReceived;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's IVR opt-out keys ("press 9 to stop these calls", KW-05: any reasonable means) and what a press of one
 * does: {@code KEYPAD_OPT_OUT} evidence, enforced like a STOP on every channel and sender of the brand, with its KW-07
 * record. Other keys, and every key of a tenant that configured none, change nothing; a redelivered press has no
 * second effect.
 */
@ApplicationScoped
public class KeypadOptOuts {

    private final Pool database;
    private final RevocationEvidence revocation;

    KeypadOptOuts(Pool database, RevocationEvidence revocation) {
        this.database = database;
        this.revocation = revocation;
    }

    /** The tenant's opt-out keys, as last set (empty: none). */
    public Uni<List<String>> digits(TenantId tenant) {
        return database.preparedQuery("SELECT digits FROM keypad_opt_out WHERE tenant_id = $1")
                .execute(Tuple.of(tenant.value()))
                .map(rows -> rows.size() == 0
                        ? List.of()
                        : Arrays.asList(rows.iterator().next().getArrayOfStrings("digits")));
    }

    /** Replaces the tenant's opt-out keys. */
    public Uni<Void> replace(TenantId tenant, List<String> digits, Instant at) {
        return database.preparedQuery("INSERT INTO keypad_opt_out (tenant_id, digits, updated_at) VALUES ($1, $2, $3)"
                        + " ON CONFLICT (tenant_id) DO UPDATE SET digits = EXCLUDED.digits,"
                        + " updated_at = EXCLUDED.updated_at")
                .execute(Tuple.of(
                        tenant.value(), digits.toArray(String[]::new), OffsetDateTime.ofInstant(at, ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** Applies a key press in the caller's transaction: a revocation when it is one of the tenant's opt-out keys. */
    public Uni<Void> apply(SqlConnection connection, EventEnvelope<KeypadInputReceived> press) {
        return connection
                .preparedQuery("SELECT 1 FROM keypad_opt_out WHERE tenant_id = $1 AND $2 = ANY (digits)")
                .execute(Tuple.of(press.tenantId().value(), press.data().digits()))
                .chain(rows -> rows.size() == 0
                        ? Uni.createFrom().voidItem()
                        : revocation.record(connection, evidence(press)).replaceWithVoid());
    }

    private static NewEvidence evidence(EventEnvelope<KeypadInputReceived> event) {
        KeypadInputReceived press = event.data();
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("source", "IVR");
        content.put("provider", press.provider().name());
        content.put("callId", press.callId());
        content.put("digits", press.digits()); // one of the tenant's opt-out keys, never anything longer
        return new NewEvidence(
                event.tenantId(),
                new SubjectId(event.subject()),
                event.id(),
                EvidenceKind.KEYPAD_OPT_OUT,
                Channel.VOICE,
                press.occurredAt(),
                content);
    }
}
