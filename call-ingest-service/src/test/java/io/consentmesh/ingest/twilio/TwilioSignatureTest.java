package io.consentmesh.ingest.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentmesh.ingest.webhooks.FormBody;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Against the vectors Twilio publishes with its SDKs, so a self-consistent but wrong signer cannot pass. */
class TwilioSignatureTest {

    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final List<Map.Entry<String, String>> PARAMS = List.of(
            Map.entry("CallSid", "CA1234567890ABCDE"),
            Map.entry("Caller", "+14158675309"),
            Map.entry("Digits", "1234"),
            Map.entry("From", "+14158675309"),
            Map.entry("To", "+18005551212"));

    @Test
    void reproducesTwilioDocumentedSignature() {
        assertThat(TwilioSignature.sign(URL, PARAMS, "12345")).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    }

    @Test
    void sortsRepeatedParametersByValueAsTwilioDoes() {
        FormBody form = FormBody.parse("Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1234&Digits=1234");

        assertThat(TwilioSignature.sign(URL, form.pairs(), "12345")).isEqualTo("IK+Dwps556ElfBT0I3Rgjkr1wJU=");
    }

    @Test
    void parsesTheFormBodyAsSentIncludingEncodedPlusSigns() {
        FormBody form = FormBody.parse("Digits=1234&To=%2B18005551212&From=%2B14158675309&Caller=%2B14158675309"
                + "&CallSid=CA1234567890ABCDE");

        assertThat(TwilioSignature.verify(URL, form.pairs(), List.of("12345"), "RSOYDt4T1cUTdK1PDd93/VVr8B8="))
                .isTrue();
    }

    @Test
    void acceptsAnyCurrentlyValidTokenDuringRotationAndRejectsTampering() {
        String signature = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

        assertThat(TwilioSignature.verify(URL, PARAMS, List.of("new-token", "12345"), signature))
                .isTrue();
        assertThat(TwilioSignature.verify(URL, PARAMS, List.of("new-token"), signature))
                .isFalse();
        assertThat(TwilioSignature.verify(URL + "&x=1", PARAMS, List.of("12345"), signature))
                .isFalse();
        assertThat(TwilioSignature.verify(URL, PARAMS.subList(0, 4), List.of("12345"), signature))
                .isFalse();
        assertThat(TwilioSignature.verify(URL, PARAMS, List.of("12345"), null)).isFalse();
        assertThat(TwilioSignature.verify(URL, PARAMS, List.of(), signature)).isFalse();
    }

    @Test
    void acceptsTheSignatureWhetherOrNotTheDefaultPortIsWritten() {
        String signature = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

        assertThat(TwilioSignature.verify(
                        "https://mycompany.com:443/myapp.php?foo=1&bar=2", PARAMS, List.of("12345"), signature))
                .isTrue();
        assertThat(TwilioSignature.portVariants(URL))
                .containsExactly(URL, "https://mycompany.com:443/myapp.php?foo=1&bar=2");
        assertThat(TwilioSignature.verify(
                        "https://mycompany.com:8443/myapp.php?foo=1&bar=2", PARAMS, List.of("12345"), signature))
                .as("a non-default port may be dropped, as the SDKs do")
                .isTrue();
        assertThat(TwilioSignature.verify(
                        "http://mycompany.com/myapp.php?foo=1&bar=2", PARAMS, List.of("12345"), signature))
                .as("the scheme is signed")
                .isFalse();
    }

    @Test
    void verifiesTwilioJsonBodyVectorAndRejectsATamperedBody() {
        String body = "{\"property\": \"value\", \"boolean\": true}";
        String url = URL + "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
        String signature = "a9nBmqA0ju/hNViExpshrM61xv4=";

        assertThat(TwilioSignature.verifyJsonBody(url, body, List.of("12345"), signature))
                .isTrue();
        assertThat(TwilioSignature.verifyJsonBody(url, body + " ", List.of("12345"), signature))
                .isFalse();
        assertThat(TwilioSignature.verifyJsonBody(URL, body, List.of("12345"), signature))
                .isFalse();
        assertThat(TwilioSignature.verifyJsonBody(url, body, List.of("other"), signature))
                .isFalse();
    }
}
