package io.consentmesh.testkit.planted;

import io.agroal.api.AgroalDataSource;

/** A resource that holds the Agroal data source: the contract must reject it. */
public class PlantedAgroalResource {

    private final AgroalDataSource database;

    PlantedAgroalResource(AgroalDataSource database) {
        this.database = database;
    }

    public boolean answer() {
        return database != null;
    }
}
