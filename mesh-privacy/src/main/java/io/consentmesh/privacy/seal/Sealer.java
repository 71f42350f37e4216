package io.consentmesh.privacy.seal;

import io.consentmesh.privacy.keys.DataKey;
import io.consentmesh.runtime.chain.SubjectRef;
import io.consentmesh.runtime.crypto.AesGcm;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Seals personal values with the data keys of the subjects it was made for ({@link PersonalData#sealer}). */
public final class Sealer {

    private final Map<SubjectRef, DataKey> keys;

    Sealer(Map<SubjectRef, DataKey> keys) {
        this.keys = Map.copyOf(keys);
    }

    /**
     * The value sealed for {@code subject}'s {@code field}; null stays null, and a value this subject's key sealed
     * already (a text carried from one store to another) stays as it is. Anything else is sealed, even text that only
     * looks like a sealed value: what a caller sends is never taken for ciphertext.
     */
    public String seal(SubjectRef subject, String field, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        DataKey key = keys.get(subject);
        if (key == null) {
            throw new IllegalArgumentException("this sealer was not made for " + subject);
        }
        if (Envelope.parse(plaintext)
                .filter(envelope -> envelope.keyId().equals(key.keyId()))
                .isPresent()) {
            return plaintext;
        }
        byte[] sealed = AesGcm.seal(
                key.key(),
                plaintext.getBytes(StandardCharsets.UTF_8),
                Envelope.aad(subject.tenant(), subject.subject(), key.keyId(), field));
        return new Envelope(key.keyId(), sealed).text();
    }

    /**
     * A large value (a file) sealed for {@code subject}'s {@code field}, in binary form: opened by {@link
     * Opener#openBytes}, unreadable once the subject is erased.
     */
    public byte[] sealBytes(SubjectRef subject, String field, byte[] plaintext) {
        DataKey key = keys.get(subject);
        if (key == null) {
            throw new IllegalArgumentException("this sealer was not made for " + subject);
        }
        byte[] sealed = AesGcm.seal(
                key.key(), plaintext, Envelope.aad(subject.tenant(), subject.subject(), key.keyId(), field));
        return new Envelope(key.keyId(), sealed).bytes();
    }

    /**
     * A copy of {@code content} with the entries named in {@code personal} sealed (text values; other values are
     * written as their text first), the rest as they were, in the same order.
     */
    public Map<String, Object> sealEntries(SubjectRef subject, Map<String, Object> content, Set<String> personal) {
        Map<String, Object> sealed = new LinkedHashMap<>(content);
        for (String field : personal) {
            Object value = content.get(field);
            if (value != null) {
                sealed.put(field, seal(subject, field, value.toString()));
            }
        }
        return sealed;
    }
}
