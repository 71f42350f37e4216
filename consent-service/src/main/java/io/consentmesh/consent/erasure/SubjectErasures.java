package io.consentmesh.consent.erasure;

import io.consentmesh.consent.consents.state.ConsentStates;
import io.consentmesh.consent.consents.state.ConsentTransition;
import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.consent.evidence.EvidenceKind;
import io.consentmesh.consent.evidence.EvidenceLedger;
import io.consentmesh.consent.evidence.NewEvidence;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.privacy.keys.DataKeys;
import io.consentmesh.privacy.keys.Erasure;
import io.consentmesh.runtime.chain.SubjectRef;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Erasing a person (crypto-shredding): their data keys are destroyed (mesh-privacy), which leaves every personal value
 * sealed for them — in the ledger, on every topic, in every table — unreadable; then a {@code SUBJECT_ERASED} record
 * says who erased them, when and on which request, and revokes their consent, so a person who had opted out stays
 * unmessageable (their subject id, an HMAC, is all the suppression needs).
 *
 * <p>Idempotent: a second erasure of the same person finds no key, answers with the first erasure's time, and its
 * record (derived from that time) is a redelivery with no effect.
 */
@ApplicationScoped
public class SubjectErasures {

    /** What an erasure did. */
    public record Result(Erasure.Outcome outcome, String subjectId, Instant erasedAt, UUID evidenceId) {}

    private final Pool database;
    private final DataKeys keys;
    private final EvidenceLedger ledger;
    private final ConsentStates states;

    SubjectErasures(Pool database, DataKeys keys, EvidenceLedger ledger, ConsentStates states) {
        this.database = database;
        this.keys = keys;
        this.ledger = ledger;
        this.states = states;
    }

    /**
     * @param erasedBy who asked (the caller's principal, or the DSAR task's service)
     * @param requestRef the DSAR request or ticket the erasure answers, if any
     */
    public Uni<Result> erase(TenantId tenant, SubjectId subject, String erasedBy, String requestRef) {
        SubjectRef person = new SubjectRef(tenant.value(), subject.value());
        return keys.shred(person, erasedBy, requestRef).chain(erasure -> {
            if (erasure.outcome() == Erasure.Outcome.UNKNOWN_SUBJECT) {
                return Uni.createFrom().item(new Result(erasure.outcome(), subject.value(), null, null));
            }
            NewEvidence record = record(tenant, subject, erasure, erasedBy, requestRef);
            return database.withTransaction(connection -> ledger.appendAll(connection, List.of(record))
                            .chain(appended -> revokeConsent(connection, person, record, appended.get(0))))
                    .replaceWith(new Result(
                            erasure.outcome(),
                            subject.value(),
                            erasure.erasedAt(),
                            EvidenceLedger.idOf(tenant, record.sourceEventId())));
        });
    }

    private Uni<Void> revokeConsent(
            SqlConnection connection, SubjectRef person, NewEvidence record, Optional<UUID> appended) {
        if (appended.isEmpty()) {
            return Uni.createFrom().voidItem(); // the same erasure again: its record and effect exist already
        }
        return states.load(connection, List.of(person)).chain(changes -> {
            ConsentTransition.apply(
                    changes.of(person),
                    ConsentTransition.Evidence.of(
                            appended.get(), EvidenceKind.SUBJECT_ERASED, record.channel(), record.occurredAt()));
            return states.save(connection, changes);
        });
    }

    /** One record per erasure, named by its time: the erasure itself carries no personal data. */
    private static NewEvidence record(
            TenantId tenant, SubjectId subject, Erasure erasure, String erasedBy, String requestRef) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("erasedBy", erasedBy);
        content.put("requestRef", requestRef);
        content.put("erasedAt", erasure.erasedAt().toString());
        return new NewEvidence(
                tenant,
                subject,
                EventIds.of("subject-erased", tenant.value(), subject.value() + "@" + erasure.erasedAt()),
                EvidenceKind.SUBJECT_ERASED,
                Channel.SMS, // the ledger's column needs one; an erasure covers every channel (ConsentTransition)
                erasure.erasedAt(),
                content);
    }
}
