package io.consentmesh.consent.audit;

import io.agroal.api.AgroalDataSource;
import io.consentmesh.consent.ledger.EvidencePublisher;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The projection rebuild as an endpoint. It first waits until everything the evidence outbox held is published (also
 * what the relay's own timer is sending meanwhile), so that the log it replays is as complete as the live projection
 * it compares with; then it runs on a worker thread.
 */
@Path("/v1/audit/projection-rebuild")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectionRebuildResource {

    private final AgroalDataSource database;
    private final EvidencePublisher publisher;
    private final String bootstrapServers;

    ProjectionRebuildResource(
            AgroalDataSource database,
            EvidencePublisher publisher,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.database = database;
        this.publisher = publisher;
        this.bootstrapServers = bootstrapServers;
    }

    @POST
    @Operation(
            summary = "Rebuild the consent-state projection from consent.evidence.v1 and compare its state hash with"
                    + " the live one, subject by subject (one tenant with ?tenantId=)")
    public ProjectionRebuild.Report rebuild(@QueryParam("tenantId") String tenantId) throws SQLException {
        publisher.flush().await().atMost(Duration.ofMinutes(1));
        ProjectionRebuild rebuild = new ProjectionRebuild(tenantId == null || tenantId.isBlank() ? null : tenantId);
        EvidenceLog.read(bootstrapServers, rebuild::accept, events -> {});
        try (Connection connection = database.getConnection()) {
            connection.setSchema("consent");
            return rebuild.compare(connection);
        }
    }
}
