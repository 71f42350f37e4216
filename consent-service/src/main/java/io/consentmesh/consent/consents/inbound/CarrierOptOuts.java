package io.consentmesh.consent.consents.inbound;

import io.consentmesh.consent.consents.reported.RevocationEvidence;
import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.consent.evidence.EvidenceKind;
import io.consentmesh.consent.evidence.NewEvidence;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.telephony.MessageStatusChanged;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A provider that refused a send because the person opted out at the carrier or provider (Twilio 21610, Telnyx 40300
 * "Blocked due to STOP message") tells the mesh of an opt-out it may never have seen — a STOP handled by the provider's
 * own opt-out management, on another of the tenant's numbers. Each such status becomes {@code CARRIER_OPT_OUT}
 * evidence and is enforced like a STOP: every channel and sender of the brand (KW-12), with its KW-07 record. A
 * redelivered status has no second effect.
 */
@ApplicationScoped
public class CarrierOptOuts {

    private final Pool database;
    private final RevocationEvidence revocation;

    CarrierOptOuts(Pool database, RevocationEvidence revocation) {
        this.database = database;
        this.revocation = revocation;
    }

    /** Whether a status event is a carrier's opt-out signal. */
    public static boolean signals(EventEnvelope<?> event) {
        return event.data() instanceof MessageStatusChanged status
                && status.recipientOptedOut()
                && event.subject() != null
                && event.tenantId() != null;
    }

    /** Records the signals in one transaction, in order. */
    public Uni<Void> apply(List<EventEnvelope<MessageStatusChanged>> signals) {
        if (signals.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return database.withTransaction(connection -> {
            Uni<Void> all = Uni.createFrom().voidItem();
            for (EventEnvelope<MessageStatusChanged> signal : signals) {
                all = all.chain(
                        () -> revocation.record(connection, evidence(signal)).replaceWithVoid());
            }
            return all;
        });
    }

    private static NewEvidence evidence(EventEnvelope<MessageStatusChanged> event) {
        MessageStatusChanged status = event.data();
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("source", "CARRIER");
        content.put("provider", status.provider().name());
        content.put("messageId", status.messageId());
        content.put("from", status.from()); // the tenant's own number, refused by the provider
        if (status.errorCode() != null) {
            content.put("errorCode", status.errorCode());
        }
        return new NewEvidence(
                event.tenantId(),
                new SubjectId(event.subject()),
                event.id(),
                EvidenceKind.CARRIER_OPT_OUT,
                Channel.SMS,
                status.occurredAt(),
                content);
    }
}
