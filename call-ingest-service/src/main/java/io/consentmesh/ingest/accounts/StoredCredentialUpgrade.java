package io.consentmesh.ingest.accounts;

import io.consentmesh.contracts.telephony.Provider;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * At startup, brings every stored credential to its protected form: plaintext rows (written before secrets were
 * protected at rest) are sealed or hashed, and rows sealed under a key that is no longer current are re-sealed (key
 * rotation). A migration cannot do it, the key being in configuration. Idempotent, and safe with several instances
 * starting at once: each row is only replaced if it still holds the value that was read.
 */
@ApplicationScoped
public class StoredCredentialUpgrade {

    private static final Logger LOG = Logger.getLogger(StoredCredentialUpgrade.class);
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Pool database;
    private final CredentialProtection protection;

    StoredCredentialUpgrade(Pool database, CredentialProtection protection) {
        this.database = database;
        this.protection = protection;
    }

    /** Before the service takes requests, so no webhook meets a row that is not yet usable. */
    void onStart(@Observes StartupEvent started) {
        int upgraded = upgradeAll();
        if (upgraded > 0) {
            LOG.infof("protected %d stored provider credentials (sealed, re-sealed or hashed)", upgraded);
        }
    }

    /**
     * Blocking (PBKDF2 and awaited statements): call it from a worker or the main thread, never the event loop.
     *
     * @return how many rows this call changed
     * @throws IllegalStateException when a row is sealed under a key id that is not configured (startup fails)
     */
    public int upgradeAll() {
        int upgraded = 0;
        // hashed rows are final; sealed ones are opened only if their key is not the current one
        for (Row row : database.query("SELECT id, provider, account_id, secret FROM provider_credential"
                        + " WHERE secret NOT LIKE 'pbkdf2-sha256$%'")
                .execute()
                .await()
                .atMost(WAIT)) {
            Provider provider = Provider.valueOf(row.getString("provider"));
            String stored = row.getString("secret");
            if (protection.isProtected(provider, stored)) {
                continue;
            }
            UUID id = row.getUUID("id");
            String replacement;
            try {
                replacement = protection.reprotect(provider, row.getString("account_id"), id, stored);
            } catch (IllegalArgumentException e) {
                // altered or moved: it verifies nothing (see CredentialProtection.usable); an operator replaces it
                LOG.errorf(
                        "credential %s of %s account %s is sealed but does not open; it is left as it is",
                        id, provider, row.getString("account_id"));
                continue;
            }
            upgraded += database.preparedQuery(
                            "UPDATE provider_credential SET secret = $1 WHERE id = $2 AND secret = $3")
                    .execute(Tuple.of(replacement, id, stored))
                    .await()
                    .atMost(WAIT)
                    .rowCount();
        }
        return upgraded;
    }
}
