package io.consentmesh.consent.disclosure;

import io.consentmesh.consent.disclosure.DisclosureRules.Assessment;
import io.consentmesh.consent.ledger.Channel;
import io.consentmesh.consent.ledger.EvidenceKind;
import io.consentmesh.consent.ledger.EvidenceLedger;
import io.consentmesh.consent.ledger.NewEvidence;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.CallDirection;
import io.consentmesh.contracts.telephony.CallStatusChanged;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Judges a call inside the caller's transaction: once the call has ended (or was flagged incomplete), its stored events
 * are assessed by {@link DisclosureRules}; a verdict that differs from the call's current one — the first, or a change
 * brought by a late event — is appended to the evidence ledger with everything it was judged on, and a violation is
 * queued for {@code consent.violation.v1} in the same transaction.
 */
@ApplicationScoped
public class DisclosureJudge {

    private final EvidenceLedger ledger;
    private final RecordingPolicies policies;
    private final SubjectKeys subjectKeys;
    private final MeterRegistry metrics;
    private final DisclosureRules rules = DisclosureRules.bundled();
    private final Clock clock = Clock.systemUTC();

    DisclosureJudge(EvidenceLedger ledger, RecordingPolicies policies, SubjectKeys subjectKeys, MeterRegistry metrics) {
        this.ledger = ledger;
        this.policies = policies;
        this.subjectKeys = subjectKeys;
        this.metrics = metrics;
    }

    /** Why a call is being judged. */
    public enum Trigger {
        /** An event arrived: re-judge a call that has a verdict already (a late event); otherwise wait to settle. */
        EVENT,
        /** The call ended a while ago: judge it. */
        SETTLED,
        /** The call never ended in time: record INCOMPLETE. */
        TIMED_OUT
    }

    public Uni<Optional<CallVerdict>> judge(Mutiny.Session session, TenantId tenant, String callId, Trigger trigger) {
        return session.createNativeQuery(
                        "SELECT subject_id, verdict, verdicts, ended_at IS NOT NULL FROM call_disclosure"
                                + " WHERE tenant_id = :tenant AND call_id = :call FOR UPDATE",
                        Object[].class)
                .setParameter("tenant", tenant.value())
                .setParameter("call", callId)
                .getResultList()
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().item(Optional.<CallVerdict>empty());
                    }
                    Object[] call = rows.get(0);
                    boolean ended = (Boolean) call[3];
                    String current = (String) call[1];
                    boolean judged = current != null && !current.equals(CallVerdict.INCOMPLETE.name());
                    boolean due =
                            switch (trigger) {
                                case EVENT -> ended && judged;
                                case SETTLED -> ended;
                                case TIMED_OUT -> !ended && current == null;
                            };
                    if (!due) {
                        return Uni.createFrom().item(Optional.<CallVerdict>empty());
                    }
                    String subject = call[0] == null ? null : ((String) call[0]).trim();
                    return events(session, tenant, callId).chain(events -> policies.of(session, tenant)
                            .chain(policy -> record(
                                    session,
                                    tenant,
                                    callId,
                                    subject,
                                    (String) call[1],
                                    ((Number) call[2]).intValue(),
                                    events,
                                    ended ? rules.assess(CallEvents.facts(callId, events, policy)) : null)));
                });
    }

    private Uni<Optional<CallVerdict>> record(
            Mutiny.Session session,
            TenantId tenant,
            String callId,
            String storedSubject,
            String currentVerdict,
            int verdicts,
            List<EventEnvelope<?>> events,
            Assessment assessment) {
        CallVerdict verdict = assessment == null ? CallVerdict.INCOMPLETE : assessment.verdict();
        if (verdict.name().equals(currentVerdict)) {
            return Uni.createFrom().item(Optional.of(verdict));
        }
        SubjectId subject = storedSubject != null ? new SubjectId(storedSubject) : personOf(tenant, events);
        if (subject == null) {
            throw new IllegalStateException("call " + callId + " names no person; its verdict has no chain to go to");
        }
        Instant now = clock.instant();
        Map<String, Object> content = content(callId, verdict, assessment, events);
        NewEvidence evidence = new NewEvidence(
                tenant,
                subject,
                "disclosure-verdict/" + callId + "/" + (verdicts + 1),
                EvidenceKind.DISCLOSURE_VERDICT,
                Channel.VOICE,
                now,
                content);
        return ledger.append(session, evidence).chain(appended -> {
            UUID evidenceId = appended.orElse(EvidenceLedger.idOf(tenant, evidence.sourceEventId()));
            Uni<Integer> update = session.createNativeQuery(
                            "UPDATE call_disclosure SET verdict = :verdict, verdict_evidence_id = :evidence,"
                                    + " verdicts = verdicts + 1, incomplete_at = CASE WHEN :incomplete"
                                    + " THEN now() ELSE incomplete_at END WHERE tenant_id = :tenant AND call_id = :call")
                    .setParameter("verdict", verdict.name())
                    .setParameter("evidence", evidenceId)
                    .setParameter("incomplete", verdict == CallVerdict.INCOMPLETE)
                    .setParameter("tenant", tenant.value())
                    .setParameter("call", callId)
                    .executeUpdate();
            Uni<Integer> violation = verdict.isViolation() && appended.isPresent()
                    ? session.createNativeQuery("INSERT INTO violation_outbox (evidence_id) VALUES (:evidence)")
                            .setParameter("evidence", evidenceId)
                            .executeUpdate()
                    : Uni.createFrom().item(0);
            metrics.counter("mesh.consent.disclosure.verdicts", "verdict", verdict.name())
                    .increment();
            return update.chain(() -> violation).replaceWith(Optional.of(verdict));
        });
    }

    private static Uni<List<EventEnvelope<?>>> events(Mutiny.Session session, TenantId tenant, String callId) {
        return session.createNativeQuery(
                        "SELECT envelope FROM call_event WHERE tenant_id = :tenant AND call_id = :call"
                                + " ORDER BY occurred_at, event_id",
                        String.class)
                .setParameter("tenant", tenant.value())
                .setParameter("call", callId)
                .getResultList()
                .map(rows ->
                        rows.stream().<EventEnvelope<?>>map(EventCodec::decode).toList());
    }

    /** The consumer-side party of the call: the caller of an inbound call, the callee of an outbound one. */
    private SubjectId personOf(TenantId tenant, List<EventEnvelope<?>> events) {
        for (EventEnvelope<?> event : events) {
            if (event.subject() != null) {
                return event.subjectId();
            }
            if (event.data() instanceof CallStatusChanged status) {
                String person = status.direction() == CallDirection.INBOUND ? status.from() : status.to();
                return subjectKeys.subjectOf(tenant, person);
            }
        }
        return null;
    }

    /** What the verdict was judged on, canonically: the ledger hashes exactly this. */
    private static Map<String, Object> content(
            String callId, CallVerdict verdict, Assessment assessment, List<EventEnvelope<?>> events) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("callId", callId);
        content.put("verdict", verdict.name());
        content.put("eventIds", events.stream().map(EventEnvelope::id).toList());
        content.put("recordingIds", CallEvents.recordingIds(events));
        if (assessment == null) {
            content.put(
                    "reasons",
                    List.of("the call did not end within the configured time; its evidence may be" + " incomplete"));
            return content;
        }
        content.put("reasons", assessment.reasons());
        content.put("rules", assessment.rules());
        content.put("ruleDataVersion", assessment.dataVersion());
        content.put("recordingStartedAt", text(assessment.recordingStartedAt()));
        content.put("jurisdictions", assessment.jurisdictions());
        content.put("allPartyConsentJurisdictions", assessment.allPartyConsentJurisdictions());
        if (assessment.disclosure() != null) {
            DisclosureRules.Disclosure d = assessment.disclosure();
            Map<String, Object> disclosure = new LinkedHashMap<>();
            disclosure.put("announcementId", d.announcementId());
            disclosure.put("announcementVersion", d.announcementVersion());
            disclosure.put("language", d.language());
            disclosure.put("startedAt", text(d.startedAt()));
            disclosure.put("endedAt", text(d.endedAt()));
            disclosure.put("reportedBy", d.reportedBy());
            content.put("disclosure", disclosure);
        }
        return content;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
