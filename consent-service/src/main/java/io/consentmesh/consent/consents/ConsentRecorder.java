package io.consentmesh.consent.consents;

import io.consentmesh.consent.ledger.EvidenceKind;
import io.consentmesh.consent.ledger.EvidenceLedger;
import io.consentmesh.consent.ledger.NewEvidence;
import io.consentmesh.consent.state.ConsentStates;
import io.consentmesh.consent.state.ConsentStatus;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.subject.SubjectConfig;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** Records consent captured by the tenant: evidence first, then the state it supports, in one transaction. */
@ApplicationScoped
public class ConsentRecorder {

    private final Mutiny.SessionFactory sessions;
    private final EvidenceLedger ledger;
    private final ConsentStates states;
    private final SubjectKeys subjectKeys;
    private final SubjectConfig config;

    ConsentRecorder(
            Mutiny.SessionFactory sessions,
            EvidenceLedger ledger,
            ConsentStates states,
            SubjectKeys subjectKeys,
            SubjectConfig config) {
        this.sessions = sessions;
        this.ledger = ledger;
        this.states = states;
        this.subjectKeys = subjectKeys;
        this.config = config;
    }

    /** @param idempotencyKey the caller's key for this consent; a retry with the same key writes nothing new */
    public Uni<RecordedConsent> record(RecordConsentRequest request, String idempotencyKey) {
        SubjectId subject =
                subjectKeys.subjectOf(request.tenantId(), request.phoneNumber(), config.defaultRegion(), "phoneNumber");
        String sourceEventId = EventIds.of(
                "consent-api",
                request.tenantId().value(),
                idempotencyKey == null ? UUID.randomUUID().toString() : idempotencyKey);
        NewEvidence evidence = new NewEvidence(
                request.tenantId(),
                subject,
                sourceEventId,
                EvidenceKind.EXPRESS_CONSENT,
                request.channel(),
                request.capturedAt(),
                content(request));
        return sessions.withTransaction(session -> ledger.append(session, evidence)
                .call(appended -> appended.map(id -> states.change(
                                session,
                                request.tenantId(),
                                subject,
                                request.channel(),
                                ConsentStatus.OPTED_IN,
                                request.level().name(),
                                id,
                                request.capturedAt()))
                        .orElseGet(() -> Uni.createFrom().voidItem()))
                .map(appended -> new RecordedConsent(
                        appended.orElseGet(() -> EvidenceLedger.idOf(request.tenantId(), sourceEventId)),
                        appended.isEmpty())));
    }

    private static Map<String, Object> content(RecordConsentRequest request) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("level", request.level().name());
        content.put("source", request.source().name());
        content.put("disclosureText", request.disclosureText());
        content.put("disclosureVersion", request.disclosureVersion());
        content.put("ipAddress", request.ipAddress());
        content.put("userAgent", request.userAgent());
        content.put("callId", request.callId());
        return content;
    }
}
