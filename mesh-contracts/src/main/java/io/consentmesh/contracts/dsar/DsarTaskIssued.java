package io.consentmesh.contracts.dsar;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import java.time.Instant;

/**
 * The DSAR service asks every service to act on a data-subject request for the event's subject.
 *
 * @param dueAt when the answer to the person is legally due; services answer well before it
 */
public record DsarTaskIssued(String taskId, String requestId, DsarRequestType requestType, Instant dueAt) {

    public DsarTaskIssued {
        text(taskId, "taskId");
        text(requestId, "requestId");
        value(requestType, "requestType");
        value(dueAt, "dueAt");
    }
}
