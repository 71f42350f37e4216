package io.consentmesh.consent.audit;

import io.agroal.api.AgroalDataSource;
import io.consentmesh.consent.evidence.EvidencePublisher;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/**
 * The projection rebuild for the service's endpoint. It first waits until everything the evidence outbox held is
 * published (also what the relay's own timer is sending meanwhile), so that the log it replays is as complete as the
 * live projection it compares with; then it replays the topic and runs the offline {@link ProjectionRebuild} engine
 * (JDBC) on a connection of the service's pool. All of it blocks, so all of it runs on a worker thread.
 */
@ApplicationScoped
public class ProjectionRebuilds {

    private final AgroalDataSource database;
    private final EvidencePublisher publisher;
    private final Map<String, Object> kafka;

    /** @param kafka every {@code kafka.*} property: the broker and the service's own login (it may read its topic) */
    ProjectionRebuilds(
            AgroalDataSource database,
            EvidencePublisher publisher,
            @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.database = database;
        this.publisher = publisher;
        this.kafka = kafka;
    }

    /** Rebuilds one tenant's projection, or every tenant's for null, and compares it with the live one. */
    public Uni<ProjectionRebuild.Report> rebuild(String tenantId) {
        return Uni.createFrom()
                .<ProjectionRebuild.Report>emitter(emitter -> {
                    try {
                        emitter.complete(rebuildNow(tenantId));
                    } catch (SQLException | RuntimeException e) {
                        emitter.fail(e);
                    }
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private ProjectionRebuild.Report rebuildNow(String tenantId) throws SQLException {
        publisher.flush().await().atMost(Duration.ofMinutes(1));
        ProjectionRebuild rebuild = new ProjectionRebuild(tenantId);
        EvidenceLog.read(kafka, rebuild::accept, events -> {});
        try (Connection connection = database.getConnection()) {
            connection.setSchema("consent");
            return rebuild.compare(connection);
        }
    }
}
