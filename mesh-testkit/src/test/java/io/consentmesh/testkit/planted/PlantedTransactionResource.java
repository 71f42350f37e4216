package io.consentmesh.testkit.planted;

/**
 * A resource that names no client yet runs a transaction itself: its lambda takes the store's connection and hands it
 * to another of the store's methods. The contract must reject it (the lambda's body is compiled into the resource).
 */
public class PlantedTransactionResource {

    private final PlantedStore store = new PlantedStore();

    public String answer() {
        return store.write(connection -> store.insert(connection));
    }
}
