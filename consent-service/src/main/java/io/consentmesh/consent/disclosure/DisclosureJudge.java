package io.consentmesh.consent.disclosure;

import io.consentmesh.consent.disclosure.DisclosureRules.Assessment;
import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.consent.evidence.EvidenceKind;
import io.consentmesh.consent.evidence.EvidenceLedger;
import io.consentmesh.consent.evidence.NewEvidence;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.CallDirection;
import io.consentmesh.contracts.telephony.CallStatusChanged;
import io.consentmesh.privacy.seal.PersonalData;
import io.consentmesh.privacy.seal.PersonalEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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
    private final PersonalData personalData;
    private final MeterRegistry metrics;
    private final DisclosureRules rules = DisclosureRules.bundled();
    private final Clock clock = Clock.systemUTC();

    DisclosureJudge(
            EvidenceLedger ledger,
            RecordingPolicies policies,
            SubjectKeys subjectKeys,
            PersonalData personalData,
            MeterRegistry metrics) {
        this.personalData = personalData;
        this.ledger = ledger;
        this.policies = policies;
        this.subjectKeys = subjectKeys;
        this.metrics = metrics;
        for (CallVerdict verdict : CallVerdict.values()) { // every series from the start, for dashboards and alerts
            metrics.counter("mesh.consent.disclosure.verdicts", "verdict", verdict.name());
        }
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

    public Uni<Optional<CallVerdict>> judge(SqlConnection connection, TenantId tenant, String callId, Trigger trigger) {
        return connection
                .preparedQuery(
                        "SELECT subject_id, verdict, verdicts, ended_at IS NOT NULL AS ended FROM call_disclosure"
                                + " WHERE tenant_id = $1 AND call_id = $2 FOR UPDATE")
                .execute(Tuple.of(tenant.value(), callId))
                .chain(rows -> {
                    Iterator<Row> found = rows.iterator();
                    if (!found.hasNext()) {
                        return Uni.createFrom().item(Optional.<CallVerdict>empty());
                    }
                    Row call = found.next();
                    boolean ended = call.getBoolean("ended");
                    String current = call.getString("verdict");
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
                    String subject = call.getString("subject_id") == null
                            ? null
                            : call.getString("subject_id").trim();
                    int verdicts = call.getInteger("verdicts");
                    return events(connection, tenant, callId).chain(events -> policies.of(connection, tenant)
                            .chain(policy -> record(
                                    connection,
                                    tenant,
                                    callId,
                                    subject,
                                    current,
                                    verdicts,
                                    events,
                                    ended ? rules.assess(CallEvents.facts(callId, events, policy)) : null)));
                });
    }

    private Uni<Optional<CallVerdict>> record(
            SqlConnection connection,
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
        return ledger.appendAll(connection, List.of(evidence)).chain(batch -> {
            Optional<UUID> appended = batch.get(0);
            UUID evidenceId = appended.orElse(EvidenceLedger.idOf(tenant, evidence.sourceEventId()));
            Uni<RowSet<Row>> update = connection
                    .preparedQuery("UPDATE call_disclosure SET verdict = $1, verdict_evidence_id = $2,"
                            + " verdicts = verdicts + 1, incomplete_at = CASE WHEN $3 THEN now() ELSE incomplete_at END"
                            + " WHERE tenant_id = $4 AND call_id = $5")
                    .execute(Tuple.of(
                            verdict.name(), evidenceId, verdict == CallVerdict.INCOMPLETE, tenant.value(), callId));
            Uni<Void> violation = verdict.isViolation() && appended.isPresent()
                    ? connection
                            .preparedQuery("INSERT INTO violation_outbox (evidence_id) VALUES ($1)")
                            .execute(Tuple.of(evidenceId))
                            .replaceWithVoid()
                    : Uni.createFrom().voidItem();
            metrics.counter("mesh.consent.disclosure.verdicts", "verdict", verdict.name())
                    .increment();
            return update.chain(() -> violation).replaceWith(Optional.of(verdict));
        });
    }

    /** The call's events, their personal fields opened (an erased person's read as erased: the timings still count). */
    private Uni<List<EventEnvelope<?>>> events(SqlConnection connection, TenantId tenant, String callId) {
        return connection
                .preparedQuery("SELECT envelope FROM call_event WHERE tenant_id = $1 AND call_id = $2"
                        + " ORDER BY occurred_at, event_id")
                .execute(Tuple.of(tenant.value(), callId))
                .chain(rows -> {
                    List<EventEnvelope<?>> events = new ArrayList<>();
                    rows.forEach(row -> events.add(EventCodec.decode(row.getString("envelope"))));
                    return PersonalEvents.openerFor(personalData, events).map(opener -> events.stream()
                            .<EventEnvelope<?>>map(event -> PersonalEvents.openKeepingErased(event, opener))
                            .toList());
                });
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
