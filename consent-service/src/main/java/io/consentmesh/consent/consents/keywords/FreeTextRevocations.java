package io.consentmesh.consent.consents.keywords;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.consent.consents.state.ConsentStates;
import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.consent.evidence.EvidenceKind;
import io.consentmesh.consent.evidence.EvidenceLedger;
import io.consentmesh.consent.evidence.NewEvidence;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.privacy.seal.PersonalData;
import io.consentmesh.privacy.seal.Sealer;
import io.consentmesh.runtime.chain.SubjectRef;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Revocations in a person's own words (KW-05), in the caller's transaction: a clear one is evidence and revokes every
 * channel of the brand like STOP; a doubtful one waits in the review queue until a person confirms (then it is
 * evidence and enforced, the delay recorded against KW-07) or dismisses it (recorded, no effect). Texted
 * revocations are applied in batches by {@link InboundTexts}.
 */
@ApplicationScoped
public class FreeTextRevocations {

    private final EvidenceLedger ledger;
    private final ConsentStates states;

    private final PersonalData personalData;

    FreeTextRevocations(EvidenceLedger ledger, ConsentStates states, PersonalData personalData) {
        this.ledger = ledger;
        this.states = states;
        this.personalData = personalData;
    }

    /** The ledger record of a clear revocation texted by the person (the batch appends it and enforces it). */
    static NewEvidence evidenceOf(EventEnvelope<SmsReceived> event, FreeTextMatch match) {
        SmsReceived sms = event.data();
        Map<String, Object> content = content(sms.body(), sms.to(), match.phrase(), match.confidence());
        content.put("language", match.language());
        content.put("provider", sms.provider().name());
        content.put("providerMessageId", sms.messageId());
        return new NewEvidence(
                event.tenantId(),
                event.subjectId(),
                event.id(),
                EvidenceKind.FREE_TEXT_OPT_OUT,
                Channel.SMS,
                sms.receivedAt(),
                content);
    }

    /** Queues doubtful messages for a person, in the connection's transaction; the same message twice is queued once. */
    Uni<Void> queueForReview(SqlConnection connection, List<InboundTexts.Text> doubtful) {
        if (doubtful.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // the text is sealed under the person's key, as the ledger's "body" entry is: a confirmation carries it over
        return personalData
                .sealer(doubtful.stream().map(InboundTexts.Text::person).toList())
                .chain(sealer -> insertReviews(connection, doubtful, sealer));
    }

    private static Uni<Void> insertReviews(SqlConnection connection, List<InboundTexts.Text> doubtful, Sealer sealer) {
        List<Tuple> rows = doubtful.stream()
                .map(text -> {
                    EventEnvelope<SmsReceived> event = text.event();
                    SmsReceived sms = event.data();
                    return Tuple.tuple(Arrays.asList(
                            EvidenceLedger.idOf(event.tenantId(), "revocation-review/" + event.id()),
                            event.tenantId().value(),
                            event.subject(),
                            event.id(),
                            sealer.seal(text.person(), "body", sms.body()),
                            sms.to(),
                            BigDecimal.valueOf(text.words().confidence()),
                            text.words().phrase(),
                            utc(sms.receivedAt())));
                })
                .toList();
        return connection
                .preparedQuery(
                        """
                        INSERT INTO revocation_review (id, tenant_id, subject_id, source_event_id, body, tenant_number,
                                                       confidence, phrase, received_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                        ON CONFLICT DO NOTHING""")
                .executeBatch(rows)
                .replaceWithVoid();
    }

    /** A reviewer's confirmation: the message becomes a revocation, effective from when the person sent it. */
    Uni<Optional<UUID>> confirmed(
            SqlConnection connection,
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
        return revoke(connection, tenant, subject, source, receivedAt, content)
                .map(first -> Optional.of(EvidenceLedger.idOf(tenant, source)));
    }

    private Uni<Boolean> revoke(
            SqlConnection connection,
            TenantId tenant,
            SubjectId subject,
            String sourceEventId,
            Instant receivedAt,
            Map<String, Object> content) {
        NewEvidence evidence = new NewEvidence(
                tenant, subject, sourceEventId, EvidenceKind.FREE_TEXT_OPT_OUT, Channel.SMS, receivedAt, content);
        SubjectRef person = evidence.chain();
        return ledger.appendAll(connection, List.of(evidence)).chain(appended -> appended.get(0)
                .map(id -> states.load(connection, List.of(person))
                        .chain(changes -> {
                            changes.revokeEverywhere(person, id, evidence.occurredAt());
                            return states.save(connection, changes);
                        })
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
