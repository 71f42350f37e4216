package io.consentmesh.contracts.envelope;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Deterministic event ids (RFC 9562 version-5 UUIDs), so that a redelivered webhook or a replayed command produces
 * the same id and every consumer can recognise it as already applied.
 */
public final class EventIds {

    /** Namespace of all Consent Mesh event ids; fixed forever, or every id changes. */
    private static final UUID MESH_NAMESPACE = UUID.fromString("6f7c4a2e-3b1d-5c8e-9a0f-2d4b6e8c1a3f");

    private EventIds() {}

    /**
     * @param parts what makes the event unique at its origin, e.g. {@code "twilio", "sms", messageSid}; joined with
     *     a separator that cannot occur inside a part, so ("a|b","c") and ("a","b|c") cannot collide.
     */
    public static String of(String... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("an event id needs at least one part");
        }
        StringBuilder name = new StringBuilder();
        for (String part : parts) {
            if (part == null || part.isEmpty()) {
                throw new IllegalArgumentException("event id parts must not be empty");
            }
            name.append(part.length()).append(':').append(part).append('|');
        }
        return nameBased(MESH_NAMESPACE, name.toString()).toString();
    }

    private static UUID nameBased(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
        ByteBuffer ns = ByteBuffer.allocate(16)
                .putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits());
        sha1.update(ns.array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }
}
