package io.consentmesh.dsar.requests;

import io.consentmesh.contracts.dsar.HeldData;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A request with the answers received so far.
 *
 * @param awaiting the services that have not answered yet
 */
public record DsarRequestView(
        UUID id,
        String tenantId,
        String subjectId,
        String type,
        String jurisdiction,
        String status,
        Instant receivedAt,
        Instant dueAt,
        List<Result> results,
        Set<String> awaiting) {

    public record Result(String respondingService, String outcome, List<HeldData> held, Instant completedAt) {}
}
