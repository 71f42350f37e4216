package io.consentmesh.contracts.dsar;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import java.time.Instant;
import java.util.List;

/** A service's answer to a {@link DsarTaskIssued}: what it holds about the subject, or why it could not answer. */
public record DsarTaskCompleted(
        String taskId,
        String requestId,
        String respondingService,
        DsarTaskOutcome outcome,
        List<HeldData> held,
        String failureReason,
        Instant completedAt) {

    public DsarTaskCompleted {
        text(taskId, "taskId");
        text(requestId, "requestId");
        text(respondingService, "respondingService");
        value(outcome, "outcome");
        held = held == null ? List.of() : List.copyOf(held);
        value(completedAt, "completedAt");
    }
}
