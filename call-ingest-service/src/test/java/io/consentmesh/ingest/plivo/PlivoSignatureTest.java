package io.consentmesh.ingest.plivo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every expected signature here was produced by plivo-java 5.46.3's {@code Utils.computeSignatureV3(url, nonce,
 * authToken, method, params)} (run outside this build, which does not depend on the SDK) for exactly these inputs, so
 * a self-consistent but wrong signer cannot pass.
 */
class PlivoSignatureTest {

    private static final String TOKEN = "ZmFrZS1wbGl2by1hdXRoLXRva2VuLWZvci10ZXN0cw";
    private static final String NONCE = "05429567804466091622";
    private static final String SMS_URL = "https://hooks.example.test/webhooks/plivo/MAZDQ1ZJIYMDZKMTAZZW/sms";
    private static final String CALL_URL = "https://hooks.example.test/webhooks/plivo/MAZDQ1ZJIYMDZKMTAZZW/call-status";
    private static final List<Map.Entry<String, String>> SMS = List.of(
            Map.entry("From", "12125550123"),
            Map.entry("To", "14155550199"),
            Map.entry("Text", "STOP"),
            Map.entry("Type", "sms"),
            Map.entry("MessageUUID", "2a340bd2-8e1f-11ee-9d3f-0242ac110003"),
            Map.entry("Units", "1"),
            Map.entry("TotalRate", "0.00000"),
            Map.entry("TotalAmount", "0.00000"),
            Map.entry("MessageIntent", "optout"),
            Map.entry("PowerpackUUID", ""));
    private static final List<Map.Entry<String, String>> HANGUP = List.of(
            Map.entry("CallUUID", "a1b2c3d4-0000-4000-8000-000000000001"),
            Map.entry("From", "12125550123"),
            Map.entry("To", "14155550199"),
            Map.entry("Direction", "inbound"),
            Map.entry("CallStatus", "completed"),
            Map.entry("HangupCause", "NORMAL_CLEARING"),
            Map.entry("Duration", "42"),
            Map.entry("BillDuration", "60"));

    @Test
    void signsAPostWithoutQueryAsUrlQuestionMarkSortedNamesAndValuesDotNonce() {
        assertThat(PlivoSignature.signedText("POST", SMS_URL, SMS, NONCE))
                .isEqualTo(
                        SMS_URL + "?From12125550123MessageIntentoptoutMessageUUID2a340bd2-8e1f-11ee-9d3f-0242ac110003"
                                + "PowerpackUUIDTextSTOPTo14155550199TotalAmount0.00000TotalRate0.00000Typesms"
                                + "Units1." + NONCE);
        assertThat(PlivoSignature.sign("POST", SMS_URL, SMS, NONCE, TOKEN))
                .isEqualTo("nR9edwcYATF2EwHH6pgendU6qBJxa4bQIt3Y49x4wXY=");
        assertThat(PlivoSignature.sign("POST", CALL_URL, HANGUP, NONCE, TOKEN))
                .isEqualTo("oIhemzjoLcrmvVOUt4auwznH2BwFLF6yLbI8hCpIa5A=");
    }

    @Test
    void reproducesTheSdkForQueriesGetPortsEncodingAndEmptyForms() {
        String withQuery = SMS_URL + "?tenant=acme&a=1";

        assertThat(PlivoSignature.sign("POST", withQuery, SMS, NONCE, TOKEN))
                .isEqualTo("ZOVJB88WE+CLsJZzYqpEYUJbdogul7YXjBf213pMqt8=");
        assertThat(PlivoSignature.sign("GET", withQuery, SMS, NONCE, TOKEN))
                .isEqualTo("EQQH5SISp9AQ12ZVSWz9E1odHUPBrHG9coCBdE+xaoE=");
        assertThat(PlivoSignature.sign("GET", SMS_URL, SMS, NONCE, TOKEN))
                .isEqualTo("1g4UJjneLT8i5RcB1cA/SDxzMCL2dS9xpsVho6urFBE=");
        // the SDK drops the port: a proxy's public port does not change the signature
        assertThat(PlivoSignature.sign(
                        "POST",
                        "https://hooks.example.test:8443/webhooks/plivo/MAZDQ1ZJIYMDZKMTAZZW/sms",
                        SMS,
                        NONCE,
                        TOKEN))
                .isEqualTo("nR9edwcYATF2EwHH6pgendU6qBJxa4bQIt3Y49x4wXY=");
        // and percent-decodes the whole URL before reading it
        assertThat(PlivoSignature.sign(
                        "POST", "https://hooks.example.test/webhooks/plivo/MA%5FZ/sms", SMS, NONCE, TOKEN))
                .isEqualTo("dHYOpjv8zLE+5rxL+7R0b5D9YxjJoZ6Bjn+5BEuNMgU=");
        assertThat(PlivoSignature.sign("POST", CALL_URL, List.of(), NONCE, TOKEN))
                .isEqualTo("810aC9Ofe93wC3o5lTvmkpzHJtAQSYhzUQ7T86XI218=");
        assertThat(PlivoSignature.sign("POST", SMS_URL + "?tenant=acme", List.of(), NONCE, TOKEN))
                .isEqualTo("0+XrSOjwl7qRTEZxl5+6MSMCsIAV8nNMdaioBZT+63M=");
    }

    @Test
    void signsDecodedUnicodeValuesAsUtf8AndKeepsTheSdksDotDollarQuirk() {
        assertThat(PlivoSignature.sign("POST", SMS_URL, withText("Café ☕ 50% off + more & STOP=yes"), NONCE, TOKEN))
                .isEqualTo("w3TvnPOTDcYV83o4Emt/vA+GhEp+B7SiI5Eo8HmEstY=");
        // with a query, the SDK removes every literal ".$" from the text it signs; without one it does not
        assertThat(PlivoSignature.sign("POST", SMS_URL + "?tenant=acme", withText("pay 5.$ now"), NONCE, TOKEN))
                .isEqualTo("C3ABxFNdgN8F4XtpJuuFYRfWCT+uESCZmR/gI0t1yBs=");
        assertThat(PlivoSignature.sign("POST", SMS_URL, withText("pay 5.$ now"), NONCE, TOKEN))
                .isEqualTo("KyaKX5cG2IS+CeFX+sQ6Ko3gxkTi7cuVGqv9Nb7808Y=");
    }

    @Test
    void acceptsAnySignatureOfACommaSeparatedHeaderAndTheMainAccountHeader() {
        String signature = "nR9edwcYATF2EwHH6pgendU6qBJxa4bQIt3Y49x4wXY=";
        String other = PlivoSignature.sign("POST", SMS_URL, SMS, NONCE, "another-token");

        assertThat(verify(SMS_URL, SMS, NONCE, List.of(TOKEN), other + "," + signature, null))
                .isTrue();
        assertThat(verify(SMS_URL, SMS, NONCE, List.of(TOKEN), signature + ", " + other, null))
                .isTrue();
        assertThat(verify(SMS_URL, SMS, NONCE, List.of(TOKEN), other, signature))
                .as("X-Plivo-Signature-Ma-V3 alone")
                .isTrue();
        assertThat(verify(SMS_URL, SMS, NONCE, List.of(TOKEN), other, other)).isFalse();
    }

    @Test
    void acceptsEveryCurrentlyValidTokenDuringARotation() {
        String signature = "nR9edwcYATF2EwHH6pgendU6qBJxa4bQIt3Y49x4wXY=";

        assertThat(verify(SMS_URL, SMS, NONCE, List.of("new-token", TOKEN), signature, null))
                .isTrue();
        assertThat(verify(SMS_URL, SMS, NONCE, List.of(TOKEN, "new-token"), signature, null))
                .isTrue();
        assertThat(verify(SMS_URL, SMS, NONCE, List.of("new-token"), signature, null))
                .isFalse();
        assertThat(verify(SMS_URL, SMS, NONCE, List.of(), signature, null)).isFalse();
    }

    @Test
    void rejectsATamperedParameterUrlOrNonceAndMissingHeaders() {
        String signature = "nR9edwcYATF2EwHH6pgendU6qBJxa4bQIt3Y49x4wXY=";
        List<String> tokens = List.of(TOKEN);

        assertThat(verify(SMS_URL, withText("START"), NONCE, tokens, signature, null))
                .isFalse();
        assertThat(verify(SMS_URL, SMS.subList(0, 9), NONCE, tokens, signature, null))
                .isFalse();
        assertThat(verify(
                        SMS_URL.replace("MAZDQ1ZJIYMDZKMTAZZW", "MAOTHERACCOUNT000000"),
                        SMS,
                        NONCE,
                        tokens,
                        signature,
                        null))
                .isFalse();
        assertThat(verify(SMS_URL + "?x=1", SMS, NONCE, tokens, signature, null))
                .isFalse();
        assertThat(verify(SMS_URL, SMS, "05429567804466091623", tokens, signature, null))
                .isFalse();
        assertThat(verify(SMS_URL, SMS, null, tokens, signature, null)).isFalse();
        assertThat(verify(SMS_URL, SMS, NONCE, tokens, null, null)).isFalse();
        assertThat(verify(SMS_URL, SMS, NONCE, tokens, " , ", null)).isFalse();
    }

    @Test
    void neverAcceptsAFormThatRepeatsANameOrAnUnreadableUrl() {
        List<Map.Entry<String, String>> repeated = new ArrayList<>(SMS);
        repeated.add(Map.entry("Text", "START"));
        String signature = "nR9edwcYATF2EwHH6pgendU6qBJxa4bQIt3Y49x4wXY=";

        assertThat(verify(SMS_URL, repeated, NONCE, List.of(TOKEN), signature, null))
                .isFalse();
        assertThat(verify("not a url", SMS, NONCE, List.of(TOKEN), signature, null))
                .isFalse();
        assertThat(verify(SMS_URL + "?bad=%zz", SMS, NONCE, List.of(TOKEN), signature, null))
                .isFalse();
    }

    private static boolean verify(
            String url,
            List<Map.Entry<String, String>> params,
            String nonce,
            List<String> tokens,
            String signature,
            String mainAccountSignature) {
        return PlivoSignature.verify("POST", url, params, nonce, tokens, signature, mainAccountSignature);
    }

    private static List<Map.Entry<String, String>> withText(String text) {
        return SMS.stream()
                .map(p -> p.getKey().equals("Text") ? Map.entry("Text", text) : p)
                .toList();
    }
}
