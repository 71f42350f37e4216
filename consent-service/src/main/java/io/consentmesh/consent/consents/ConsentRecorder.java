package io.consentmesh.consent.consents;

import io.consentmesh.consent.consents.state.ConsentStates;
import io.consentmesh.consent.consents.state.ConsentTransition;
import io.consentmesh.consent.evidence.EvidenceKind;
import io.consentmesh.consent.evidence.EvidenceLedger;
import io.consentmesh.consent.evidence.NewEvidence;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.runtime.subject.SubjectConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Records consent captured by the tenant: evidence first, then the state it supports, in one transaction. */
@ApplicationScoped
public class ConsentRecorder {

    private final Pool database;
    private final EvidenceLedger ledger;
    private final ConsentStates states;
    private final SubjectKeys subjectKeys;
    private final SubjectConfig config;

    ConsentRecorder(
            Pool database, EvidenceLedger ledger, ConsentStates states, SubjectKeys subjectKeys, SubjectConfig config) {
        this.database = database;
        this.ledger = ledger;
        this.states = states;
        this.subjectKeys = subjectKeys;
        this.config = config;
    }

    /** @param idempotencyKey the caller's key for this consent; a retry with the same key writes nothing new */
    public Uni<RecordedConsent> record(RecordConsentRequest request, String idempotencyKey) {
        return record(
                request,
                "consent-api",
                idempotencyKey == null ? UUID.randomUUID().toString() : idempotencyKey,
                null);
    }

    /**
     * @param origin names where the record came from, so keys of the API and of imports never collide
     * @param key the record's idempotency key within its origin
     * @param importId the bulk import it belongs to, or null
     */
    public Uni<RecordedConsent> record(RecordConsentRequest request, String origin, String key, UUID importId) {
        try {
            ConsentEvidenceRequirements.check(request);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidRequest(e.getMessage());
        }
        SubjectId subject =
                subjectKeys.subjectOf(request.tenantId(), request.phoneNumber(), config.defaultRegion(), "phoneNumber");
        String sourceEventId = EventIds.of(origin, request.tenantId().value(), key);
        Instant expiresAt =
                request.expiresAt() == null ? null : request.expiresAt().truncatedTo(ChronoUnit.MICROS);
        NewEvidence evidence = new NewEvidence(
                request.tenantId(),
                subject,
                sourceEventId,
                EvidenceKind.EXPRESS_CONSENT,
                request.channel(),
                request.capturedAt(),
                content(request, expiresAt, importId));
        return database.withTransaction(connection -> campaignOfTenant(connection, request)
                .chain(() -> ledger.appendAll(connection, List.of(evidence)))
                .map(appended -> appended.get(0))
                .call(appended -> appended.map(id -> states.record(
                                connection,
                                request.tenantId(),
                                subject,
                                new ConsentTransition.Evidence(
                                        id,
                                        evidence.kind(),
                                        request.channel(),
                                        request.level().name(),
                                        request.campaignId(),
                                        expiresAt,
                                        evidence.occurredAt())))
                        .orElseGet(() -> Uni.createFrom().voidItem()))
                .map(appended -> new RecordedConsent(
                        appended.orElseGet(() -> EvidenceLedger.idOf(request.tenantId(), sourceEventId)),
                        appended.isEmpty())));
    }

    /** G-02: campaign consent names a campaign the tenant registered (whatever its status today). */
    private static Uni<Void> campaignOfTenant(SqlConnection connection, RecordConsentRequest request) {
        if (request.campaignId() == null) {
            return Uni.createFrom().voidItem();
        }
        return connection
                .preparedQuery("SELECT count(*) FROM tendlc_campaign WHERE tenant_id = $1 AND campaign_id = $2")
                .execute(Tuple.of(request.tenantId().value(), request.campaignId()))
                .invoke(rows -> {
                    if (rows.iterator().next().getLong(0) == 0) {
                        throw ProblemException.invalidRequest(
                                "campaign " + request.campaignId() + " is not registered for tenant "
                                        + request.tenantId().value());
                    }
                })
                .replaceWithVoid();
    }

    /** Everything the request carried, as the ledger keeps it (absent fields left out). */
    private static Map<String, Object> content(RecordConsentRequest request, Instant expiresAt, UUID importId) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("level", request.level().name());
        content.put("source", request.source().name());
        content.put("disclosureText", request.disclosureText());
        content.put("disclosureVersion", request.disclosureVersion());
        putIfPresent(content, "campaignId", request.campaignId());
        putIfPresent(content, "expiresAt", expiresAt == null ? null : expiresAt.toString());
        putIfPresent(content, "purpose", request.purpose());
        putIfPresent(content, "subjectName", request.subjectName());
        content.put("ipAddress", request.ipAddress());
        content.put("userAgent", request.userAgent());
        content.put("callId", request.callId());
        putIfPresent(content, "transcriptOffset", request.transcriptOffset());
        putIfPresent(content, "ivrKey", request.ivrKey());
        putIfPresent(content, "messageId", request.messageId());
        putIfPresent(content, "documentRef", request.documentRef());
        putIfPresent(content, "externalRef", request.externalRef());
        putIfPresent(content, "dsarRequestId", request.dsarRequestId());
        putIfPresent(content, "importId", importId == null ? null : importId.toString());
        return content;
    }

    private static void putIfPresent(Map<String, Object> content, String field, Object value) {
        if (value != null) {
            content.put(field, value);
        }
    }
}
