package io.consentmesh.privacy.seal;

import io.consentmesh.privacy.keys.DataKey;
import io.consentmesh.runtime.chain.SubjectRef;
import io.consentmesh.runtime.crypto.AesGcm;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Opens sealed values with the keys it was made with ({@link PersonalData#opener}); a destroyed key reads as erased. */
public final class Opener {

    private final Map<UUID, DataKey> keys;

    Opener(Map<UUID, DataKey> keys) {
        this.keys = Map.copyOf(keys);
    }

    /**
     * The value of {@code field}: a value that is not sealed is returned as it is; one whose key is gone reads as
     * erased.
     *
     * @throws IllegalStateException when the key exists but the value does not open with it (tampered, or copied
     *     from another person or field) — that is an integrity failure, not an erasure
     */
    public Revealed open(String field, Object value) {
        if (!Envelope.isSealed(value)) {
            return Revealed.of(value == null ? null : value.toString());
        }
        Envelope envelope = Envelope.parse((String) value)
                .orElseThrow(() -> new IllegalStateException("field " + field + " holds a malformed sealed value"));
        DataKey key = keys.get(envelope.keyId());
        if (key == null) {
            return Revealed.ERASED;
        }
        byte[] aad = Envelope.aad(key.subject().tenant(), key.subject().subject(), key.keyId(), field);
        return AesGcm.open(key.key(), envelope.sealed(), aad)
                .map(plain -> Revealed.of(new String(plain, StandardCharsets.UTF_8)))
                .orElseThrow(() -> new IllegalStateException(
                        "field " + field + " does not open with its key (tampered, or another person's or field's)"));
    }

    /**
     * A value sealed by {@link Sealer#sealBytes}: empty when its key is gone (the subject was erased).
     *
     * @throws IllegalStateException when it is malformed or does not open with its key (tampered)
     */
    public Optional<byte[]> openBytes(String field, byte[] sealedBytes) {
        Envelope envelope = Envelope.parseBytes(sealedBytes)
                .orElseThrow(() -> new IllegalStateException("field " + field + " holds a malformed sealed value"));
        DataKey key = keys.get(envelope.keyId());
        if (key == null) {
            return Optional.empty();
        }
        byte[] aad = Envelope.aad(key.subject().tenant(), key.subject().subject(), key.keyId(), field);
        return Optional.of(AesGcm.open(key.key(), envelope.sealed(), aad)
                .orElseThrow(() -> new IllegalStateException(
                        "field " + field + " does not open with its key (tampered, or another person's or field's)")));
    }

    /** True when {@code value} was sealed with a key that is gone (found without decrypting anything). */
    public boolean erased(Object value) {
        if (!Envelope.isSealed(value)) {
            return false;
        }
        return Envelope.parse((String) value)
                .map(envelope -> !keys.containsKey(envelope.keyId()))
                .orElse(false); // malformed: open() says so
    }

    /** Whose key sealed {@code value}: empty when it is not sealed or its key is gone. */
    public Optional<SubjectRef> ownerOf(Object value) {
        if (!Envelope.isSealed(value)) {
            return Optional.empty();
        }
        return Envelope.parse((String) value)
                .map(envelope -> keys.get(envelope.keyId()))
                .map(DataKey::subject);
    }

    /** A copy of {@code content} with the entries named in {@code personal} opened, for a JSON answer. */
    public Map<String, Object> openEntries(Map<String, Object> content, Set<String> personal) {
        Map<String, Object> open = new LinkedHashMap<>(content);
        for (String field : personal) {
            if (content.get(field) != null) {
                open.put(field, open(field, content.get(field)).json());
            }
        }
        return open;
    }
}
