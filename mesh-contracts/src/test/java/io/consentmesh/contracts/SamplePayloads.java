package io.consentmesh.contracts;

import io.consentmesh.contracts.billing.BankAccountLinked;
import io.consentmesh.contracts.billing.BankAccountUnlinked;
import io.consentmesh.contracts.billing.BankVerificationRecord;
import io.consentmesh.contracts.billing.SubscriptionEndReason;
import io.consentmesh.contracts.billing.SubscriptionEnded;
import io.consentmesh.contracts.consent.AuthorizationDecided;
import io.consentmesh.contracts.consent.ContactViolated;
import io.consentmesh.contracts.consent.DecisionOutcome;
import io.consentmesh.contracts.consent.EvidenceRecorded;
import io.consentmesh.contracts.consent.LedgerCheckpointSigned;
import io.consentmesh.contracts.consent.RecordingDisclosureViolated;
import io.consentmesh.contracts.consent.ReplyRequested;
import io.consentmesh.contracts.dsar.DsarHeldRecords;
import io.consentmesh.contracts.dsar.DsarRequestRecorded;
import io.consentmesh.contracts.dsar.DsarRequestType;
import io.consentmesh.contracts.dsar.DsarTaskCompleted;
import io.consentmesh.contracts.dsar.DsarTaskIssued;
import io.consentmesh.contracts.dsar.DsarTaskOutcome;
import io.consentmesh.contracts.dsar.FileExportCommanded;
import io.consentmesh.contracts.dsar.FileExportOutcome;
import io.consentmesh.contracts.dsar.FileExported;
import io.consentmesh.contracts.dsar.HeldData;
import io.consentmesh.contracts.dsar.VerificationSmsRequested;
import io.consentmesh.contracts.envelope.EventType;
import io.consentmesh.contracts.privacy.Personal;
import io.consentmesh.contracts.retention.DeletionAction;
import io.consentmesh.contracts.retention.DeletionCommanded;
import io.consentmesh.contracts.retention.DeletionOutcome;
import io.consentmesh.contracts.retention.DeletionOverdue;
import io.consentmesh.contracts.retention.DeletionReason;
import io.consentmesh.contracts.retention.DeletionReceipted;
import io.consentmesh.contracts.telephony.CallDirection;
import io.consentmesh.contracts.telephony.CallStatus;
import io.consentmesh.contracts.telephony.CallStatusChanged;
import io.consentmesh.contracts.telephony.CallbackRequested;
import io.consentmesh.contracts.telephony.DisclosurePlayed;
import io.consentmesh.contracts.telephony.KeypadInputReceived;
import io.consentmesh.contracts.telephony.MediaPlaybackEnded;
import io.consentmesh.contracts.telephony.MediaPlaybackStarted;
import io.consentmesh.contracts.telephony.MessageStatus;
import io.consentmesh.contracts.telephony.MessageStatusChanged;
import io.consentmesh.contracts.telephony.PlaybackKind;
import io.consentmesh.contracts.telephony.PlaybackOutcome;
import io.consentmesh.contracts.telephony.PlayedMedia;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.RecordingAvailable;
import io.consentmesh.contracts.telephony.RecordingState;
import io.consentmesh.contracts.telephony.RecordingStateChanged;
import io.consentmesh.contracts.telephony.RedactedSpan;
import io.consentmesh.contracts.telephony.SensitiveDataKind;
import io.consentmesh.contracts.telephony.SensitiveDataRedacted;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.contracts.telephony.TranscriptAvailable;
import io.consentmesh.contracts.telephony.VerbalConsentDetected;
import io.consentmesh.contracts.telephony.VerbalIntent;
import io.consentmesh.contracts.telephony.WebhookRejected;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** One realistic payload per event type, so a new type without a sample fails the contract tests. */
final class SamplePayloads {

    static final Instant T0 = Instant.parse("2026-11-20T15:04:05.123Z");

    private SamplePayloads() {}

    static Object of(EventType type) {
        return switch (type) {
            case SMS_RECEIVED ->
                new SmsReceived(
                        "SM1f0e2d3c4b5a69788796a5b4c3d2e1f0",
                        Provider.TWILIO,
                        "AC0123456789abcdef0123456789abcdef",
                        "+14155550100",
                        "+14155550199",
                        "STOP",
                        1,
                        "STOP",
                        T0);
            case MESSAGE_STATUS_CHANGED ->
                new MessageStatusChanged(
                        "SM1f0e2d3c4b5a69788796a5b4c3d2e1f0",
                        Provider.TWILIO,
                        "AC0123456789abcdef0123456789abcdef",
                        "+14155550199",
                        "+14155550100",
                        MessageStatus.FAILED,
                        "21610",
                        true,
                        T0);
            case CALL_STATUS_CHANGED ->
                new CallStatusChanged(
                        "CA1f0e2d3c4b5a69788796a5b4c3d2e1f0",
                        Provider.TWILIO,
                        "AC0123456789abcdef0123456789abcdef",
                        CallDirection.INBOUND,
                        "+14155550100",
                        "+14155550199",
                        CallStatus.ANSWERED,
                        2L,
                        T0);
            case DISCLOSURE_PLAYED ->
                new DisclosurePlayed(
                        "CA1f0e2d3c4b5a69788796a5b4c3d2e1f0",
                        Provider.AGENT_RUNTIME,
                        "recording-notice",
                        "2026-03",
                        "en-US",
                        T0,
                        T0.plusMillis(4200),
                        true);
            case MEDIA_PLAYBACK_STARTED ->
                new MediaPlaybackStarted(
                        "428c31b6-7af4-4bcb-b7f5-5013ef9657c1",
                        Provider.TELNYX,
                        "1494404757140276705",
                        new PlayedMedia(
                                "428c31b6-7af4-4bcb-b7f5-5013ef9657c2",
                                PlaybackKind.AUDIO,
                                "recording-notice-en-2026-03",
                                null,
                                "eyJhbm5vdW5jZW1lbnQiOiJyZWNvcmRpbmctbm90aWNlIn0="),
                        "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0",
                        T0);
            case MEDIA_PLAYBACK_ENDED ->
                new MediaPlaybackEnded(
                        "428c31b6-7af4-4bcb-b7f5-5013ef9657c1",
                        Provider.TELNYX,
                        "1494404757140276705",
                        new PlayedMedia(
                                "428c31b6-7af4-4bcb-b7f5-5013ef9657c2",
                                PlaybackKind.SPEECH,
                                null,
                                null,
                                "eyJhbm5vdW5jZW1lbnQiOiJyZWNvcmRpbmctbm90aWNlIn0="),
                        PlaybackOutcome.CALL_HUNG_UP,
                        "call_hangup",
                        "1ddd7b54-4df3-4bca-a65a-3da1ecc777f1",
                        T0.plusMillis(2300));
            case RECORDING_AVAILABLE ->
                new RecordingAvailable(
                        "CA1f0e2d3c4b5a69788796a5b4c3d2e1f0",
                        "RE1f0e2d3c4b5a69788796a5b4c3d2e1f0",
                        Provider.TWILIO,
                        "AC0123456789abcdef0123456789abcdef",
                        "https://api.twilio.com/2010-04-01/Accounts/AC0123/Recordings/RE1f0e",
                        T0.plusSeconds(5),
                        312,
                        2,
                        T0.plusSeconds(330));
            case RECORDING_STATE_CHANGED ->
                new RecordingStateChanged(
                        "CA1f0e2d3c4b5a69788796a5b4c3d2e1f0", Provider.AGENT_RUNTIME, RecordingState.PAUSED, T0);
            case VERBAL_CONSENT_DETECTED ->
                new VerbalConsentDetected(
                        "CA1f0e2d3c4b5a69788796a5b4c3d2e1f0",
                        Provider.AGENT_RUNTIME,
                        VerbalIntent.OPT_OUT,
                        83_250L,
                        "please stop calling me",
                        0.97,
                        T0.plusSeconds(83));
            case CALLBACK_REQUESTED ->
                new CallbackRequested(
                        "CA1f0e2d3c4b5a69788796a5b4c3d2e1f0", Provider.AGENT_RUNTIME, T0.plusSeconds(7200), T0);
            case KEYPAD_INPUT_RECEIVED ->
                new KeypadInputReceived(
                        "CA1f0e2d3c4b5a69788796a5b4c3d2e1f0",
                        Provider.TELNYX,
                        "0123456789abcdef",
                        "9",
                        T0.plusSeconds(12));
            case TRANSCRIPT_AVAILABLE ->
                new TranscriptAvailable(
                        "CA1f0e2d3c4b5a69788796a5b4c3d2e1f0",
                        Provider.TWILIO,
                        "AC0123456789abcdef0123456789abcdef",
                        "TR1f0e2d3c4b5a69788796a5b4c3d2e1f0",
                        "RE1f0e2d3c4b5a69788796a5b4c3d2e1f0",
                        null,
                        null,
                        "my card is [REDACTED:PAYMENT_CARD_NUMBER] thanks",
                        1,
                        T0.plusSeconds(400));
            case SENSITIVE_DATA_REDACTED ->
                new SensitiveDataRedacted(
                        "CA1f0e2d3c4b5a69788796a5b4c3d2e1f0",
                        "6f7c4a2e-3b1d-5c8e-9a0f-2d4b6e8c1a3f",
                        "text",
                        List.of(new RedactedSpan(SensitiveDataKind.PAYMENT_CARD_NUMBER, 11, 30)),
                        T0.plusSeconds(400));
            case BANK_ACCOUNT_LINKED ->
                new BankAccountLinked(
                        "cus_NffrFeUfNV2Hib",
                        new BankVerificationRecord("plaid", "eVBnVMp7zdTJLkRNr33Rs6zr7KNJqBFL9DrE6"),
                        T0);
            case BANK_ACCOUNT_UNLINKED ->
                new BankAccountUnlinked(
                        "cus_NffrFeUfNV2Hib",
                        new BankVerificationRecord("stripe", "fca_1MwVK82eZvKYlo2Cjw8FMxXf"),
                        T0.plusSeconds(86_400));
            case SUBSCRIPTION_ENDED ->
                new SubscriptionEnded(
                        "cus_NffrFeUfNV2Hib", "sub_1MowQVLkdIwHu7ixeRlqHVzs", SubscriptionEndReason.PAYMENT_FAILED, T0);
            case AUTHORIZATION_DECIDED ->
                new AuthorizationDecided(
                        "7f0c2a1e-4b7d-4f7e-9a51-2d8c1f3e6a90",
                        "SMS",
                        "+14155550199",
                        DecisionOutcome.DEFER,
                        T0.plusSeconds(11 * 3600),
                        List.of("QUIET_HOURS"),
                        "2026.11",
                        List.of("0b5e8f62-31c4-4d0a-8d7e-6a2f9c4b1e07"),
                        "MARKETING",
                        "CMP1A2B3C",
                        T0,
                        null);
            case RECORDING_DISCLOSURE_VIOLATED ->
                new RecordingDisclosureViolated(
                        "CA5f2c8e1a9b7d4c3e8a1f2d6b9e0c4a17",
                        "RECORDING_BEFORE_DISCLOSURE",
                        List.of(
                                "recording at 2026-11-25T15:00:03Z, before the disclosure ended at 2026-11-25T15:00:08Z"),
                        List.of("REC-01", "REC-02", "REC-03", "REC-04"),
                        List.of("RE0123456789abcdef0123456789abcdef"),
                        T0.plusSeconds(3),
                        T0.plusSeconds(8),
                        List.of("CA", "NY"),
                        List.of("CA"),
                        "rec-2026.11",
                        "0b5e8f62-31c4-4d0a-8d7e-6a2f9c4b1e07",
                        T0.plusSeconds(90));
            case CONTACT_VIOLATED ->
                new ContactViolated(
                        "SENT_AFTER_DENY",
                        "SMS",
                        Provider.TWILIO,
                        "SM1f0e2d3c4b5a69788796a5b4c3d2e1f0",
                        "+14155550199",
                        T0.plusSeconds(30),
                        "0190f5a4-1c2b-7d3e-8f40-5a6b7c8d9e0f",
                        "DENY",
                        List.of("OPTED_OUT"),
                        "twilio:message-status:SM1f0e2d3c4b5a69788796a5b4c3d2e1f0:SENT",
                        "6f9d2c1e-3b4a-4c5d-8e6f-7a8b9c0d1e2f",
                        T0.plusSeconds(31));
            case REPLY_REQUESTED ->
                new ReplyRequested(
                        "5c1f0a7e-2b3d-4e8f-9a6b-7c2d1e0f3a4b",
                        "OPT_OUT_CONFIRMATION",
                        "+14155550199",
                        "+12125550123",
                        "Acme Alerts: you are unsubscribed and will get no more messages. Reply START to resubscribe.",
                        "9b2e4c6d-8f1a-4b3c-a5d7-e9f0a1b2c3d4",
                        "CACME01",
                        T0,
                        T0.plusSeconds(300));
            case REPLY_REQUESTED_V2 ->
                new ReplyRequested(
                        "6d2a0b8f-3c4e-4f90-8b7c-8d3e2f1a4b5c",
                        "OPT_IN_CONFIRMATION",
                        "+14155550199",
                        "+12125550123",
                        "Acme Deals: you are subscribed to weekly offers. Msg & data rates may apply. Reply STOP to end.",
                        "7e3b1c9a-4d5f-4a01-9c8d-9e4f3a2b5c6d",
                        "CACME01",
                        T0,
                        T0.plusSeconds(3600));
            case EVIDENCE_RECORDED ->
                new EvidenceRecorded(
                        "0b5e8f62-31c4-4d0a-8d7e-6a2f9c4b1e07",
                        "5f2c8e1a-9b7d-4c3e-8a1f-2d6b9e0c4a17",
                        "OPT_OUT_KEYWORD",
                        "SMS",
                        T0,
                        T0.plusMillis(40),
                        Map.of("keyword", "STOP", "tenantNumber", "+14155550199"),
                        "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b",
                        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
            case LEDGER_CHECKPOINT_SIGNED ->
                new LedgerCheckpointSigned(
                        2,
                        "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b",
                        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                        List.of(new LedgerCheckpointSigned.ChainHead(
                                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                                3,
                                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")),
                        T0,
                        "1f2e3d4c5b6a7988",
                        "Ed25519",
                        "bWVzaC1jaGVja3BvaW50LXNpZ25hdHVyZS1leGFtcGxl");
            case WEBHOOK_REJECTED ->
                new WebhookRejected(
                        Provider.TWILIO,
                        "AC0123456789abcdef0123456789abcdef",
                        "/webhooks/twilio/sms",
                        "application/x-www-form-urlencoded",
                        "From is required",
                        "0123456789abcdef",
                        "bm9uY2Vub25jZTEy",
                        "ZW5jcnlwdGVkIGJvZHk=",
                        T0);
            case DSAR_TASK_ISSUED ->
                new DsarTaskIssued("task-7d1c", "dsar-5a2b", DsarRequestType.ACCESS, T0.plusSeconds(30L * 24 * 3600));
            case DSAR_TASK_ISSUED_V2 ->
                new DsarTaskIssued(
                        "task-8e2d",
                        "dsar-6b3c",
                        DsarRequestType.OPT_OUT_OF_SALE_SHARING,
                        T0.plusSeconds(21L * 24 * 3600));
            case DSAR_TASK_COMPLETED ->
                new DsarTaskCompleted(
                        "task-7d1c",
                        "dsar-5a2b",
                        "consent-service",
                        DsarTaskOutcome.COMPLETED,
                        List.of(new HeldData("consent-evidence", 3, "opt-in by web form, STOP by SMS")),
                        null,
                        T0.plusSeconds(2),
                        1);
            case DSAR_HELD_RECORDS ->
                new DsarHeldRecords(
                        "task-7d1c",
                        "dsar-5a2b",
                        "consent-service",
                        "consent-evidence",
                        0,
                        List.of(Map.of(
                                "id", "3f0c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a0f9",
                                "kind", "OPT_IN",
                                "occurred_at", "2026-01-02T03:04:05Z",
                                "content", Map.of("keyword", "pv1.AAAA.c2VhbGVk"))));
            case DSAR_REQUEST_RECORDED ->
                new DsarRequestRecorded(
                        "0c6f2a1e-7b3d-4e8f-9a6b-1d2e3f4a5b6c",
                        "5a2b7c1d-0e9f-4a8b-b7c6-d5e4f3a2b1c0",
                        "VERIFIED",
                        Map.of("method", "SMS_CODE", "assurance", "REASONABLE"),
                        T0,
                        "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b",
                        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
            case VERIFICATION_SMS_REQUESTED ->
                new VerificationSmsRequested(
                        "7e1d2c3b-4a5f-4e6d-8c7b-9a0f1e2d3c4b",
                        "5a2b7c1d-0e9f-4a8b-b7c6-d5e4f3a2b1c0",
                        "+12125550123",
                        "Your code to confirm your privacy request: 482913. It expires in 10 minutes.",
                        "en",
                        T0,
                        T0.plusSeconds(600));
            case DELETION_COMMANDED ->
                new DeletionCommanded(
                        "cmd-4f1e",
                        "item-9a0b",
                        DeletionAction.DELETE,
                        DeletionReason.RETENTION_PERIOD_ENDED,
                        "RECORDING",
                        "recordings-s3",
                        "s3://recordings/tenant-a/RE0123456789abcdef0123456789abcdef.wav",
                        1,
                        T0,
                        T0.plusSeconds(1));
            case DSAR_FILE_EXPORT_COMMANDED ->
                new FileExportCommanded(
                        "5b0e7a52-8f7d-4f1e-9d0c-2a1b3c4d5e6f",
                        "dsar-5a2b",
                        "item-9a0b",
                        "RECORDING",
                        "twilio",
                        "Accounts/AC0001/Recordings/RE0001",
                        "s3://dsar-exports/tenants/acme/requests/dsar-5a2b/item-9a0b",
                        268_435_456L,
                        T0.plusSeconds(1));
            case DSAR_FILE_EXPORTED ->
                new FileExported(
                        "5b0e7a52-8f7d-4f1e-9d0c-2a1b3c4d5e6f",
                        "dsar-5a2b",
                        "item-9a0b",
                        "twilio",
                        FileExportOutcome.EXPORTED,
                        "s3://dsar-exports/tenants/acme/requests/dsar-5a2b/item-9a0b",
                        48_000L,
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                        "audio/wav",
                        null,
                        "agent-eu-1",
                        T0.plusSeconds(3));
            case DELETION_RECEIPTED ->
                new DeletionReceipted(
                        "cmd-4f1e",
                        "item-9a0b",
                        "recordings-s3",
                        DeletionAction.DELETE,
                        DeletionOutcome.DELETED,
                        null,
                        null,
                        "agent-eu-1",
                        T0.plusSeconds(2));
            case DELETION_OVERDUE ->
                new DeletionOverdue(
                        "item-9a0b",
                        "RECORDING",
                        "recordings-s3",
                        "s3://recordings/tenant-a/RE0123456789abcdef0123456789abcdef.wav",
                        T0,
                        4,
                        "FAILED",
                        "503 from the store",
                        T0.plusSeconds(86_400));
            case SMS_RECEIVED_SEALED,
                    MESSAGE_STATUS_CHANGED_SEALED,
                    CALL_STATUS_CHANGED_SEALED,
                    VERBAL_CONSENT_DETECTED_SEALED,
                    TRANSCRIPT_AVAILABLE_SEALED -> sealedLooking((Record) of(EventType.ofPayload(type.payload())));
        };
    }

    /** A sample's personal fields replaced by values shaped like sealed ones (mesh-privacy makes real ones). */
    static Object sealedLooking(Record clear) {
        RecordComponent[] components = clear.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                values[i] = components[i].getAccessor().invoke(clear);
                if (components[i].isAnnotationPresent(Personal.class)) {
                    values[i] = "pv1.AAECAwQFBgcICQoLDA0ODw."
                            + Base64.getUrlEncoder()
                                    .withoutPadding()
                                    .encodeToString(("sealed " + values[i]).getBytes(StandardCharsets.UTF_8));
                }
            }
            return clear.getClass()
                    .getDeclaredConstructor(Arrays.stream(components)
                            .map(RecordComponent::getType)
                            .toArray(Class<?>[]::new))
                    .newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
