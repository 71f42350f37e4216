package io.consentmesh.privacy.kek;

import io.consentmesh.privacy.keys.KeysUnavailableException;
import io.consentmesh.runtime.crypto.AesGcm;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Key-encryption keys from a PKCS#12 keystore file: AES-256 secret-key entries named {@code kek-1}, {@code kek-2}, …;
 * the highest number wraps new data keys (adding one is a rotation, see {@link #rotate}), older ones still unwrap what
 * they wrapped until the data keys are re-wrapped. Each tenant gets a key-encryption key of its own, derived from the
 * keystore's with HMAC-SHA256 over the tenant id, so one tenant's wrapped keys never unwrap under another's.
 */
public final class KeystoreKeyEncryptionKeys implements KeyEncryptionKeys {

    private final java.util.concurrent.ConcurrentMap<String, byte[]> tenantKeys =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static final Pattern ALIAS = Pattern.compile("kek-([0-9]{1,9})");
    private static final byte[] TENANT_LABEL = "consent-mesh tenant kek v1\n".getBytes(StandardCharsets.UTF_8);

    /** generation → master key, ascending */
    private final TreeMap<Integer, byte[]> masters;

    private KeystoreKeyEncryptionKeys(TreeMap<Integer, byte[]> masters) {
        if (masters.isEmpty()) {
            throw new KeysUnavailableException("the keystore holds no key-encryption key (kek-1, kek-2, …)");
        }
        this.masters = masters;
    }

    /**
     * Opens the keystore at {@code path}; when it does not exist and {@code createIfMissing} (a local run, a test),
     * creates it with a first key, atomically, so services starting together end up sharing one file.
     */
    public static KeystoreKeyEncryptionKeys open(Path path, char[] password, boolean createIfMissing) {
        if (!Files.exists(path)) {
            if (!createIfMissing) {
                throw new KeysUnavailableException("no keystore at " + path + " (mesh.privacy.keystore.path)");
            }
            create(path, password);
        }
        return new KeystoreKeyEncryptionKeys(load(path, password));
    }

    /** Adds the next generation's key to the keystore file; services pick it up when they next open it. */
    public static String rotate(Path path, char[] password) {
        TreeMap<Integer, byte[]> masters = load(path, password);
        int next = masters.isEmpty() ? 1 : masters.lastKey() + 1;
        masters.put(next, AesGcm.newKey());
        Path temp = path.resolveSibling(path.getFileName() + ".rotating");
        write(temp, password, masters);
        try {
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "kek-" + next;
    }

    @Override
    public String currentKekId() {
        return "kek-" + masters.lastKey();
    }

    @Override
    public WrappedKey wrap(String tenant, String subject, byte[] dataKey) {
        int generation = masters.lastKey();
        return new WrappedKey(
                "kek-" + generation, AesGcm.seal(tenantKey(generation, tenant), dataKey, aad(tenant, subject)));
    }

    @Override
    public byte[] unwrap(String tenant, String subject, WrappedKey wrapped) {
        Matcher alias = ALIAS.matcher(wrapped.kekId());
        Integer generation = alias.matches() ? Integer.valueOf(alias.group(1)) : null;
        if (generation == null || !masters.containsKey(generation)) {
            throw new KeysUnavailableException("key-encryption key " + wrapped.kekId() + " is not in the keystore");
        }
        return AesGcm.open(tenantKey(generation, tenant), wrapped.bytes(), aad(tenant, subject))
                .orElseThrow(
                        () -> new KeysUnavailableException("a data key of tenant " + tenant + " does not unwrap with "
                                + wrapped.kekId() + " (tampered, or the keystore is not the one that wrapped it)"));
    }

    /** Derived once per generation and tenant (a few per installation): every new or opened data key needs one. */
    private byte[] tenantKey(int generation, String tenant) {
        return tenantKeys.computeIfAbsent(generation + "\n" + tenant, ignored -> deriveTenantKey(generation, tenant));
    }

    private byte[] deriveTenantKey(int generation, String tenant) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(masters.get(generation), "HmacSHA256"));
            mac.update(TENANT_LABEL);
            return mac.doFinal(tenant.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    private static byte[] aad(String tenant, String subject) {
        return ("data key\n" + tenant + "\n" + subject).getBytes(StandardCharsets.UTF_8);
    }

    private static void create(Path path, char[] password) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(path.toAbsolutePath().getParent(), ".keystore", ".p12");
            write(temp, password, new TreeMap<>(Map.of(1, AesGcm.newKey())));
            try {
                // A hard link is made whole or not at all, and never over an existing file (a rename on Linux would
                // replace one): when another service created it first, theirs is kept and both share one key.
                Files.createLink(path, temp);
            } catch (FileAlreadyExistsException raced) {
                // theirs is kept
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TreeMap<Integer, byte[]> load(Path path, char[] password) {
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            TreeMap<Integer, byte[]> masters = new TreeMap<>();
            for (String alias : Collections.list(store.aliases())) {
                Matcher matcher = ALIAS.matcher(alias);
                if (matcher.matches() && store.getKey(alias, password) instanceof javax.crypto.SecretKey key) {
                    masters.put(Integer.valueOf(matcher.group(1)), key.getEncoded());
                }
            }
            return masters;
        } catch (IOException | GeneralSecurityException e) {
            throw new KeysUnavailableException("cannot read the keystore " + path + ": " + e.getMessage());
        }
    }

    private static void write(Path path, char[] password, Map<Integer, byte[]> masters) {
        try (OutputStream out = Files.newOutputStream(path)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, password);
            for (Map.Entry<Integer, byte[]> master : masters.entrySet()) {
                store.setEntry(
                        "kek-" + master.getKey(),
                        new KeyStore.SecretKeyEntry(new SecretKeySpec(master.getValue(), "AES")),
                        new KeyStore.PasswordProtection(password));
            }
            store.store(out, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot write the keystore " + path, e);
        }
    }
}
