package io.consentmesh.dsar.requests;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.contracts.subject.PhoneNumbers;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.dsar.clock.ClockRule;
import io.consentmesh.dsar.clock.ClockRules;
import io.consentmesh.dsar.record.DsarRecord;
import io.consentmesh.dsar.verification.Assurance;
import io.consentmesh.dsar.verification.RightRules;
import io.consentmesh.dsar.verification.VerificationMethod;
import io.consentmesh.dsar.verification.VerificationTexts;
import io.consentmesh.dsar.verification.Verifications;
import io.consentmesh.privacy.seal.PersonalData;
import io.consentmesh.privacy.seal.Sealer;
import io.consentmesh.runtime.chain.ChainHash;
import io.consentmesh.runtime.chain.SubjectRef;
import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.runtime.subject.SubjectConfig;
import io.consentmesh.security.Roles;
import io.consentmesh.security.caller.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Takes a request in. It is stored with its clock and recorded (RECEIVED); then either it is verified at once — the
 * right needs no verification, or privacy-ops attests the person's identity — and its task goes to every service, or
 * the person is texted a one-time code and nothing more happens until they enter it. The request, its record, its
 * code and its task are written in one transaction. One open request per person and type: a second is joined.
 */
@ApplicationScoped
public class Intake {

    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Duration OLDEST_RECEIPT = Duration.ofDays(366);

    /** What opening a request did: made it, or joined the person's open request of the same type. */
    public record Opened(UUID id, boolean created) {}

    private final Pool database;
    private final SubjectKeys subjectKeys;
    private final SubjectConfig subjects;
    private final Verifications verifications;
    private final Transitions transitions;
    private final PersonalData personalData;

    Intake(
            Pool database,
            SubjectKeys subjectKeys,
            SubjectConfig subjects,
            Verifications verifications,
            Transitions transitions,
            PersonalData personalData) {
        this.database = database;
        this.subjectKeys = subjectKeys;
        this.subjects = subjects;
        this.verifications = verifications;
        this.transitions = transitions;
        this.personalData = personalData;
    }

    public Uni<Opened> open(NewDsarRequest request, Caller caller) {
        boolean privacyOps = caller.roles().contains(Roles.PRIVACY_OPS);
        RequestSource source =
                request.source() != null ? request.source() : privacyOps ? RequestSource.PRIVACY_OPS : null;
        if (source == null) {
            throw ProblemException.invalidRequest("source is required: who brought the request in (PERSON_WEB_FORM,"
                    + " PERSON_SMS, AGENT_RUNTIME or AUTHORIZED_AGENT)");
        }
        if (!privacyOps && (source == RequestSource.PRIVACY_OPS || request.attestation() != null)) {
            throw new ProblemException(Problem.of(
                    403,
                    "privacy-ops-only",
                    "Forbidden",
                    "only privacy-ops enters requests as its own or attests a person's identity"));
        }
        String tenant = request.tenantId().value();
        SubjectId subject = subjectKeys.subjectOf(
                request.tenantId(), request.phoneNumber(), subjects.defaultRegion(), "phoneNumber");
        String e164 = PhoneNumbers.toE164(request.phoneNumber(), subjects.defaultRegion());
        String language = VerificationTexts.language(request.language());
        RightRules.RightRule right = RightRules.of(request.type());
        NewDsarRequest.Attestation attestation = request.attestation();
        if (attestation != null && !attestation.assurance().satisfies(right.needed())) {
            throw insufficient(right, attestation.assurance());
        }
        boolean verifiedNow = right.needed() == Assurance.NONE || attestation != null;
        ClockRule rule = ClockRules.of(request.jurisdiction());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps
        Instant receivedAt = receivedAt(request, now);
        // a law that waits for verification starts the clock when it is done; until then the due date is provisional
        Instant clockStart = verifiedNow || !rule.pausesWhileUnverified() ? receivedAt : null;
        Instant clockBase = clockStart == null ? receivedAt : clockStart;
        Instant dueAt = right.answerDue(rule, clockBase);
        Instant confirmDueAt = rule.confirmationDue(clockBase).orElse(null);
        UUID id = UUID.randomUUID();
        Pending pending = new Pending(
                id,
                tenant,
                subject.value(),
                request.type(),
                request.jurisdiction(),
                verifiedNow ? RequestStatus.AWAITING_RESULTS : RequestStatus.AWAITING_VERIFICATION,
                language,
                right.needed(),
                receivedAt,
                clockStart);
        Map<String, Object> received = DsarRecord.detail(
                "type", request.type().name(),
                "jurisdiction", request.jurisdiction().name(),
                "clockRuleIds", String.join(",", rule.ruleIds()),
                "source", source.name(),
                "by", caller.principal(),
                "language", language,
                "assuranceRequired", right.needed().name(),
                "assuranceRule", right.why(),
                "rightRuleIds", String.join(",", right.ruleIds()),
                "receivedAt", receivedAt.toString(),
                "clockStartedAt", clockStart == null ? null : clockStart.toString(),
                "dueAt", dueAt.toString());
        if (request.authorizedAgent() != null) {
            received.put("authorizedAgent", agent(request.authorizedAgent()));
        }
        SubjectRef person = new SubjectRef(tenant, subject.value());
        // the person's key before the transaction: making one may need a connection of its own
        return personalData
                .sealer(List.of(person))
                .chain(sealer -> database.withTransaction(tx -> tx.preparedQuery(
                                "INSERT INTO dsar_request (id, tenant_id, subject_id, request_type, jurisdiction,"
                                        + " status, received_at, due_at, task_id, original_due_at, confirm_due_at,"
                                        + " source, language, assurance_required, clock_started_at, authorized_agent)"
                                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8, $10, $11, $12, $13, $14,"
                                        + " $15::text::jsonb)"
                                        + " ON CONFLICT (tenant_id, subject_id, request_type)"
                                        + " WHERE status IN ('AWAITING_VERIFICATION', 'AWAITING_RESULTS')"
                                        + " DO NOTHING RETURNING id")
                        .execute(Tuple.from(Arrays.asList(
                                id,
                                tenant,
                                subject.value(),
                                request.type().name(),
                                request.jurisdiction().name(),
                                RequestStatus.AWAITING_VERIFICATION.name(),
                                utc(receivedAt),
                                utc(dueAt),
                                "task-" + id,
                                confirmDueAt == null ? null : utc(confirmDueAt),
                                source.name(),
                                language,
                                right.needed().name(),
                                clockStart == null ? null : utc(clockStart),
                                request.authorizedAgent() == null
                                        ? null
                                        : ChainHash.json(agent(request.authorizedAgent())))))
                        .chain(inserted -> inserted.iterator().hasNext()
                                ? created(tx, sealer, pending, received, attestation, e164, caller)
                                        .replaceWith(new Opened(id, true))
                                : joined(tx, pending, source, caller))))
                .invoke(transitions::committed);
    }

    private Uni<Void> created(
            SqlConnection tx,
            Sealer sealer,
            Pending request,
            Map<String, Object> received,
            NewDsarRequest.Attestation attestation,
            String e164,
            Caller caller) {
        Uni<Void> recorded = transitions.append(tx, request, DsarRecord.Kind.RECEIVED, received);
        if (attestation != null) {
            SubjectRef person = new SubjectRef(request.tenant(), request.subject());
            return recorded.chain(() -> transitions.verified(
                    tx,
                    request,
                    VerificationMethod.ATTESTED,
                    attestation.assurance(),
                    caller.principal(),
                    Map.of("evidence", sealer.seal(person, "dsar.attestation", attestation.evidence()))));
        }
        if (request.assuranceRequired() == Assurance.NONE) {
            return recorded.chain(() -> transitions.verified(
                    tx,
                    request,
                    VerificationMethod.NONE_NEEDED,
                    Assurance.NONE,
                    "the law (no verification)",
                    Map.of()));
        }
        return recorded.chain(() -> verifications.issue(
                        tx, sealer, request.tenant(), request.subject(), request.id(), e164, request.language()))
                .chain(sent -> transitions.appendRepeatable(
                        tx,
                        request,
                        DsarRecord.Kind.VERIFICATION_SENT,
                        "send-1",
                        DsarRecord.detail(
                                "channel",
                                "SMS",
                                "send",
                                sent.sends(),
                                "expiresAt",
                                sent.expiresAt().toString())));
    }

    /** The person's open request of the same type, asked for again: the same request, and the record says so. */
    private Uni<Opened> joined(SqlConnection tx, Pending asked, RequestSource source, Caller caller) {
        return tx.preparedQuery("SELECT id FROM dsar_request WHERE tenant_id = $1 AND subject_id = $2"
                        + " AND request_type = $3 AND status IN ('AWAITING_VERIFICATION', 'AWAITING_RESULTS')")
                .execute(Tuple.of(asked.tenant(), asked.subject(), asked.type().name()))
                .chain(rows -> {
                    UUID open = rows.iterator().next().getUUID("id");
                    return Pending.lock(tx, asked.tenant(), open)
                            .chain(pending -> transitions.appendRepeatable(
                                    tx,
                                    pending,
                                    DsarRecord.Kind.JOINED,
                                    UUID.randomUUID().toString(),
                                    DsarRecord.detail("source", source.name(), "by", caller.principal())))
                            .replaceWith(new Opened(open, false));
                });
    }

    private static Map<String, Object> agent(NewDsarRequest.AuthorizedAgent agent) {
        Map<String, Object> json = new TreeMap<>();
        json.put("name", agent.name());
        json.put("permissionReference", agent.permissionReference());
        json.put("permissionSignedAt", agent.permissionSignedAt().toString());
        return json;
    }

    static ProblemException insufficient(RightRules.RightRule right, Assurance reached) {
        return new ProblemException(Problem.of(
                422,
                "assurance-insufficient",
                "Identity not verified enough",
                right.type() + " needs " + right.needed() + " assurance, this verification gives " + reached + ": "
                        + right.why()));
    }

    /** A request entered after the person made it keeps its receipt time; never one in the future or long past. */
    private static Instant receivedAt(NewDsarRequest request, Instant now) {
        if (request.receivedAt() == null) {
            return now;
        }
        Instant received = request.receivedAt().truncatedTo(ChronoUnit.MICROS);
        if (received.isAfter(now.plus(CLOCK_SKEW))) {
            throw ProblemException.invalidRequest("receivedAt is in the future");
        }
        if (received.isBefore(now.minus(OLDEST_RECEIPT))) {
            throw ProblemException.invalidRequest(
                    "receivedAt is more than a year ago: every clock has run out by then");
        }
        return received;
    }
}
