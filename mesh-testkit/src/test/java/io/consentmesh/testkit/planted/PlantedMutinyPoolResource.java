package io.consentmesh.testkit.planted;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/** A resource that queries the Mutiny Vert.x pool itself: the contract must reject it. */
public class PlantedMutinyPoolResource {

    private final Pool database;

    PlantedMutinyPoolResource(Pool database) {
        this.database = database;
    }

    public Uni<RowSet<Row>> answer() {
        return database.query("SELECT 1").execute();
    }
}
