package io.consentmesh.consent.evidence.integrity;

import io.agroal.api.AgroalDataSource;
import io.consentmesh.consent.evidence.Checkpointer;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import org.jboss.logging.Logger;

/**
 * The ledger verification for the service's endpoint: the offline {@link LedgerVerifier} (it reads the whole ledger
 * over JDBC, as the command does) on a connection of the service's pool, on a worker thread.
 */
@ApplicationScoped
public class LedgerIntegrity {

    private static final Logger LOG = Logger.getLogger(LedgerIntegrity.class);

    private final AgroalDataSource database;
    private final Checkpointer checkpointer;

    LedgerIntegrity(AgroalDataSource database, Checkpointer checkpointer) {
        this.database = database;
        this.checkpointer = checkpointer;
    }

    /** Walks every hash chain and signed checkpoint of the tenant; the first broken link of each. */
    public Uni<LedgerVerifier.Report> verify(String tenant) {
        return Uni.createFrom()
                .<LedgerVerifier.Report>emitter(emitter -> {
                    try (Connection connection = database.getConnection()) {
                        connection.setSchema("consent");
                        emitter.complete(LedgerVerifier.verify(
                                connection,
                                checkpointer.key().publicKeyBase64(),
                                tenant,
                                records -> LOG.debugf("ledger verification: %d records", records)));
                    } catch (SQLException | RuntimeException e) {
                        emitter.fail(e);
                    }
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
