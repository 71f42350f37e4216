package io.consentmesh.consent.dsar;

import io.consentmesh.consent.authorization.interactions.Interactions;
import io.consentmesh.consent.consents.state.ConsentStates;
import io.consentmesh.consent.consents.state.CurrentConsent;
import io.consentmesh.consent.erasure.SubjectErasures;
import io.consentmesh.consent.evidence.EvidenceLedger;
import io.consentmesh.contracts.dsar.DsarTaskCompleted;
import io.consentmesh.contracts.dsar.DsarTaskIssued;
import io.consentmesh.contracts.dsar.HeldData;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.MalformedEventException;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.messaging.consumer.UntilApplied;
import io.consentmesh.messaging.dsar.DsarAnswers;
import io.consentmesh.privacy.keys.Erasure;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Answers DSAR tasks with what this service holds about the subject. The answer's event id is derived from the task,
 * so a redelivered task produces the same answer event, which dsar-service applies once.
 */
@ApplicationScoped
public class DsarTaskConsumer {

    static final String SERVICE = "consent-service";
    private static final URI SOURCE = URI.create("/consent-service/dsar");

    private final Pool database;
    private final EvidenceLedger ledger;
    private final ConsentStates states;
    private final MutinyEmitter<String> results;
    private final Interactions interactions;
    private final SubjectErasures erasures;
    private final HeldRecords records;

    DsarTaskConsumer(
            Pool database,
            EvidenceLedger ledger,
            ConsentStates states,
            Interactions interactions,
            SubjectErasures erasures,
            HeldRecords records,
            @Channel("dsar-results") MutinyEmitter<String> results) {
        this.interactions = interactions;
        this.erasures = erasures;
        this.records = records;
        this.database = database;
        this.ledger = ledger;
        this.states = states;
        this.results = results;
    }

    @Incoming("dsar-tasks")
    public Uni<Void> onTask(String json) {
        return UntilApplied.apply("a DSAR task", () -> {
            EventEnvelope<DsarTaskIssued> task = EventCodec.decode(json, DsarTaskIssued.class);
            SubjectId subject = task.subjectId();
            if (subject == null) {
                throw new MalformedEventException("a DSAR task must name its subject");
            }
            // A restriction (GDPR Art. 18) takes effect before the answer: from then on authorizations are denied.
            // A deletion erases the person (their keys destroyed) before the answer; the records stay, unreadable,
            // and their opt-outs stay in force (a repeat of the task finds them erased already).
            Uni<List<HeldData>> acted =
                    switch (task.data().requestType()) {
                        case RESTRICTION ->
                            interactions
                                    .restrict(
                                            task.tenantId(),
                                            subject,
                                            task.data().requestId(),
                                            task.time())
                                    .replaceWith(List.of());
                        case DELETION ->
                            erasures.erase(
                                            task.tenantId(),
                                            subject,
                                            SERVICE + " (DSAR task)",
                                            task.data().requestId())
                                    .chain(erasure -> erasure.outcome() == Erasure.Outcome.UNKNOWN_SUBJECT
                                            ? Uni.createFrom().item(List.<HeldData>of())
                                            : ledger.count(database, task.tenantId(), subject)
                                                    .map(kept -> erased(erasure, kept)));
                        case LIFT_RESTRICTION ->
                            interactions
                                    .liftRestriction(task.tenantId(), subject)
                                    .map(lifted -> lifted
                                            ? List.of(new HeldData(
                                                    "processing-restriction-lifted",
                                                    1,
                                                    "the restriction of processing was lifted: messages are decided"
                                                            + " on consent again"))
                                            : List.<HeldData>of());
                        // GDPR Art. 21(3): marketing stops whatever the consent; other messages are decided as before
                        case OBJECTION ->
                            interactions
                                    .objectToMarketing(
                                            task.tenantId(),
                                            subject,
                                            task.data().requestId(),
                                            task.time())
                                    .replaceWith(List.of(new HeldData(
                                            "marketing-objection-recorded",
                                            1,
                                            "no marketing message or call is authorized for the person from now on,"
                                                    + " whatever their consent")));
                        // consent-service keeps evidence as proof and discloses it to no one for sale or sharing
                        case OPT_OUT_OF_SALE_SHARING ->
                            Uni.createFrom()
                                    .item(List.of(new HeldData(
                                            "no-sale-or-sharing",
                                            0,
                                            "consent-service sells and shares no personal data: it keeps consent evidence"
                                                    + " as proof for the tenant")));
                        // evidence is proof of what was said and done: it is kept as recorded, the holdings listed
                        // so that privacy-ops can correct what the tenant keeps elsewhere
                        case ACCESS, PORTABILITY, CORRECTION -> Uni.createFrom().item(List.of());
                    };
            if (task.data().requestType() == io.consentmesh.contracts.dsar.DsarRequestType.DELETION) {
                return acted.chain(done -> publish(task, done, Map.of()));
            }
            return acted.chain(done -> holdings(task.tenantId(), subject).map(held -> {
                        List<HeldData> all = new ArrayList<>(done);
                        all.addAll(held);
                        return all;
                    }))
                    .chain(held -> copyOf(task).chain(copy -> publish(task, held, copy)));
        });
    }

    /** The records themselves, for the rights that give the person a copy (GDPR Art. 15(3), Art. 20). */
    private Uni<Map<String, List<Map<String, Object>>>> copyOf(EventEnvelope<DsarTaskIssued> task) {
        return switch (task.data().requestType()) {
            case ACCESS, PORTABILITY -> records.of(task.tenantId(), task.subjectId());
            default -> Uni.createFrom().item(Map.of());
        };
    }

    private Uni<List<HeldData>> holdings(TenantId tenant, SubjectId subject) {
        return ledger.count(database, tenant, subject)
                .chain(evidenceCount -> states.all(database, tenant, subject).map(consents -> {
                    List<HeldData> held = new ArrayList<>();
                    if (evidenceCount > 0) {
                        held.add(new HeldData(
                                "consent-evidence",
                                evidenceCount,
                                "records of consent given or revoked (keywords, forms), kept as proof"));
                    }
                    if (!consents.isEmpty()) {
                        held.add(new HeldData("consent-state", consents.size(), describe(consents)));
                    }
                    return held;
                }));
    }

    /**
     * What a deletion did, and what it kept and why (DEL-01, DEL-02): the suppression, so that the person is never
     * contacted again, and the evidence records as proof, unreadable, for the record-keeping period (RET-03).
     */
    private static List<HeldData> erased(SubjectErasures.Result erasure, long evidenceKept) {
        List<HeldData> done = new ArrayList<>();
        done.add(new HeldData(
                "personal-data-erased",
                1,
                "personal data in consent evidence made unreadable (data keys destroyed) at " + erasure.erasedAt()));
        done.add(new HeldData(
                "exception-suppression-kept",
                1,
                "your number is kept only as a one-way hash marked not to be contacted, so that you are never texted"
                        + " or called again; an opt-out you sent stays in force"));
        if (evidenceKept > 0) {
            done.add(new HeldData(
                    "exception-evidence-kept",
                    evidenceKept,
                    "records of your consent and its withdrawal kept as proof for legal claims, their personal data"
                            + " unreadable, for 5 years (the Telemarketing Sales Rule's record-keeping period)"));
        }
        return done;
    }

    private static String describe(List<CurrentConsent> consents) {
        return consents.stream()
                .map(c -> c.channel() + ": " + c.status() + " since " + c.changedAt())
                .collect(Collectors.joining("; "));
    }

    private Uni<Void> publish(
            EventEnvelope<DsarTaskIssued> task, List<HeldData> held, Map<String, List<Map<String, Object>>> copy) {
        DsarTaskCompleted answer = DsarAnswers.answer(task.data(), SERVICE, held);
        return DsarAnswers.send(
                results, task.subject(), DsarAnswers.events(SOURCE, task.tenantId(), task.subjectId(), answer, copy));
    }
}
