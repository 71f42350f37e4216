package io.consentmesh.consent.integrity;

import io.agroal.api.AgroalDataSource;
import io.consentmesh.consent.ledger.Checkpointer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/** The ledger verifier as an endpoint; runs on a worker thread (it reads the whole ledger over JDBC). */
@Path("/v1/audit/ledger-integrity")
@Produces(MediaType.APPLICATION_JSON)
public class LedgerIntegrityResource {

    private static final Logger LOG = Logger.getLogger(LedgerIntegrityResource.class);

    private final AgroalDataSource database;
    private final Checkpointer checkpointer;

    LedgerIntegrityResource(AgroalDataSource database, Checkpointer checkpointer) {
        this.database = database;
        this.checkpointer = checkpointer;
    }

    @GET
    @Operation(
            summary =
                    "Walk every hash chain and signed checkpoint of the evidence ledger; report the first broken link of each")
    public LedgerVerifier.Report verify() throws SQLException {
        try (Connection connection = database.getConnection()) {
            connection.setSchema("consent");
            return LedgerVerifier.verify(
                    connection,
                    checkpointer.key().publicKeyBase64(),
                    records -> LOG.debugf("ledger verification: %d records", records));
        }
    }
}
