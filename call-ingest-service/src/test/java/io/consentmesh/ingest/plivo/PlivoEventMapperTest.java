package io.consentmesh.ingest.plivo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentmesh.contracts.telephony.CallDirection;
import io.consentmesh.contracts.telephony.CallStatus;
import io.consentmesh.contracts.telephony.CallStatusChanged;
import io.consentmesh.ingest.webhooks.FormBody;
import io.consentmesh.ingest.webhooks.MalformedWebhookException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PlivoEventMapperTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-20T15:04:05Z");

    @Test
    void mapsEveryDocumentedCallStatus() {
        assertThat(PlivoEventMapper.status("ringing")).isEqualTo(CallStatus.RINGING);
        assertThat(PlivoEventMapper.status("in-progress")).isEqualTo(CallStatus.ANSWERED);
        assertThat(PlivoEventMapper.status("completed")).isEqualTo(CallStatus.COMPLETED);
        assertThat(PlivoEventMapper.status("busy")).isEqualTo(CallStatus.BUSY);
        assertThat(PlivoEventMapper.status("no-answer")).isEqualTo(CallStatus.NO_ANSWER);
        assertThat(PlivoEventMapper.status("cancel")).isEqualTo(CallStatus.CANCELED);
        assertThat(PlivoEventMapper.status("failed")).isEqualTo(CallStatus.FAILED);
        assertThat(PlivoEventMapper.status("timeout")).isEqualTo(CallStatus.FAILED);
        assertThatThrownBy(() -> PlivoEventMapper.status("canceled")).isInstanceOf(MalformedWebhookException.class);
    }

    @Test
    void readsPlivosPluslessNumbersAsInternationalAndKeysOutboundCallsByTheCalledParty() {
        FormBody form =
                FormBody.parse("CallUUID=c1&Direction=outbound&From=14155550199&To=447911123456" + "&CallStatus=busy");

        CallStatusChanged call = PlivoEventMapper.callStatus(form, "MA1", "US", RECEIVED, null);

        assertThat(call.from()).isEqualTo("+14155550199");
        assertThat(call.to()).as("not read as a US number").isEqualTo("+447911123456");
        assertThat(call.direction()).isEqualTo(CallDirection.OUTBOUND);
        assertThat(PlivoEventMapper.consumerNumber(call)).isEqualTo("+447911123456");
        assertThat(call.occurredAt()).isEqualTo(RECEIVED);
    }

    @Test
    void aSipCallerOrAnUnknownDirectionIsMalformed() {
        assertThatThrownBy(() -> PlivoEventMapper.callStatus(
                        FormBody.parse("CallUUID=c1&Direction=inbound&From=sip%3Aalice%40phone.plivo.com"
                                + "&To=14155550199&CallStatus=completed"),
                        "MA1",
                        "US",
                        RECEIVED,
                        null))
                .isInstanceOf(MalformedWebhookException.class);
        assertThatThrownBy(() -> PlivoEventMapper.direction("sideways")).isInstanceOf(MalformedWebhookException.class);
    }
}
