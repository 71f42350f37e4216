package io.consentmesh.consent.consents;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.contracts.envelope.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** G-07: each way of giving consent must carry the evidence that proves it later; a record without it is refused. */
class ConsentEvidenceRequirementsTest {

    private static final Instant CAPTURED = Instant.now().minus(Duration.ofDays(1));

    /** A valid request of each source, then the same with one piece of its evidence taken away. */
    static Stream<Arguments> G_07_each_source_needs_its_evidence() {
        return Stream.of(
                Arguments.of(
                        new Evidence(ConsentSource.WEB_FORM).ip("203.0.113.7").ua("Mozilla/5.0"),
                        new Evidence(ConsentSource.WEB_FORM).ua("Mozilla/5.0"),
                        "ipAddress is required for consent given by WEB_FORM"),
                Arguments.of(
                        new Evidence(ConsentSource.WEB_FORM).ip("2001:db8::7").ua("Mozilla/5.0"),
                        new Evidence(ConsentSource.WEB_FORM).ip("203.0.113.7"),
                        "userAgent is required for consent given by WEB_FORM"),
                Arguments.of(
                        new Evidence(ConsentSource.WEB_FORM).ip("203.0.113.7").ua("Mozilla/5.0"),
                        new Evidence(ConsentSource.WEB_FORM).ip("somewhere").ua("Mozilla/5.0"),
                        "ipAddress must be an IPv4 or IPv6 address"),
                Arguments.of(
                        new Evidence(ConsentSource.PAPER_FORM).document("s3://forms/2026/0042.pdf"),
                        new Evidence(ConsentSource.PAPER_FORM),
                        "documentRef is required for consent given by PAPER_FORM"),
                Arguments.of(
                        new Evidence(ConsentSource.KEYWORD).message("SM123"),
                        new Evidence(ConsentSource.KEYWORD),
                        "messageId is required for consent given by KEYWORD"),
                Arguments.of(
                        new Evidence(ConsentSource.KEYWORD).message("SM123"),
                        new Evidence(ConsentSource.KEYWORD).message("SM123").channel(Channel.VOICE),
                        "consent by KEYWORD is consent to texts: channel must be SMS"),
                Arguments.of(
                        new Evidence(ConsentSource.SPOKEN_ON_CALL).call("CA1").offset(41_250L),
                        new Evidence(ConsentSource.SPOKEN_ON_CALL).call("CA1"),
                        "transcriptOffset (milliseconds into the transcript, 0 or more) is required"),
                Arguments.of(
                        new Evidence(ConsentSource.SPOKEN_ON_CALL).call("CA1").offset(0L),
                        new Evidence(ConsentSource.SPOKEN_ON_CALL).offset(0L),
                        "callId is required for consent given by SPOKEN_ON_CALL"),
                Arguments.of(
                        new Evidence(ConsentSource.IVR_KEY).call("CA1").key("1"),
                        new Evidence(ConsentSource.IVR_KEY).call("CA1"),
                        "ivrKey is required for consent given by IVR_KEY"),
                Arguments.of(
                        new Evidence(ConsentSource.IVR_KEY).call("CA1").key("1#"),
                        new Evidence(ConsentSource.IVR_KEY).call("CA1").key("yes"),
                        "ivrKey must be the keys pressed"),
                Arguments.of(
                        new Evidence(ConsentSource.API_IMPORT).external("crm-00042"),
                        new Evidence(ConsentSource.API_IMPORT),
                        "externalRef is required for consent given by API_IMPORT"),
                Arguments.of(
                        new Evidence(ConsentSource.DSAR).dsar("DSAR-7"),
                        new Evidence(ConsentSource.DSAR),
                        "dsarRequestId is required for consent given by DSAR"),
                Arguments.of(
                        new Evidence(ConsentSource.KEYWORD)
                                .message("SM1")
                                .level(ConsentLevel.IMPLIED)
                                .expires(CAPTURED.plus(Duration.ofHours(24))),
                        new Evidence(ConsentSource.KEYWORD).message("SM1").level(ConsentLevel.IMPLIED),
                        "expiresAt is required for IMPLIED consent"),
                Arguments.of(
                        new Evidence(ConsentSource.DSAR).dsar("DSAR-7").expires(CAPTURED.plusSeconds(1)),
                        new Evidence(ConsentSource.DSAR).dsar("DSAR-7").expires(CAPTURED),
                        "expiresAt must be after capturedAt"),
                Arguments.of(
                        new Evidence(ConsentSource.DSAR).dsar("DSAR-7").captured(Instant.now()),
                        new Evidence(ConsentSource.DSAR)
                                .dsar("DSAR-7")
                                .captured(Instant.now().plus(Duration.ofHours(1))),
                        "capturedAt is in the future"),
                Arguments.of(
                        new Evidence(ConsentSource.DSAR).dsar("DSAR-7").campaign("CMKT01"),
                        new Evidence(ConsentSource.DSAR).dsar("DSAR-7").campaign(" "),
                        "campaignId must name a campaign"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource
    void G_07_each_source_needs_its_evidence(Evidence valid, Evidence lacking, String problem) {
        assertThatCode(valid::request).doesNotThrowAnyException();
        assertThatThrownBy(lacking::request)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }

    /** A request under construction: the fields every source shares are filled in, the rest set per case. */
    static final class Evidence {
        private final ConsentSource source;
        private Channel channel = Channel.SMS;
        private ConsentLevel level = ConsentLevel.EXPRESS;
        private Instant captured = CAPTURED;
        private String campaign;
        private Instant expires;
        private String ip;
        private String ua;
        private String call;
        private Long offset;
        private String key;
        private String message;
        private String document;
        private String external;
        private String dsar;

        Evidence(ConsentSource source) {
            this.source = source;
        }

        Evidence channel(Channel value) {
            channel = value;
            return this;
        }

        Evidence level(ConsentLevel value) {
            level = value;
            return this;
        }

        Evidence captured(Instant value) {
            captured = value;
            return this;
        }

        Evidence campaign(String value) {
            campaign = value;
            return this;
        }

        Evidence expires(Instant value) {
            expires = value;
            return this;
        }

        Evidence ip(String value) {
            ip = value;
            return this;
        }

        Evidence ua(String value) {
            ua = value;
            return this;
        }

        Evidence call(String value) {
            call = value;
            return this;
        }

        Evidence offset(Long value) {
            offset = value;
            return this;
        }

        Evidence key(String value) {
            key = value;
            return this;
        }

        Evidence message(String value) {
            message = value;
            return this;
        }

        Evidence document(String value) {
            document = value;
            return this;
        }

        Evidence external(String value) {
            external = value;
            return this;
        }

        Evidence dsar(String value) {
            dsar = value;
            return this;
        }

        void request() {
            ConsentEvidenceRequirements.check(new RecordConsentRequest(
                    new TenantId("acme"),
                    "+12125550142",
                    channel,
                    level,
                    source,
                    campaign,
                    "Acme may text you about your orders. Reply STOP to end.",
                    "v3",
                    "order updates",
                    null,
                    captured,
                    expires,
                    ip,
                    ua,
                    call,
                    offset,
                    key,
                    message,
                    document,
                    external,
                    dsar));
        }

        @Override
        public String toString() {
            return source.name();
        }
    }
}
