package io.consentmesh.testkit.planted;

import io.smallrye.mutiny.Uni;

/** A resource as the contract wants it: it calls its capability's store and translates the answer. */
public class CleanResource {

    /** The capability's store; the database is its business. */
    public static final class Store {
        public Uni<String> answer(String tenant) {
            return Uni.createFrom().item(tenant);
        }
    }

    private final Store store = new Store();

    public Uni<String> answer(String tenant) {
        if (tenant == null || tenant.isBlank()) {
            throw new IllegalArgumentException("tenantId is required");
        }
        return store.answer(tenant);
    }
}
