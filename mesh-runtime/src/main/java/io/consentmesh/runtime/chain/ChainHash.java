package io.consentmesh.runtime.chain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain of a chained log (one chain per subject): each record's hash is SHA-256 over its predecessor's hash and its own canonical JSON
 * (keys sorted, UTC instants), so changing, removing or reordering a record breaks every later link. Pure Java, so an
 * auditor's verifier can recompute it from the rows alone.
 */
public final class ChainHash {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private ChainHash() {}

    /** Canonical JSON of any plain value (keys sorted), e.g. the content column of a ledger row. */
    public static String json(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("chained content must be plain JSON values", e);
        }
    }

    /** @param previousHash the subject's chain head, or null for its first record */
    public static String next(String previousHash, String canonicalRecord) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((previousHash == null ? "" : previousHash).getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) '\n');
            return HexFormat.of().formatHex(sha256.digest(canonicalRecord.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
