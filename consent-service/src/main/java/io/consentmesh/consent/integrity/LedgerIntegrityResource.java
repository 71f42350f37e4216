package io.consentmesh.consent.integrity;

import io.agroal.api.AgroalDataSource;
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

    LedgerIntegrityResource(AgroalDataSource database) {
        this.database = database;
    }

    @GET
    @Operation(summary = "Walk every hash chain of the evidence ledger and report the first broken link of each")
    public LedgerVerifier.Report verify() throws SQLException {
        try (Connection connection = database.getConnection()) {
            connection.setSchema("consent");
            return LedgerVerifier.verify(connection, records -> LOG.debugf("ledger verification: %d records", records));
        }
    }
}
