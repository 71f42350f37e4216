package io.consentmesh.dsar.requests;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.consentmesh.contracts.dsar.DsarRequestType;
import io.consentmesh.contracts.dsar.HeldData;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.dsar.clock.ClockRule;
import io.consentmesh.dsar.clock.ClockRules;
import io.consentmesh.dsar.clock.Jurisdiction;
import io.consentmesh.dsar.recipients.Disclosure;
import io.consentmesh.dsar.recipients.Disclosures;
import io.consentmesh.dsar.tasks.DsarTaskPublisher;
import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.runtime.subject.SubjectConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
    private static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(5);
    private static final java.time.Duration OLDEST_RECEIPT = java.time.Duration.ofDays(366);

    private final Pool database;
    private final DsarTaskPublisher tasks;
    private final SubjectKeys subjectKeys;
    private final SubjectConfig subjects;
    private final DsarConfig config;
    private final Disclosures disclosures;

    DsarRequests(
            Pool database,
            DsarTaskPublisher tasks,
            SubjectKeys subjectKeys,
            SubjectConfig subjects,
            DsarConfig config,
            Disclosures disclosures) {
        this.database = database;
        this.disclosures = disclosures;
        this.tasks = tasks;
        this.subjectKeys = subjectKeys;
        this.subjects = subjects;
        this.config = config;
    }

    /** What opening a request did: made it, or joined the person's open request of the same type. */
    public record Opened(DsarRequestView request, boolean created) {}

    public Uni<Opened> open(NewDsarRequest request) {
        SubjectId subject = subjectKeys.subjectOf(
                request.tenantId(), request.phoneNumber(), subjects.defaultRegion(), "phoneNumber");
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps
        Instant receivedAt = receivedAt(request, now);
        ClockRule rule = ClockRules.of(request.jurisdiction());
        Instant dueAt = rule.answerDue(receivedAt);
        Instant confirmDueAt = rule.confirmationDue(receivedAt).orElse(null);
        String tenant = request.tenantId().value();
        return database.withTransaction(connection -> connection
                        .preparedQuery(
                                "INSERT INTO dsar_request (id, tenant_id, subject_id, request_type, jurisdiction,"
                                        + " status, received_at, due_at, task_id, original_due_at, confirm_due_at)"
                                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8, $10)"
                                        + " ON CONFLICT (tenant_id, subject_id, request_type) WHERE status = 'AWAITING_RESULTS'"
                                        + " DO NOTHING RETURNING id")
                        .execute(Tuple.from(Arrays.asList(
                                id,
                                tenant,
                                subject.value(),
                                request.type().name(),
                                request.jurisdiction().name(),
                                RequestStatus.AWAITING_RESULTS.name(),
                                utc(receivedAt),
                                utc(dueAt),
                                "task-" + id,
                                confirmDueAt == null ? null : utc(confirmDueAt))))
                        .chain(inserted -> inserted.iterator().hasNext()
                                ? connection
                                        .preparedQuery("INSERT INTO dsar_task_outbox (request_id) VALUES ($1)")
                                        .execute(Tuple.of(id))
                                        .replaceWith(id)
                                : connection
                                        .preparedQuery("SELECT id FROM dsar_request WHERE tenant_id = $1"
                                                + " AND subject_id = $2 AND request_type = $3"
                                                + " AND status = 'AWAITING_RESULTS'")
                                        .execute(Tuple.of(
                                                tenant,
                                                subject.value(),
                                                request.type().name()))
                                        .map(open -> open.iterator().next().getUUID("id"))))
                .chain(openId -> {
                    boolean created = openId.equals(id);
                    if (created) {
                        tasks.wake();
                    }
                    return find(tenant, openId).map(found -> new Opened(found.orElseThrow(), created));
                });
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

    /**
     * Takes the one extension the request's law allows: the person has been told, with the reasons, and the answer
     * falls due at the end of the extension. Refused (422) where the law allows none, once taken, and after the first
     * period has ended (the notice is late by then).
     */
    public Uni<Optional<DsarRequestView>> extend(String tenantId, UUID id, String reason, String by) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalidRequest("reason is required: the person is told why the answer takes longer");
        }
        if (reason.length() > 2000) {
            throw ProblemException.invalidRequest("reason is longer than 2000 characters");
        }
        return database.withTransaction(connection -> connection
                        .preparedQuery("SELECT jurisdiction, received_at, extended_at FROM dsar_request"
                                + " WHERE id = $1 AND tenant_id = $2 FOR UPDATE")
                        .execute(Tuple.of(id, tenantId))
                        .chain(rows -> {
                            if (!rows.iterator().hasNext()) {
                                return Uni.createFrom().item(false);
                            }
                            Row row = rows.iterator().next();
                            ClockRule rule = ClockRules.of(Jurisdiction.valueOf(row.getString("jurisdiction")));
                            Instant receivedAt =
                                    row.getOffsetDateTime("received_at").toInstant();
                            Instant now = Instant.now();
                            Instant extended = rule.extendedDue(receivedAt)
                                    .orElseThrow(() -> refused(
                                            "extension-not-allowed",
                                            rule.jurisdiction() + " allows no extension (" + rule.basis() + ")"));
                            if (row.getOffsetDateTime("extended_at") != null) {
                                throw refused(
                                        "already-extended",
                                        "the request was extended already: once is the most the law allows");
                            }
                            if (now.isAfter(rule.answerDue(receivedAt))) {
                                throw refused(
                                        "extension-notice-late",
                                        "the first period ended at " + rule.answerDue(receivedAt)
                                                + ": the person had to be told of an extension before then");
                            }
                            return connection
                                    .preparedQuery(
                                            "UPDATE dsar_request SET due_at = $3, extended_at = now(),"
                                                    + " extended_by = $4, extension_reason = $5 WHERE id = $1 AND tenant_id = $2")
                                    .execute(Tuple.from(Arrays.asList(id, tenantId, utc(extended), by, reason)))
                                    .replaceWith(true);
                        }))
                .chain(found -> found ? find(tenantId, id) : Uni.createFrom().item(Optional.empty()));
    }

    /**
     * Records that the person was told their request was received (CCPA asks it within 10 business days, DSR-04). The
     * first confirmation stands: confirming again changes nothing.
     */
    public Uni<Optional<DsarRequestView>> confirm(String tenantId, UUID id, ConfirmationChannel channel, String by) {
        if (channel == null) {
            throw ProblemException.invalidRequest("channel is required (SMS, EMAIL, POST, WEB or PHONE)");
        }
        return database.preparedQuery("UPDATE dsar_request SET confirmed_at = now(), confirmed_by = $3,"
                        + " confirmation_channel = $4 WHERE id = $1 AND tenant_id = $2 AND confirmed_at IS NULL")
                .execute(Tuple.of(id, tenantId, by, channel.name()))
                .chain(() -> find(tenantId, id));
    }

    private static ProblemException refused(String slug, String detail) {
        return new ProblemException(Problem.of(422, slug, "Extension refused", detail));
    }

    /** Empty for an unknown id and for another tenant's request alike: its existence is not the caller's to learn. */
    public Uni<Optional<DsarRequestView>> find(String tenantId, UUID id) {
        return database.preparedQuery("SELECT id, tenant_id, subject_id, request_type, jurisdiction, status,"
                        + " received_at, due_at, confirm_due_at, original_due_at, extended_at, extended_by,"
                        + " extension_reason, confirmed_at, confirmed_by, confirmation_channel"
                        + " FROM dsar_request WHERE id = $1 AND tenant_id = $2")
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
                results,
                awaiting,
                recipients);
    }

    private static DsarRequestView.Clock clock(Row row) {
        ClockRule rule = ClockRules.of(Jurisdiction.valueOf(row.getString("jurisdiction")));
        Instant originalDue = row.getOffsetDateTime("original_due_at").toInstant();
        boolean extended = row.getOffsetDateTime("extended_at") != null;
        return new DsarRequestView.Clock(
                rule.ruleIds(),
                rule.basis(),
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
