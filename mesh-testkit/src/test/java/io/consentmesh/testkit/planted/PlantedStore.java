package io.consentmesh.testkit.planted;

import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.function.Function;

/** A store, which may use the client, and which (badly) lets its caller run work in its transaction. */
public class PlantedStore {

    public String write(Function<SqlConnection, String> work) {
        return work.apply(null);
    }

    public String insert(SqlConnection connection) {
        return String.valueOf(connection);
    }
}
