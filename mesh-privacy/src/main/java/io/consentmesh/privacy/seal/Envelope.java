package io.consentmesh.privacy.seal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * A personal value as stored and published: {@code pv1.<data key id>.<nonce ‖ ciphertext ‖ tag>}, both parts
 * base64url. The key id says which key opens it; the associated data binds it to that key's tenant and subject and to
 * the field it was sealed for, so a value copied to another person or another field does not open.
 */
record Envelope(UUID keyId, byte[] sealed) {

    private static final String PREFIX = "pv1.";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    static boolean isSealed(Object value) {
        return value instanceof String text && text.startsWith(PREFIX);
    }

    static Optional<Envelope> parse(String text) {
        if (!text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int dot = text.indexOf('.', PREFIX.length());
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            ByteBuffer id = ByteBuffer.wrap(DECODER.decode(text.substring(PREFIX.length(), dot)));
            if (id.remaining() != 16) {
                return Optional.empty();
            }
            return Optional.of(
                    new Envelope(new UUID(id.getLong(), id.getLong()), DECODER.decode(text.substring(dot + 1))));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    String text() {
        byte[] id = ByteBuffer.allocate(16)
                .putLong(keyId.getMostSignificantBits())
                .putLong(keyId.getLeastSignificantBits())
                .array();
        return PREFIX + ENCODER.encodeToString(id) + "." + ENCODER.encodeToString(sealed);
    }

    /** The binary form, for large values (a file): the key id's 16 bytes, then nonce ‖ ciphertext ‖ tag. */
    byte[] bytes() {
        return ByteBuffer.allocate(16 + sealed.length)
                .putLong(keyId.getMostSignificantBits())
                .putLong(keyId.getLeastSignificantBits())
                .put(sealed)
                .array();
    }

    static Optional<Envelope> parseBytes(byte[] bytes) {
        if (bytes == null || bytes.length <= 16) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        UUID keyId = new UUID(buffer.getLong(), buffer.getLong());
        byte[] sealed = new byte[buffer.remaining()];
        buffer.get(sealed);
        return Optional.of(new Envelope(keyId, sealed));
    }

    static byte[] aad(String tenant, String subject, UUID keyId, String field) {
        return ("pv1\n" + tenant + "\n" + subject + "\n" + keyId + "\n" + field).getBytes(StandardCharsets.UTF_8);
    }
}
