package io.consentmesh.messaging.deletion;

import io.consentmesh.contracts.retention.DeletionCommanded;
import java.util.concurrent.CompletionStage;

/**
 * One store's deletion API. Deleting must be idempotent: a command may come again (a lost receipt, an agent restarted
 * mid-batch), and an item already deleted is answered ALREADY_GONE. A store that cannot quarantine deletes instead
 * (stricter than asked; the receipt says DELETED, which retention-service accepts for a quarantine).
 */
public interface Store {

    CompletionStage<StoreAnswer> delete(DeletionCommanded command);

    default CompletionStage<StoreAnswer> quarantine(DeletionCommanded command) {
        return delete(command);
    }
}
