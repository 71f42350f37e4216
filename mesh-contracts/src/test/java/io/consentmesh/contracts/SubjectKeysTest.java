package io.consentmesh.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.subject.PhoneNumbers;
import io.consentmesh.contracts.subject.SubjectKeys;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SubjectKeysTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-test-only";
    private static final SubjectKeys KEYS = SubjectKeys.fromSecret(SECRET);
    private static final TenantId ACME = new TenantId("acme");

    @Test
    void oneNumberWrittenManyWaysHasOneSubjectId() {
        assertThat(KEYS.subjectOf(ACME, "(415) 555-0100", "US"))
                .isEqualTo(KEYS.subjectOf(ACME, "+1 415.555.0100", "US"))
                .isEqualTo(KEYS.subjectOf(ACME, "+14155550100"));
    }

    @Test
    void subjectIdIsHmacOfTheNumberUnderTheTenantPepperDerivedFromTheMeshSecret() throws Exception {
        byte[] pepper = hmac(SECRET.getBytes(StandardCharsets.UTF_8), "pepper/acme");
        String expected = HexFormat.of().formatHex(hmac(pepper, "+14155550100"));

        assertThat(KEYS.subjectOf(ACME, "+14155550100").value()).isEqualTo(expected);
    }

    @Test
    void tenantsNeverShareASubjectIdForTheSamePerson() {
        assertThat(KEYS.subjectOf(ACME, "+14155550100"))
                .isNotEqualTo(KEYS.subjectOf(new TenantId("globex"), "+14155550100"));
    }

    @Test
    void rejectsShortSecretsAndNumbersThatAreNotE164() {
        assertThatThrownBy(() -> SubjectKeys.fromSecret("short")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> KEYS.subjectOf(ACME, "4155550100")).hasMessageContaining("E.164");
        assertThatThrownBy(() -> PhoneNumbers.toE164("555", "US"))
                .isInstanceOf(PhoneNumbers.InvalidPhoneNumberException.class)
                .hasMessageNotContaining("555");
    }

    @Test
    void rememberedNumbersAnswerAsAFreshParseWouldEvenPastTheMemoBound() {
        assertThat(PhoneNumbers.toE164("020 7946 0018", "GB")).isEqualTo("+442079460018");
        assertThat(PhoneNumbers.toE164("020 7946 0018", "GB")).isEqualTo("+442079460018");
        // the same text read in another region is another number, or none
        assertThatThrownBy(() -> PhoneNumbers.toE164("020 7946 0018", "US"))
                .isInstanceOf(PhoneNumbers.InvalidPhoneNumberException.class);
        for (int attempt = 0; attempt < 2; attempt++) { // a remembered problem is thrown afresh, every time
            assertThatThrownBy(() -> PhoneNumbers.toE164("555", "US"))
                    .isInstanceOf(PhoneNumbers.InvalidPhoneNumberException.class)
                    .hasMessageStartingWith("not a");
        }
        for (int i = 0; i < PhoneNumbers.MEMO_SIZE + 10; i++) { // past the bound it starts over
            String local = String.format("(415) 2%02d-%04d", i / 10_000, i % 10_000);
            assertThat(PhoneNumbers.toE164(local, "US"))
                    .isEqualTo(String.format("+14152%02d%04d", i / 10_000, i % 10_000));
        }
        assertThat(PhoneNumbers.toE164("020 7946 0018", "GB")).isEqualTo("+442079460018");
        // a long text is parsed each time and never kept
        String padded = "+1 415 555 0100" + " ".repeat(40);
        assertThat(PhoneNumbers.toE164(padded, "US")).isEqualTo("+14155550100");
        assertThatThrownBy(() -> PhoneNumbers.toE164("9".repeat(1_000), "US"))
                .isInstanceOf(PhoneNumbers.InvalidPhoneNumberException.class);
    }

    @Test
    void eventIdsAreDeterministicVersion5UuidsThatDoNotCollideAcrossPartBoundaries() {
        String id = EventIds.of("twilio", "sms", "SM123");

        assertThat(EventIds.of("twilio", "sms", "SM123")).isEqualTo(id);
        assertThat(UUID.fromString(id).version()).isEqualTo(5);
        assertThat(EventIds.of("twilio", "sms", "SM124")).isNotEqualTo(id);
        assertThat(EventIds.of("a|b", "c")).isNotEqualTo(EventIds.of("a", "b|c"));
        assertThatThrownBy(() -> EventIds.of("twilio", "")).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] hmac(byte[] key, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    }
}
