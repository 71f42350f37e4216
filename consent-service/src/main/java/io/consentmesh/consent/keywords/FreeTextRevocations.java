package io.consentmesh.consent.keywords;

import io.consentmesh.consent.ledger.Channel;
import io.consentmesh.consent.ledger.EvidenceKind;
import io.consentmesh.consent.ledger.EvidenceLedger;
import io.consentmesh.consent.ledger.NewEvidence;
import io.consentmesh.consent.state.ConsentStates;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Revocations in a person's own words (KW-05), in the caller's transaction: a clear one is evidence and revokes every
 * channel of the brand like STOP; a doubtful one waits in the review queue until a person confirms (then it is
 * evidence and enforced, the delay recorded against KW-07) or dismisses it (recorded, no effect).
 */
@ApplicationScoped
public class FreeTextRevocations {

    private final EvidenceLedger ledger;
    private final ConsentStates states;
    private final OptOuts optOuts;

    FreeTextRevocations(EvidenceLedger ledger, ConsentStates states, OptOuts optOuts) {
        this.ledger = ledger;
        this.states = states;
        this.optOuts = optOuts;
    }

    /** A clear revocation texted by the person: evidence, every channel revoked, the one confirmation queued. */
    public Uni<Void> revoke(Mutiny.Session session, EventEnvelope<SmsReceived> event, FreeTextMatch match) {
        SmsReceived sms = event.data();
        Map<String, Object> content = content(sms.body(), sms.to(), match.phrase(), match.confidence());
        content.put("language", match.language());
        content.put("provider", sms.provider().name());
        content.put("providerMessageId", sms.messageId());
        NewEvidence evidence = new NewEvidence(
                event.tenantId(),
                event.subjectId(),
                event.id(),
                EvidenceKind.FREE_TEXT_OPT_OUT,
                Channel.SMS,
                sms.receivedAt(),
                content);
        return ledger.append(session, evidence)
                .chain(appended -> appended.map(id -> optOuts.revokeAndConfirm(session, event, id))
                        .orElseGet(() -> Uni.createFrom().voidItem()));
    }

    /** Queues a doubtful message for a person; the same message twice is queued once. */
    public Uni<Void> queueForReview(Mutiny.Session session, EventEnvelope<SmsReceived> event, FreeTextMatch match) {
        SmsReceived sms = event.data();
        return session.createNativeQuery(
                        """
                        INSERT INTO revocation_review (id, tenant_id, subject_id, source_event_id, body, tenant_number,
                                                       confidence, phrase, received_at)
                        VALUES (:id, :tenant, :subject, :source, :body, :number, :confidence, :phrase, :received)
                        ON CONFLICT DO NOTHING""")
                .setParameter("id", EvidenceLedger.idOf(event.tenantId(), "revocation-review/" + event.id()))
                .setParameter("tenant", event.tenantId().value())
                .setParameter("subject", event.subject())
                .setParameter("source", event.id())
                .setParameter("body", sms.body())
                .setParameter("number", sms.to())
                .setParameter("confidence", java.math.BigDecimal.valueOf(match.confidence()))
                .setParameter("phrase", match.phrase())
                .setParameter("received", OffsetDateTime.ofInstant(sms.receivedAt(), ZoneOffset.UTC))
                .executeUpdate()
                .replaceWithVoid();
    }

    /** A reviewer's confirmation: the message becomes a revocation, effective from when the person sent it. */
    Uni<Optional<UUID>> confirmed(
            Mutiny.Session session,
            TenantId tenant,
            SubjectId subject,
            UUID reviewId,
            String body,
            String tenantNumber,
            String phrase,
            double confidence,
            Instant receivedAt,
            String reviewer) {
        Map<String, Object> content = content(body, tenantNumber, phrase, confidence);
        content.put("reviewId", reviewId.toString());
        content.put("confirmedBy", reviewer);
        String source = "revocation-review/" + reviewId;
        return revoke(session, tenant, subject, source, receivedAt, content)
                .map(first -> Optional.of(EvidenceLedger.idOf(tenant, source)));
    }

    private Uni<Boolean> revoke(
            Mutiny.Session session,
            TenantId tenant,
            SubjectId subject,
            String sourceEventId,
            Instant receivedAt,
            Map<String, Object> content) {
        NewEvidence evidence = new NewEvidence(
                tenant, subject, sourceEventId, EvidenceKind.FREE_TEXT_OPT_OUT, Channel.SMS, receivedAt, content);
        return ledger.append(session, evidence).chain(appended -> appended.map(
                        id -> states.revokeEverywhere(session, tenant, subject, id, evidence.occurredAt())
                                .replaceWith(true))
                .orElseGet(() -> Uni.createFrom().item(false)));
    }

    private static Map<String, Object> content(String body, String tenantNumber, String phrase, double confidence) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("body", body);
        content.put("tenantNumber", tenantNumber);
        content.put("phrase", phrase);
        content.put("confidence", confidence);
        return content;
    }
}
