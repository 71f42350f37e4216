package io.consentmesh.ingest.accounts;

import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.ingest.config.CredentialKeysConfig;
import io.consentmesh.security.secrets.SecretBox;
import io.consentmesh.security.secrets.SecretHash;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * How a credential is kept in {@code provider_credential.secret}. A provider's signing token (Twilio's and Plivo's
 * auth tokens, needed in clear to compute their HMACs; Telnyx's public keys, sealed too so that nobody who can only
 * write the table can slip in a key of their own) is sealed with AES-256-GCM under {@code mesh.ingest.credential-keys},
 * bound to its row. An agent-runtime key is only ever compared, so only its PBKDF2 hash is kept: a lost key is
 * replaced, never recovered.
 */
@ApplicationScoped
public class CredentialProtection {

    private static final Logger LOG = Logger.getLogger(CredentialProtection.class);
    private static final Pattern KEY_ID = Pattern.compile("[a-z0-9]+");
    private static final String HASH_PREFIX = "pbkdf2-sha256$";

    private final SecretBox box;

    CredentialProtection(CredentialKeysConfig config) {
        this.box = boxOf(config);
    }

    /** The key ring from configuration; the messages name key ids, never key material. */
    static SecretBox boxOf(CredentialKeysConfig config) {
        Map<String, byte[]> keys = new HashMap<>();
        config.keys().forEach((id, base64) -> {
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalStateException("mesh.ingest.credential-keys.keys: key id '" + id
                        + "' must be lowercase letters and digits (it is part of an environment variable's name)");
            }
            try {
                keys.put(id, Base64.getDecoder().decode(base64.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("mesh.ingest.credential-keys.keys." + id + " is not Base64");
            }
        });
        try {
            return new SecretBox(config.current(), keys);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("mesh.ingest.credential-keys: " + e.getMessage(), e);
        }
    }

    /** The stored form of a new credential: sealed, or hashed for the agent runtime (slow: not on the event loop). */
    public String protect(Provider provider, String accountId, UUID credentialId, String secret) {
        return hashed(provider) ? SecretHash.hash(secret) : box.seal(secret, rowOf(provider, accountId, credentialId));
    }

    /** True when a stored value is in its final form: hashed, or sealed under the current key. */
    public boolean isProtected(Provider provider, String stored) {
        return hashed(provider) ? isHash(stored) : SecretBox.isSealed(stored) && !box.needsReseal(stored);
    }

    /**
     * The final form of a stored value that is not ({@link #isProtected}): plaintext is sealed or hashed, a value
     * sealed under an older key is re-sealed under the current one.
     *
     * @throws IllegalStateException when it is sealed under a key that is not configured
     * @throws IllegalArgumentException when it is sealed but does not open (altered, or moved from another row)
     */
    public String reprotect(Provider provider, String accountId, UUID credentialId, String stored) {
        if (hashed(provider) || !SecretBox.isSealed(stored)) {
            return protect(provider, accountId, credentialId, stored);
        }
        if (!box.knowsKeyOf(stored)) {
            throw new IllegalStateException("credential " + credentialId + " is sealed under a key id that"
                    + " mesh.ingest.credential-keys.keys does not have; keep old keys until every row is re-sealed");
        }
        String row = rowOf(provider, accountId, credentialId);
        return box.seal(box.open(stored, row), row);
    }

    /**
     * What a verifier compares with: the clear token, or the agent runtime's hash. Empty (and logged, without the
     * value) for a stored value that is still plaintext, or sealed and does not open: such a row verifies nothing
     * until the startup step has protected it.
     */
    public Optional<String> usable(Provider provider, String accountId, UUID credentialId, String stored) {
        if (hashed(provider)) {
            if (isHash(stored)) {
                return Optional.of(stored);
            }
        } else if (SecretBox.isSealed(stored)) {
            try {
                return Optional.of(box.open(stored, rowOf(provider, accountId, credentialId)));
            } catch (IllegalArgumentException e) {
                LOG.errorf(
                        "credential %s of %s account %s is not used: %s",
                        credentialId, provider, accountId, e.getMessage());
                return Optional.empty();
            }
        }
        LOG.warnf(
                "credential %s of %s account %s is stored in plaintext and is not used until a restart protects it",
                credentialId, provider, accountId);
        return Optional.empty();
    }

    private static boolean hashed(Provider provider) {
        return provider == Provider.AGENT_RUNTIME;
    }

    private static boolean isHash(String stored) {
        return stored.startsWith(HASH_PREFIX);
    }

    /** The additional data a seal is bound to: a value copied to another row, account or provider does not open. */
    static String rowOf(Provider provider, String accountId, UUID credentialId) {
        // the provider has no '/', the id is a fixed-length UUID: the account id between them cannot be misread
        return "provider_credential/" + provider.name() + "/" + accountId + "/" + credentialId;
    }
}
