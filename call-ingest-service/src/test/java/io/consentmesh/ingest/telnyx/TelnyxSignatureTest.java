package io.consentmesh.ingest.telnyx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelnyxSignatureTest {

    private static final String BODY = "{\"data\":{\"event_type\":\"message.received\",\"id\":\"e1\"}}";
    private final TelnyxSigner telnyx = new TelnyxSigner();
    private final Instant now = Instant.parse("2026-11-20T15:04:05Z");
    private final String timestamp = String.valueOf(now.getEpochSecond());

    @Test
    void acceptsTheSignatureOverTimestampAndRawBodyWithARawPortalKey() {
        String signature = telnyx.sign(timestamp, BODY);

        assertThat(TelnyxSignature.verify(List.of(telnyx.publicKeyBase64()), timestamp, BODY, signature, now))
                .isTrue();
    }

    @Test
    void rejectsATamperedBodyOrTimestampAndAnotherKey() {
        String signature = telnyx.sign(timestamp, BODY);
        List<String> key = List.of(telnyx.publicKeyBase64());

        assertThat(TelnyxSignature.verify(key, timestamp, BODY.replace("e1", "e2"), signature, now))
                .isFalse();
        assertThat(TelnyxSignature.verify(key, String.valueOf(now.getEpochSecond() - 1), BODY, signature, now))
                .isFalse();
        assertThat(TelnyxSignature.verify(
                        List.of(new TelnyxSigner().publicKeyBase64()), timestamp, BODY, signature, now))
                .isFalse();
        assertThat(TelnyxSignature.verify(key, timestamp, BODY, "not base64!", now))
                .isFalse();
        assertThat(TelnyxSignature.verify(List.of("c2hvcnQ="), timestamp, BODY, signature, now))
                .isFalse();
        assertThat(TelnyxSignature.verify(key, null, BODY, signature, now)).isFalse();
    }

    @Test
    void acceptsAnyKeyDuringRotation() {
        String signature = telnyx.sign(timestamp, BODY);

        assertThat(TelnyxSignature.verify(
                        List.of(new TelnyxSigner().publicKeyBase64(), telnyx.publicKeyBase64()),
                        timestamp,
                        BODY,
                        signature,
                        now))
                .isTrue();
    }

    @Test
    void allowsThreeHundredSecondsOfClockSkewEitherWayAndNoMore() {
        List<String> key = List.of(telnyx.publicKeyBase64());
        for (long skew : new long[] {-300, 300}) {
            String ts = String.valueOf(now.getEpochSecond() + skew);
            assertThat(TelnyxSignature.verify(key, ts, BODY, telnyx.sign(ts, BODY), now))
                    .as("skew %d", skew)
                    .isTrue();
        }
        for (long skew : new long[] {-301, 301}) {
            String ts = String.valueOf(now.getEpochSecond() + skew);
            assertThat(TelnyxSignature.verify(key, ts, BODY, telnyx.sign(ts, BODY), now))
                    .as("skew %d", skew)
                    .isFalse();
        }
    }
}
