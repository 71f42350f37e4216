package io.consentmesh.dsar.requests;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.dsar.clock.ClockRule;
import io.consentmesh.dsar.record.DsarRecord;
import io.consentmesh.dsar.tasks.DsarTaskPublisher;
import io.consentmesh.dsar.verification.Assurance;
import io.consentmesh.dsar.verification.VerificationMethod;
import io.consentmesh.dsar.verification.Verifications;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** The transition every verified request makes, however it was verified; in the caller's transaction. */
@ApplicationScoped
class Transitions {

    private final DsarRecord record;
    private final DsarTaskPublisher tasks;
    private final Verifications verifications;
    private final DsarConfig config;

    Transitions(DsarRecord record, DsarTaskPublisher tasks, Verifications verifications, DsarConfig config) {
        this.record = record;
        this.tasks = tasks;
        this.verifications = verifications;
        this.config = config;
    }

    /**
     * The person is verified: a clock that waited for it starts now, the code goes, the task is queued for every
     * service, and the record says so (VERIFIED, TASK_ISSUED). Call {@link #committed} after the commit.
     */
    Uni<Void> verified(
            SqlConnection tx,
            Pending request,
            VerificationMethod method,
            Assurance reached,
            String by,
            Map<String, Object> evidence) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ClockRule rule = request.rule();
        Instant started = request.clockStartedAt() == null ? now : request.clockStartedAt();
        Instant due = request.answerDue(started);
        Instant confirmDue = rule.confirmationDue(started).orElse(null);
        Map<String, Object> detail = new TreeMap<>(evidence);
        detail.put("method", method.name());
        detail.put("assurance", reached.name());
        detail.put("by", by);
        detail.put("clockStartedAt", started.toString());
        detail.put("dueAt", due.toString());
        return tx.preparedQuery(
                        """
                        UPDATE dsar_request SET status = 'AWAITING_RESULTS', verified_at = $3, verified_by = $4,
                               verification_method = $5, assurance_reached = $6, clock_started_at = $7, due_at = $8,
                               original_due_at = $8, confirm_due_at = $9
                        WHERE id = $1 AND tenant_id = $2""")
                .execute(Tuple.from(Arrays.asList(
                        request.id(),
                        request.tenant(),
                        utc(now),
                        by,
                        method.name(),
                        reached.name(),
                        utc(started),
                        utc(due),
                        confirmDue == null ? null : utc(confirmDue))))
                .chain(() -> verifications.discard(tx, request.id()))
                .chain(() -> append(tx, request, DsarRecord.Kind.VERIFIED, detail))
                .chain(() -> tasks.queue(tx, request.id()))
                .chain(() -> append(
                        tx,
                        request,
                        DsarRecord.Kind.TASK_ISSUED,
                        DsarRecord.detail(
                                "taskId", "task-" + request.id(),
                                "dueAt", due.toString(),
                                "responders", String.join(",", config.responders()))));
    }

    /** Records a one-time step of the request (its source is the request). */
    Uni<Void> append(SqlConnection tx, Pending request, DsarRecord.Kind kind, Map<String, Object> detail) {
        return record.append(
                tx,
                request.tenant(),
                request.subject(),
                request.id(),
                kind,
                request.id().toString(),
                detail);
    }

    /** Records a step that may happen more than once (a failed code, a resend, a join). */
    Uni<Void> appendRepeatable(
            SqlConnection tx, Pending request, DsarRecord.Kind kind, String occurrence, Map<String, Object> detail) {
        return record.append(
                tx, request.tenant(), request.subject(), request.id(), kind, request.id() + "/" + occurrence, detail);
    }

    /** After the transaction committed: what it queued goes out. */
    void committed() {
        tasks.wake();
        record.published();
        verifications.queued();
    }
}
