package io.consentmesh.ingest.calls;

import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.telephony.Provider;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Which person (subject id) each call is with, learned from the call's status callbacks. */
@ApplicationScoped
public class CallParties {

    private final Pool database;

    CallParties(Pool database) {
        this.database = database;
    }

    public Uni<Void> remember(Provider provider, String callId, TenantId tenant, SubjectId subject) {
        return database.preparedQuery(
                        """
                        INSERT INTO call_party (provider, call_id, tenant_id, subject_id)
                        VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(provider.name(), callId, tenant.value(), subject.value()))
                .replaceWithVoid();
    }

    public Uni<Optional<SubjectId>> subjectOf(Provider provider, String callId, TenantId tenant) {
        return database.preparedQuery(
                        "SELECT subject_id FROM call_party WHERE provider = $1 AND call_id = $2 AND tenant_id = $3")
                .execute(Tuple.of(provider.name(), callId, tenant.value()))
                .map(rows -> {
                    RowIterator<Row> found = rows.iterator();
                    return found.hasNext()
                            ? Optional.of(new SubjectId(found.next().getString("subject_id")))
                            : Optional.<SubjectId>empty();
                });
    }
}
