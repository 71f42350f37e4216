package io.consentmesh.consent.audit;

import io.agroal.api.AgroalDataSource;
import io.consentmesh.consent.authorization.rules.RuleSet;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Decision re-check and back-test for the service's endpoints: the offline {@link DecisionAudit} engine (JDBC, as
 * the command runs it), on a connection of the service's pool and on a worker thread, never on the event loop.
 */
@ApplicationScoped
public class DecisionAudits {

    private interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final AgroalDataSource database;

    DecisionAudits(AgroalDataSource database) {
        this.database = database;
    }

    /** The stored decision re-checked against the rules of its day and today's; empty when there is no such one. */
    public Uni<Optional<DecisionAudit.Recheck>> recheck(UUID decisionId, Instant now) {
        return onWorker(connection -> DecisionAudit.load(connection).recheck(connection, decisionId, now));
    }

    /** The decisions of [from, to) (one tenant's, or every tenant's for null) whose outcome the candidate changes. */
    public Uni<DecisionAudit.BackTest> backTest(RuleSet candidate, String tenantId, Instant from, Instant to) {
        return onWorker(connection ->
                DecisionAudit.load(connection).backTest(connection, candidate, tenantId, from, to, n -> {}));
    }

    private <T> Uni<T> onWorker(Work<T> work) {
        return Uni.createFrom()
                .<T>emitter(emitter -> {
                    try (Connection connection = database.getConnection()) {
                        connection.setSchema("consent");
                        emitter.complete(work.apply(connection));
                    } catch (SQLException | RuntimeException e) {
                        emitter.fail(e);
                    }
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
