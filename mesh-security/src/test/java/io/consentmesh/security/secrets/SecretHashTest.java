package io.consentmesh.security.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretHashTest {

    /** The default cost is for production; the format and comparison are the same at any cost. */
    private static final int FAST = 1_000;

    @Test
    void aHashMatchesItsSecretAndNoOther() {
        String stored = SecretHash.hash("runtime-secret", FAST);

        assertThat(SecretHash.matches("runtime-secret", stored)).isTrue();
        assertThat(SecretHash.matches("runtime-secreT", stored)).isFalse();
        assertThat(SecretHash.matches("", stored)).isFalse();
    }

    @Test
    void theHashIsSelfDescribingSaltedAndNeverHoldsTheSecret() {
        String first = SecretHash.hash("runtime-secret", FAST);
        String second = SecretHash.hash("runtime-secret", FAST);

        assertThat(first).startsWith("pbkdf2-sha256$" + FAST + "$").doesNotContain("runtime-secret");
        assertThat(first.split("\\$")).hasSize(4);
        assertThat(first).isNotEqualTo(second); // a fresh salt each time
        assertThat(SecretHash.matches("runtime-secret", second)).isTrue();
    }

    @Test
    void theDefaultCostIsTheOneWrittenInTheHash() {
        assertThat(SecretHash.hash("s")).startsWith("pbkdf2-sha256$" + SecretHash.DEFAULT_ITERATIONS + "$");
    }

    @Test
    void theIterationCountIsReadFromTheStoredHash() {
        String cheap = SecretHash.hash("s", 10);
        String dearer = SecretHash.hash("s", FAST);

        assertThat(SecretHash.matches("s", cheap)).isTrue();
        assertThat(SecretHash.matches("s", dearer)).isTrue();
        // the same salt and hash under another count is another hash
        assertThat(SecretHash.matches("s", cheap.replaceFirst("\\$10\\$", "\\$11\\$")))
                .isFalse();
    }

    @Test
    void anEmptyOrUnicodeSecretHashesLikeAnyOther() {
        assertThat(SecretHash.matches("", SecretHash.hash("", FAST))).isTrue();
        assertThat(SecretHash.matches("clé-秘密", SecretHash.hash("clé-秘密", FAST)))
                .isTrue();
        assertThat(SecretHash.matches("cle-秘密", SecretHash.hash("clé-秘密", FAST)))
                .isFalse();
    }

    @Test
    void aMalformedOrMissingHashMatchesNothing() {
        String good = SecretHash.hash("s", FAST);
        String[] parts = good.split("\\$");

        assertThat(SecretHash.matches("s", null)).isFalse();
        assertThat(SecretHash.matches(null, good)).isFalse();
        assertThat(SecretHash.matches("s", "")).isFalse();
        assertThat(SecretHash.matches("s", "s")).isFalse(); // a plaintext row is not its own hash
        assertThat(SecretHash.matches("s", "bcrypt$" + FAST + "$" + parts[2] + "$" + parts[3]))
                .isFalse();
        assertThat(SecretHash.matches("s", "pbkdf2-sha256$many$" + parts[2] + "$" + parts[3]))
                .isFalse();
        assertThat(SecretHash.matches("s", "pbkdf2-sha256$0$" + parts[2] + "$" + parts[3]))
                .isFalse();
        assertThat(SecretHash.matches("s", "pbkdf2-sha256$-5$" + parts[2] + "$" + parts[3]))
                .isFalse();
        assertThat(SecretHash.matches("s", "pbkdf2-sha256$" + FAST + "$$" + parts[3]))
                .isFalse(); // empty salt
        assertThat(SecretHash.matches("s", "pbkdf2-sha256$" + FAST + "$not base64!$" + parts[3]))
                .isFalse();
        assertThat(SecretHash.matches("s", "pbkdf2-sha256$" + FAST + "$" + parts[2] + "$"))
                .isFalse();
        assertThat(SecretHash.matches("s", good + "$extra")).isFalse();
        assertThat(SecretHash.matches("s", parts[0] + "$" + parts[1] + "$" + parts[2] + "$" + parts[3].substring(1)))
                .isFalse(); // a truncated hash
    }
}
