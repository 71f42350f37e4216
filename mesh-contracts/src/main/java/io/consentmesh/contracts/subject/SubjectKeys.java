package io.consentmesh.contracts.subject;

import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives the pseudonymous subject id: {@code HMAC-SHA256(tenant pepper, E.164 number)}. Each tenant's pepper is
 * itself derived from one mesh secret ({@code HMAC-SHA256(secret, "pepper/" + tenant)}), so every service computes the
 * same ids from one Kubernetes Secret and two tenants never share an id for the same person.
 */
public final class SubjectKeys {

    private static final String HMAC = "HmacSHA256";
    private static final int MIN_SECRET_BYTES = 32;
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    private final SecretKeySpec meshSecret;
    private final Map<TenantId, SecretKeySpec> peppers = new ConcurrentHashMap<>();

    public SubjectKeys(byte[] meshSecret) {
        if (meshSecret == null || meshSecret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the subject-key secret needs at least 32 bytes");
        }
        this.meshSecret = new SecretKeySpec(meshSecret.clone(), HMAC);
    }

    /** From configuration: the secret as text (at least 32 characters of high-entropy text, e.g. 64 hex digits). */
    public static SubjectKeys fromSecret(String secret) {
        return new SubjectKeys(secret == null ? null : secret.getBytes(StandardCharsets.UTF_8));
    }

    /** The subject id of a number that is already E.164 (as in every event payload). */
    public SubjectId subjectOf(TenantId tenant, String e164) {
        if (e164 == null || !E164.matcher(e164).matches()) {
            throw new IllegalArgumentException("subject ids are derived from E.164 numbers only");
        }
        SecretKeySpec pepper = peppers.computeIfAbsent(tenant, this::pepperOf);
        return new SubjectId(HexFormat.of().formatHex(hmac(pepper, e164)));
    }

    /** The subject id of a number in any notation, normalised first. */
    public SubjectId subjectOf(TenantId tenant, String rawNumber, String defaultRegion) {
        return subjectOf(tenant, PhoneNumbers.toE164(rawNumber, defaultRegion));
    }

    /**
     * The subject id of a number taken from a request field; an invalid number is reported under that field's name,
     * which the problem+json mappers answer as a 400.
     */
    public SubjectId subjectOf(TenantId tenant, String rawNumber, String defaultRegion, String field) {
        try {
            return subjectOf(tenant, rawNumber, defaultRegion);
        } catch (PhoneNumbers.InvalidPhoneNumberException e) {
            throw e.in(field);
        }
    }

    private SecretKeySpec pepperOf(TenantId tenant) {
        return new SecretKeySpec(hmac(meshSecret, "pepper/" + tenant.value()), HMAC);
    }

    private static byte[] hmac(SecretKeySpec key, String message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is in every JDK", e);
        }
    }
}
