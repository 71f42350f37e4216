package io.consentmesh.testkit.planted;

import java.sql.Connection;
import java.sql.SQLException;

/** A resource that reads over JDBC itself: the contract must reject it. */
public class PlantedJdbcResource {

    private final Connection connection;

    PlantedJdbcResource(Connection connection) {
        this.connection = connection;
    }

    public boolean answer() throws SQLException {
        return connection.isValid(1);
    }
}
