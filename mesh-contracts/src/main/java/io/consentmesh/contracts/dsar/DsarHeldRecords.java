package io.consentmesh.contracts.dsar;

import static io.consentmesh.contracts.Required.text;

import java.util.List;
import java.util.Map;

/**
 * One page of the records a service holds about a subject, for an access or portability copy: sent on
 * {@code dsar.task-result.v1} under the subject's key before the service's {@link DsarTaskCompleted}, which counts the
 * pages. Pages are bounded in size ({@link #MAX_PAGE_BYTES}) so that no record batch nears the broker's limit.
 *
 * <p>Each record is a JSON object as the service stores it. Personal values stay sealed ({@code pv1.…}) under the
 * subject's data key, each under the name of the entry that holds it: the key holder that assembles the person's copy
 * (dsar-service) opens them there, so nothing personal is in clear on the topic.
 *
 * @param category what the records are, e.g. {@code consent-evidence}, {@code stored-items}
 * @param page this page's number within its category, from 0
 */
public record DsarHeldRecords(
        String taskId,
        String requestId,
        String respondingService,
        String category,
        int page,
        List<Map<String, Object>> records) {

    /** The most a page's records may take, encoded. */
    public static final int MAX_PAGE_BYTES = 256 * 1024;

    public DsarHeldRecords {
        text(taskId, "taskId");
        text(requestId, "requestId");
        text(respondingService, "respondingService");
        text(category, "category");
        if (page < 0) {
            throw new IllegalArgumentException("page must not be negative");
        }
        records = records == null ? List.of() : List.copyOf(records);
    }
}
