package io.consentmesh.ingest.runtime;

import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.ingest.accounts.AccountCredentials;
import io.consentmesh.ingest.accounts.ProviderAccounts;
import io.consentmesh.ingest.accounts.SlowWork;
import io.consentmesh.security.secrets.SecretHash;
import io.consentmesh.security.secrets.VerifiedSecrets;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Checks an agent runtime's {@code <keyId>.<secret>} against the PBKDF2 hashes stored for that key id. A runtime
 * reports many events a second, so a match is remembered for a while and PBKDF2 is paid once per {@link #MEMO_TTL},
 * on a worker thread. Retiring a credential still applies within the credentials cache's TTL: the memo is only asked
 * about hashes that are valid now, and a remembered match holds for that very hash only.
 */
@ApplicationScoped
public class RuntimeKeys {

    static final Duration MEMO_TTL = Duration.ofMinutes(10);
    /** Runtime keys are few; the bound only caps memory whatever is presented. */
    private static final int MEMO_ENTRIES = 10_000;

    private final ProviderAccounts accounts;
    private final VerifiedSecrets verified = new VerifiedSecrets(MEMO_TTL, MEMO_ENTRIES, Clock.systemUTC());

    RuntimeKeys(ProviderAccounts accounts) {
        this.accounts = accounts;
    }

    /** The key's account when the secret matches one of its valid credentials; empty otherwise. */
    public Uni<Optional<AccountCredentials>> authenticate(String keyId, String secret) {
        return accounts.credentials(Provider.AGENT_RUNTIME, keyId).chain(credentials -> {
            List<String> hashes = credentials.map(AccountCredentials::secrets).orElse(List.of());
            for (String hash : hashes) {
                if (verified.recentlyVerified(memoKey(keyId, hash), secret, hash)) {
                    return Uni.createFrom().item(credentials);
                }
            }
            if (hashes.isEmpty()) { // an unknown key id costs nothing
                return Uni.createFrom().item(Optional.empty());
            }
            return SlowWork.onWorker(() -> {
                for (String hash : hashes) {
                    if (SecretHash.matches(secret, hash)) {
                        verified.remember(memoKey(keyId, hash), secret, hash);
                        return credentials;
                    }
                }
                return Optional.empty();
            });
        });
    }

    /**
     * One memo entry per credential, not per key id: during a rotation, runtime instances presenting the old and the
     * new secret would otherwise evict each other and pay PBKDF2 on every report.
     */
    private static String memoKey(String keyId, String hash) {
        return keyId + "\n" + hash;
    }
}
