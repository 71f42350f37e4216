package io.consentmesh.dsar.requests;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.consentmesh.contracts.dsar.DsarRequestType;
import io.consentmesh.contracts.dsar.HeldData;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.dsar.clock.ClockRule;
import io.consentmesh.dsar.clock.ClockRules;
import io.consentmesh.dsar.clock.Jurisdiction;
import io.consentmesh.dsar.recipients.Disclosure;
import io.consentmesh.dsar.recipients.Disclosures;
import io.consentmesh.dsar.record.DsarRecord;
import io.consentmesh.dsar.tasks.DsarTaskPublisher;
import io.consentmesh.dsar.verification.RightRules;
import io.consentmesh.runtime.http.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Takes requests in and reads them back. A request and its task are written in one transaction (the task into the
 * outbox that {@link DsarTaskPublisher} publishes from), so every stored request gets its task and no task goes out
 * for a request that was not stored.
 */
@ApplicationScoped
public class DsarRequests {

    private static final TypeReference<List<HeldData>> HELD_LIST = new TypeReference<>() {};

    private final Pool database;
    private final DsarConfig config;
    private final Disclosures disclosures;
    private final Transitions transitions;

    DsarRequests(Pool database, DsarConfig config, Disclosures disclosures, Transitions transitions) {
        this.database = database;
        this.disclosures = disclosures;
        this.config = config;
        this.transitions = transitions;
    }

    /**
     * Takes the one extension the request's law allows: the person has been told, with the reasons, and the answer
     * falls due at the end of the extension. Refused (422) where the law allows none, once taken, and after the first
     * period has ended (the notice is late by then).
     */
    public Uni<DsarRequestView> extend(String tenantId, UUID id, String reason, String by) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalidRequest("reason is required: the person is told why the answer takes longer");
        }
        if (reason.length() > 2000) {
            throw ProblemException.invalidRequest("reason is longer than 2000 characters");
        }
        return database.withTransaction(tx -> Pending.lock(tx, tenantId, id).chain(request -> tx.preparedQuery(
                                "SELECT extended_at FROM dsar_request WHERE id = $1")
                        .execute(Tuple.of(id))
                        .chain(rows -> {
                            ClockRule rule = request.rule();
                            Instant started = request.clockStartedAt();
                            if (started == null) {
                                throw refused(
                                        "clock-not-started",
                                        "the clock starts when the person's identity is verified: nothing to extend");
                            }
                            if (RightRules.of(request.type()).answerWithin().isPresent()) {
                                throw refused(
                                        "extension-not-allowed",
                                        request.type() + " has a deadline of its own, which the law does not let"
                                                + " extend ("
                                                + RightRules.of(request.type()).why() + ")");
                            }
                            Instant extended = rule.extendedDue(started)
                                    .orElseThrow(() -> refused(
                                            "extension-not-allowed",
                                            rule.jurisdiction() + " allows no extension (" + rule.basis() + ")"));
                            if (rows.iterator().next().getOffsetDateTime("extended_at") != null) {
                                throw refused(
                                        "already-extended",
                                        "the request was extended already: once is the most the law allows");
                            }
                            if (Instant.now().isAfter(rule.answerDue(started))) {
                                throw refused(
                                        "extension-notice-late",
                                        "the first period ended at " + rule.answerDue(started)
                                                + ": the person had to be told of an extension before then");
                            }
                            return tx.preparedQuery(
                                            "UPDATE dsar_request SET due_at = $3, extended_at = now(),"
                                                    + " extended_by = $4, extension_reason = $5 WHERE id = $1 AND tenant_id = $2")
                                    .execute(Tuple.from(Arrays.asList(id, tenantId, utc(extended), by, reason)))
                                    .chain(() -> transitions.append(
                                            tx,
                                            request,
                                            DsarRecord.Kind.EXTENDED,
                                            DsarRecord.detail(
                                                    "reason",
                                                    reason,
                                                    "by",
                                                    by,
                                                    "dueAt",
                                                    extended.toString(),
                                                    "clockRuleIds",
                                                    String.join(",", rule.ruleIds()))));
                        })))
                .invoke(transitions::committed)
                .chain(() -> get(tenantId, id));
    }

    /**
     * Records that the person was told their request was received (CCPA asks it within 10 business days, DSR-04). The
     * first confirmation stands: confirming again changes nothing.
     */
    public Uni<DsarRequestView> confirm(String tenantId, UUID id, ConfirmationChannel channel, String by) {
        if (channel == null) {
            throw ProblemException.invalidRequest("channel is required (SMS, EMAIL, POST, WEB or PHONE)");
        }
        return database.withTransaction(tx -> Pending.lock(tx, tenantId, id).chain(request -> tx.preparedQuery(
                                "UPDATE dsar_request SET confirmed_at = now(), confirmed_by = $3,"
                                        + " confirmation_channel = $4 WHERE id = $1 AND tenant_id = $2"
                                        + " AND confirmed_at IS NULL RETURNING id")
                        .execute(Tuple.of(id, tenantId, by, channel.name()))
                        .chain(updated -> updated.iterator().hasNext()
                                ? transitions.append(
                                        tx,
                                        request,
                                        DsarRecord.Kind.CONFIRMED,
                                        DsarRecord.detail("channel", channel.name(), "by", by))
                                : Uni.createFrom().voidItem())))
                .invoke(transitions::committed)
                .chain(() -> get(tenantId, id));
    }

    private static ProblemException refused(String slug, String detail) {
        return new ProblemException(Problem.of(422, slug, "Extension refused", detail));
    }

    /** The tenant's request; 404 for an unknown one and another tenant's alike. */
    public Uni<DsarRequestView> get(String tenantId, UUID id) {
        return find(tenantId, id).map(found -> found.orElseThrow(Pending::notFound));
    }

    /** Empty for an unknown id and for another tenant's request alike: its existence is not the caller's to learn. */
    public Uni<Optional<DsarRequestView>> find(String tenantId, UUID id) {
        return database.preparedQuery("SELECT id, tenant_id, subject_id, request_type, jurisdiction, status,"
                        + " received_at, due_at, confirm_due_at, original_due_at, extended_at, extended_by,"
                        + " extension_reason, confirmed_at, confirmed_by, confirmation_channel, source, language,"
                        + " assurance_required, assurance_reached, verification_method, verified_at, verified_by,"
                        + " clock_started_at, authorized_agent::text AS authorized_agent, denied_at, denied_by,"
                        + " denial_basis, denial_reason, c.expires_at AS code_expires_at, c.sends AS codes_sent"
                        + " FROM dsar_request r LEFT JOIN dsar_verification_code c ON c.request_id = r.id"
                        + " WHERE r.id = $1 AND r.tenant_id = $2")
                .execute(Tuple.of(id, tenantId))
                .chain(rows -> !rows.iterator().hasNext()
                        ? Uni.createFrom().item(Optional.<DsarRequestView>empty())
                        : results(id)
                                .chain(results -> recipients(rows.iterator().next())
                                        .map(recipients ->
                                                Optional.of(view(rows.iterator().next(), results, recipients)))));
    }

    private Uni<List<DsarRequestView.Result>> results(UUID requestId) {
        return database.preparedQuery("SELECT responding_service, outcome, held::text AS held, completed_at"
                        + " FROM dsar_task_result WHERE request_id = $1 ORDER BY completed_at")
                .execute(Tuple.of(requestId))
                .map(DsarRequests::results);
    }

    private static List<DsarRequestView.Result> results(RowSet<Row> rows) {
        List<DsarRequestView.Result> results = new ArrayList<>();
        for (Row row : rows) {
            results.add(new DsarRequestView.Result(
                    row.getString("responding_service"),
                    row.getString("outcome"),
                    held(row.getString("held")),
                    row.getOffsetDateTime("completed_at").toInstant()));
        }
        return results;
    }

    /** Access answers list whom the person's data was disclosed to (DSR-03); other requests do not. */
    private Uni<List<Disclosure>> recipients(Row request) {
        String type = request.getString("request_type");
        if (!DsarRequestType.ACCESS.name().equals(type)
                && !DsarRequestType.PORTABILITY.name().equals(type)) {
            return Uni.createFrom().item(List.of());
        }
        return disclosures.ofSubject(
                request.getString("tenant_id"), request.getString("subject_id").trim());
    }

    private DsarRequestView view(Row row, List<DsarRequestView.Result> results, List<Disclosure> recipients) {
        Set<String> awaiting = new TreeSet<>(config.responders());
        results.forEach(r -> awaiting.remove(r.respondingService()));
        return new DsarRequestView(
                row.getUUID("id"),
                row.getString("tenant_id"),
                row.getString("subject_id").trim(),
                row.getString("request_type"),
                row.getString("jurisdiction"),
                row.getString("status"),
                row.getOffsetDateTime("received_at").toInstant(),
                row.getOffsetDateTime("due_at").toInstant(),
                clock(row),
                row.getString("source"),
                row.getString("language"),
                verification(row),
                row.getOffsetDateTime("denied_at") == null
                        ? null
                        : new DsarRequestView.Denial(
                                row.getOffsetDateTime("denied_at").toInstant(),
                                row.getString("denied_by"),
                                row.getString("denial_basis"),
                                row.getString("denial_reason")),
                results,
                awaiting,
                recipients);
    }

    private static DsarRequestView.Verification verification(Row row) {
        return new DsarRequestView.Verification(
                row.getString("assurance_required"),
                row.getString("assurance_reached"),
                row.getString("verification_method"),
                instant(row, "verified_at"),
                row.getString("verified_by"),
                instant(row, "code_expires_at"),
                row.getInteger("codes_sent"),
                row.getString("authorized_agent") == null
                        ? null
                        : EventCodec.mapper()
                                .convertValue(
                                        jsonTree(row.getString("authorized_agent")),
                                        NewDsarRequest.AuthorizedAgent.class));
    }

    private static com.fasterxml.jackson.databind.JsonNode jsonTree(String json) {
        try {
            return EventCodec.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is always valid: " + e.getOriginalMessage(), e);
        }
    }

    private static Instant instant(Row row, String column) {
        return row.getOffsetDateTime(column) == null
                ? null
                : row.getOffsetDateTime(column).toInstant();
    }

    private static DsarRequestView.Clock clock(Row row) {
        ClockRule rule = ClockRules.of(Jurisdiction.valueOf(row.getString("jurisdiction")));
        Instant originalDue = row.getOffsetDateTime("original_due_at").toInstant();
        boolean extended = row.getOffsetDateTime("extended_at") != null;
        return new DsarRequestView.Clock(
                rule.ruleIds(),
                rule.basis(),
                instant(row, "clock_started_at"),
                row.getOffsetDateTime("clock_started_at") == null,
                row.getOffsetDateTime("confirm_due_at") == null
                        ? null
                        : row.getOffsetDateTime("confirm_due_at").toInstant(),
                row.getOffsetDateTime("confirmed_at") == null
                        ? null
                        : new DsarRequestView.Confirmation(
                                row.getOffsetDateTime("confirmed_at").toInstant(),
                                row.getString("confirmation_channel"),
                                row.getString("confirmed_by")),
                originalDue,
                extended || rule.extension().isEmpty() ? null : originalDue,
                extended
                        ? new DsarRequestView.Extension(
                                row.getOffsetDateTime("extended_at").toInstant(),
                                row.getString("extended_by"),
                                row.getString("extension_reason"))
                        : null);
    }

    private static List<HeldData> held(String json) {
        try {
            return EventCodec.mapper().readValue(json, HELD_LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "stored results are always valid JSON: " + e.getOriginalMessage() + " in " + json, e);
        }
    }
}
