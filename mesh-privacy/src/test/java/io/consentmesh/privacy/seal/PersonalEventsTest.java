package io.consentmesh.privacy.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventType;
import io.consentmesh.contracts.envelope.MalformedEventException;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.telephony.CallDirection;
import io.consentmesh.contracts.telephony.CallStatus;
import io.consentmesh.contracts.telephony.CallStatusChanged;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.RecordingAvailable;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.contracts.telephony.TranscriptAvailable;
import io.consentmesh.privacy.keys.DataKey;
import io.consentmesh.runtime.chain.SubjectRef;
import io.consentmesh.runtime.crypto.AesGcm;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sealing and opening whole events by their contracts' {@code @Personal} fields, with keys made in memory. */
class PersonalEventsTest {

    private static final TenantId TENANT = new TenantId("acme");
    private static final String ANA = "a".repeat(64);
    private static final String BEN = "b".repeat(64);
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    private final DataKey anaKey = key(ANA);
    private final DataKey benKey = key(BEN);
    private final Sealer sealer = new Sealer(Map.of(anaKey.subject(), anaKey, benKey.subject(), benKey));
    private final Opener opener = new Opener(Map.of(anaKey.keyId(), anaKey, benKey.keyId(), benKey));

    @Test
    void aSealedEventCarriesNoPersonalValueInClearAndOpensToTheEventInClear() {
        EventEnvelope<SmsReceived> clear = sms(ANA, "+14155550123", "Stop texting me");

        EventEnvelope<?> sealed = PersonalEvents.seal(clear, sealer);

        assertThat(sealed.type()).isEqualTo("mesh.sms.received.v2");
        SmsReceived data = (SmsReceived) sealed.data();
        assertThat(data.from()).startsWith("pv1.").doesNotContain("4155550123");
        assertThat(data.body()).startsWith("pv1.");
        assertThat(data.to()).isEqualTo("+14155550199"); // the tenant's number is not personal
        assertThat(PersonalEvents.open(sealed, opener).orElseThrow()).isEqualTo(clear);
    }

    @Test
    void anEventWithoutPersonalFieldsIsLeftAsItIs() {
        EventEnvelope<RecordingAvailable> recording = EventEnvelope.of(
                "rec-1",
                URI.create("/test"),
                TENANT,
                new SubjectId(ANA),
                T0,
                new RecordingAvailable("CA1", "RE1", Provider.TWILIO, "AC1", "https://store/RE1", T0, 12, 1, T0));

        assertThat(PersonalEvents.carriesPersonalData(recording)).isFalse();
        assertThat(PersonalEvents.seal(recording, sealer)).isSameAs(recording);
    }

    @Test
    void anErasedPersonsEventOpensToNothingOrWithItsFieldsMarkedErased() {
        EventEnvelope<?> sealed = PersonalEvents.seal(call(ANA), sealer);
        Opener withoutAna = new Opener(Map.of(benKey.keyId(), benKey));

        assertThat(PersonalEvents.open(sealed, withoutAna)).isEmpty();
        CallStatusChanged kept = (CallStatusChanged)
                PersonalEvents.openKeepingErased(sealed, withoutAna).data();
        assertThat(kept.from()).isEqualTo(PersonalEvents.ERASED_TEXT);
        assertThat(kept.status()).isEqualTo(CallStatus.ANSWERED);
    }

    @Test
    void aSealedVersionHoldingTextInClearOrAnotherPersonsValueIsMalformed() {
        EventEnvelope<SmsReceived> clear = sms(ANA, "+14155550123", "STOP");
        EventEnvelope<SmsReceived> pretending = clear.withData(EventType.SMS_RECEIVED_SEALED, clear.data());
        SmsReceived bens = (SmsReceived)
                PersonalEvents.seal(sms(BEN, "+14155550124", "hello"), sealer).data();
        SmsReceived anas = (SmsReceived) PersonalEvents.seal(clear, sealer).data();
        EventEnvelope<SmsReceived> foreign = clear.withData(
                EventType.SMS_RECEIVED_SEALED,
                new SmsReceived(
                        anas.messageId(),
                        anas.provider(),
                        anas.providerAccountId(),
                        anas.from(),
                        anas.to(),
                        bens.body(),
                        anas.segmentCount(),
                        anas.optOutType(),
                        anas.receivedAt()));

        assertThatThrownBy(() -> PersonalEvents.open(pretending, opener))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("not sealed");
        assertThatThrownBy(() -> PersonalEvents.open(foreign, opener))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("another person");
    }

    @Test
    void aTranscriptOfACallWhosePersonIsUnknownIsSealedUnderItsCallsKey() {
        TranscriptAvailable said =
                new TranscriptAvailable("CA9", Provider.TWILIO, "AC1", "TR1", null, null, null, "call me back", 0, T0);
        EventEnvelope<TranscriptAvailable> transcript =
                EventEnvelope.of("tr-1", URI.create("/test"), TENANT, null, T0, said);

        assertThat(PersonalEvents.subjectOf(transcript)).isEqualTo(new SubjectRef("acme", "call:CA9"));
    }

    @Test
    void anEventInClearIsKeptMinimisedNumbersToTheirRoutingPrefixWordsEmptied() {
        EventEnvelope<SmsReceived> clear = sms(ANA, "+14155550123", "my card is 4111");

        SmsReceived kept =
                (SmsReceived) PersonalEvents.minimisedIfInClear(clear).data();

        assertThat(kept.from()).isEqualTo("+1415555****");
        assertThat(kept.body()).isEmpty();
        assertThat(kept.to()).isEqualTo("+14155550199");
        EventEnvelope<?> sealed = PersonalEvents.seal(clear, sealer);
        assertThat(PersonalEvents.minimisedIfInClear(sealed)).isSameAs(sealed);
    }

    private static EventEnvelope<SmsReceived> sms(String subject, String from, String body) {
        return EventEnvelope.of(
                "sms-" + subject.charAt(0) + body.length(),
                URI.create("/test"),
                TENANT,
                new SubjectId(subject),
                T0,
                new SmsReceived("SM1", Provider.TWILIO, "AC1", from, "+14155550199", body, 1, null, T0));
    }

    private static EventEnvelope<CallStatusChanged> call(String subject) {
        return EventEnvelope.of(
                "call-" + subject.charAt(0),
                URI.create("/test"),
                TENANT,
                new SubjectId(subject),
                T0,
                new CallStatusChanged(
                        "CA1",
                        Provider.TWILIO,
                        "AC1",
                        CallDirection.INBOUND,
                        "+14155550123",
                        "+14155550199",
                        CallStatus.ANSWERED,
                        1L,
                        T0));
    }

    private static DataKey key(String subject) {
        return new DataKey(UUID.randomUUID(), new SubjectRef("acme", subject), AesGcm.newKey());
    }
}
