package io.consentmesh.contracts.dsar;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import java.time.Instant;
import java.util.List;

/**
 * A service's answer to a {@link DsarTaskIssued}: what it holds about the subject, or why it could not answer.
 *
 * @param recordPages how many {@link DsarHeldRecords} pages the service sent before this answer (under the same key,
 *     so earlier on the partition): the records themselves, for an access or portability copy; 0 for other rights
 */
public record DsarTaskCompleted(
        String taskId,
        String requestId,
        String respondingService,
        DsarTaskOutcome outcome,
        List<HeldData> held,
        String failureReason,
        Instant completedAt,
        int recordPages) {

    public DsarTaskCompleted {
        text(taskId, "taskId");
        text(requestId, "requestId");
        text(respondingService, "respondingService");
        value(outcome, "outcome");
        held = held == null ? List.of() : List.copyOf(held);
        value(completedAt, "completedAt");
        if (recordPages < 0) {
            throw new IllegalArgumentException("recordPages must not be negative");
        }
    }

    /** An answer that sent no records (every right but access and portability). */
    public DsarTaskCompleted(
            String taskId,
            String requestId,
            String respondingService,
            DsarTaskOutcome outcome,
            List<HeldData> held,
            String failureReason,
            Instant completedAt) {
        this(taskId, requestId, respondingService, outcome, held, failureReason, completedAt, 0);
    }
}
