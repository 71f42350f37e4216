package io.consentmesh.messaging.deletion;

import io.consentmesh.contracts.retention.DeletionOutcome;

/** What a store said to one command, as a receipt will carry it. */
public record StoreAnswer(DeletionOutcome outcome, String detail, Integer retryAfterSeconds) {

    public static StoreAnswer deleted(String detail) {
        return new StoreAnswer(DeletionOutcome.DELETED, detail, null);
    }

    public static StoreAnswer gone(String detail) {
        return new StoreAnswer(DeletionOutcome.ALREADY_GONE, detail, null);
    }

    public static StoreAnswer quarantined(String detail) {
        return new StoreAnswer(DeletionOutcome.QUARANTINED, detail, null);
    }

    public static StoreAnswer failed(String detail, Integer retryAfterSeconds) {
        return new StoreAnswer(DeletionOutcome.FAILED, detail, retryAfterSeconds);
    }
}
