package io.consentmesh.retention.proof;

import io.consentmesh.runtime.chain.EventLog;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/** The auditor's check of a tenant's retention log: mesh-runtime's {@link EventLog} walk over its rows. */
@ApplicationScoped
public class RetentionLogVerifier {

    private final Pool database;

    RetentionLogVerifier(Pool database) {
        this.database = database;
    }

    public Uni<EventLog.Report> verify(String tenant) {
        return RetentionLog.verify(database, tenant);
    }
}
