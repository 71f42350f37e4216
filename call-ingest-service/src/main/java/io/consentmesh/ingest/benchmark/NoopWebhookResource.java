package io.consentmesh.ingest.benchmark;

import io.consentmesh.contracts.http.Problem;
import io.consentmesh.ingest.config.IngestConfig;
import io.consentmesh.runtime.http.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A webhook endpoint that does nothing, for the load generator's baseline: the rate the HTTP stack alone reaches on
 * the same machine, so the cost of verifying, de-duplicating and publishing is visible. 404 unless enabled.
 */
@Path("/webhooks/benchmark/noop")
@PermitAll // the benchmark's HTTP floor: no work, no data
public class NoopWebhookResource {

    private final boolean enabled;

    NoopWebhookResource(IngestConfig config) {
        this.enabled = config.benchmarkEndpoint();
    }

    @POST
    @Operation(hidden = true)
    public Response noop(String body) {
        if (!enabled) {
            throw new ProblemException(Problem.of(404, "not-found", "Not found", "no such endpoint"));
        }
        return Response.noContent().build();
    }
}
