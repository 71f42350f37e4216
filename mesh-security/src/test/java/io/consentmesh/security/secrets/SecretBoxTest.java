package io.consentmesh.security.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final byte[] OLD_KEY = key(1);
    private static final byte[] NEW_KEY = key(2);
    private static final String ROW = "provider_credential/TWILIO/AC123/6c1f";

    private final SecretBox box = new SecretBox("k1", Map.of("k1", OLD_KEY));

    @Test
    void aSealedValueOpensWithItsKeyAndRowAndHidesThePlaintext() {
        String sealed = box.seal("twilio-auth-token", ROW);

        assertThat(sealed).startsWith("v1:k1:").doesNotContain("twilio-auth-token");
        assertThat(SecretBox.isSealed(sealed)).isTrue();
        assertThat(box.open(sealed, ROW)).isEqualTo("twilio-auth-token");
        assertThat(box.open(box.seal("", ROW), ROW)).isEmpty();
        assertThat(box.open(box.seal("clé-秘密", ROW), ROW)).isEqualTo("clé-秘密");
    }

    @Test
    void eachSealUsesAFreshNonce() {
        assertThat(box.seal("same", ROW)).isNotEqualTo(box.seal("same", ROW));
    }

    @Test
    void aValueCopiedToAnotherRowDoesNotOpen() {
        String sealed = box.seal("twilio-auth-token", ROW);

        assertThatThrownBy(() -> box.open(sealed, "provider_credential/TWILIO/AC999/6c1f"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("twilio-auth-token");
    }

    @Test
    void aTamperedValueDoesNotOpen() {
        String sealed = box.seal("twilio-auth-token", ROW);
        byte[] raw = Base64.getDecoder().decode(sealed.substring("v1:k1:".length()));
        for (int i : new int[] {0, 12, raw.length - 1}) { // nonce, ciphertext, tag
            byte[] flipped = raw.clone();
            flipped[i] ^= 1;
            String tampered = "v1:k1:" + Base64.getEncoder().encodeToString(flipped);
            assertThatThrownBy(() -> box.open(tampered, ROW)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void somethingThatIsNotASealedValueIsRefused() {
        for (String notSealed :
                new String[] {"plain-token", "v2:k1:AAAA", "v1:k1", "v1:k1:", "v1:k1:AAAA", "v1:k1:!!"}) {
            assertThatThrownBy(() -> box.open(notSealed, ROW))
                    .as(notSealed)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(SecretBox.isSealed("plain-token")).isFalse();
        assertThat(SecretBox.isSealed(null)).isFalse();
    }

    @Test
    void aValueSealedUnderAnUnknownKeyIdIsRefusedNamingOnlyTheKeyId() {
        String sealed = new SecretBox("k9", Map.of("k9", NEW_KEY)).seal("twilio-auth-token", ROW);

        assertThat(box.knowsKeyOf(sealed)).isFalse();
        assertThatThrownBy(() -> box.open(sealed, ROW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k9")
                .hasMessageNotContaining("twilio-auth-token");
    }

    @Test
    void theSameKeyIdWithOtherKeyBytesDoesNotOpen() {
        String sealed = new SecretBox("k1", Map.of("k1", NEW_KEY)).seal("twilio-auth-token", ROW);

        assertThat(box.knowsKeyOf(sealed)).isTrue();
        assertThatThrownBy(() -> box.open(sealed, ROW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void afterARotationOldSealsStillOpenNewOnesUseTheCurrentKeyAndOldOnesNeedResealing() {
        String old = box.seal("twilio-auth-token", ROW);
        SecretBox rotated = new SecretBox("k2", Map.of("k1", OLD_KEY, "k2", NEW_KEY));

        assertThat(rotated.open(old, ROW)).isEqualTo("twilio-auth-token");
        assertThat(rotated.needsReseal(old)).isTrue();
        String resealed = rotated.seal(rotated.open(old, ROW), ROW);
        assertThat(resealed).startsWith("v1:k2:");
        assertThat(rotated.needsReseal(resealed)).isFalse();
        assertThat(rotated.open(resealed, ROW)).isEqualTo("twilio-auth-token");
        assertThat(box.needsReseal(old)).isFalse();
        assertThat(box.needsReseal("plain-token")).isTrue();
    }

    @Test
    void aKeyIdIsNotConfusedWithAnotherItPrefixes() {
        SecretBox box = new SecretBox("k1", Map.of("k1", OLD_KEY, "k10", NEW_KEY));
        String underK10 = new SecretBox("k10", Map.of("k10", NEW_KEY)).seal("t", ROW);

        assertThat(box.needsReseal(underK10)).isTrue();
        assertThat(box.open(underK10, ROW)).isEqualTo("t");
    }

    @Test
    void badKeyConfigurationIsRefusedAtConstruction() {
        assertThatThrownBy(() -> new SecretBox("k2", Map.of("k1", OLD_KEY)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k2");
        assertThatThrownBy(() -> new SecretBox("k1", Map.of("k1", new byte[16])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new SecretBox("a:b", Map.of("a:b", OLD_KEY)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return key;
    }
}
