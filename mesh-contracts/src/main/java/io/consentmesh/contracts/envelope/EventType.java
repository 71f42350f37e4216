package io.consentmesh.contracts.envelope;

import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.billing.BankAccountLinked;
import io.consentmesh.contracts.billing.BankAccountUnlinked;
import io.consentmesh.contracts.billing.SubscriptionEnded;
import io.consentmesh.contracts.consent.AuthorizationDecided;
import io.consentmesh.contracts.consent.ContactViolated;
import io.consentmesh.contracts.consent.EvidenceRecorded;
import io.consentmesh.contracts.consent.LedgerCheckpointSigned;
import io.consentmesh.contracts.consent.RecordingDisclosureViolated;
import io.consentmesh.contracts.consent.ReplyRequested;
import io.consentmesh.contracts.dsar.DsarHeldRecords;
import io.consentmesh.contracts.dsar.DsarRequestRecorded;
import io.consentmesh.contracts.dsar.DsarTaskCompleted;
import io.consentmesh.contracts.dsar.DsarTaskIssued;
import io.consentmesh.contracts.dsar.FileExportCommanded;
import io.consentmesh.contracts.dsar.FileExported;
import io.consentmesh.contracts.dsar.VerificationSmsRequested;
import io.consentmesh.contracts.retention.DeletionCommanded;
import io.consentmesh.contracts.retention.DeletionOverdue;
import io.consentmesh.contracts.retention.DeletionReceipted;
import io.consentmesh.contracts.telephony.CallStatusChanged;
import io.consentmesh.contracts.telephony.CallbackRequested;
import io.consentmesh.contracts.telephony.DisclosurePlayed;
import io.consentmesh.contracts.telephony.KeypadInputReceived;
import io.consentmesh.contracts.telephony.MediaPlaybackEnded;
import io.consentmesh.contracts.telephony.MediaPlaybackStarted;
import io.consentmesh.contracts.telephony.MessageStatusChanged;
import io.consentmesh.contracts.telephony.RecordingAvailable;
import io.consentmesh.contracts.telephony.RecordingStateChanged;
import io.consentmesh.contracts.telephony.SensitiveDataRedacted;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.contracts.telephony.TranscriptAvailable;
import io.consentmesh.contracts.telephony.VerbalConsentDetected;
import io.consentmesh.contracts.telephony.WebhookRejected;
import java.util.Arrays;
import java.util.Optional;

/** Every event type on the wire: its versioned CloudEvents type, payload record, topic and JSON Schema. */
public enum EventType {
    SMS_RECEIVED("mesh.sms.received.v1", SmsReceived.class, Topics.TELEPHONY_SMS),
    MESSAGE_STATUS_CHANGED("mesh.sms.status-changed.v1", MessageStatusChanged.class, Topics.TELEPHONY_SMS),
    CALL_STATUS_CHANGED("mesh.call.status-changed.v1", CallStatusChanged.class, Topics.TELEPHONY_CALL),
    DISCLOSURE_PLAYED("mesh.call.disclosure-played.v1", DisclosurePlayed.class, Topics.TELEPHONY_CALL),
    MEDIA_PLAYBACK_STARTED("mesh.call.media-playback-started.v1", MediaPlaybackStarted.class, Topics.TELEPHONY_CALL),
    MEDIA_PLAYBACK_ENDED("mesh.call.media-playback-ended.v1", MediaPlaybackEnded.class, Topics.TELEPHONY_CALL),
    RECORDING_AVAILABLE("mesh.call.recording-available.v1", RecordingAvailable.class, Topics.TELEPHONY_CALL),
    RECORDING_STATE_CHANGED("mesh.call.recording-state-changed.v1", RecordingStateChanged.class, Topics.TELEPHONY_CALL),
    VERBAL_CONSENT_DETECTED("mesh.call.verbal-consent-detected.v1", VerbalConsentDetected.class, Topics.TELEPHONY_CALL),
    CALLBACK_REQUESTED("mesh.call.callback-requested.v1", CallbackRequested.class, Topics.TELEPHONY_CALL),
    KEYPAD_INPUT_RECEIVED("mesh.call.keypad-input.v1", KeypadInputReceived.class, Topics.TELEPHONY_CALL),
    TRANSCRIPT_AVAILABLE("mesh.call.transcript-available.v1", TranscriptAvailable.class, Topics.TELEPHONY_CALL),
    SENSITIVE_DATA_REDACTED("mesh.call.sensitive-data-redacted.v1", SensitiveDataRedacted.class, Topics.TELEPHONY_CALL),
    BANK_ACCOUNT_LINKED("mesh.billing.bank-account-linked.v1", BankAccountLinked.class, Topics.BILLING_ACCOUNT),
    BANK_ACCOUNT_UNLINKED("mesh.billing.bank-account-unlinked.v1", BankAccountUnlinked.class, Topics.BILLING_ACCOUNT),
    SUBSCRIPTION_ENDED("mesh.billing.subscription-ended.v1", SubscriptionEnded.class, Topics.BILLING_ACCOUNT),
    AUTHORIZATION_DECIDED("mesh.consent.authorization-decided.v1", AuthorizationDecided.class, Topics.CONSENT_DECISION),
    RECORDING_DISCLOSURE_VIOLATED(
            "mesh.consent.recording-disclosure-violated.v1",
            RecordingDisclosureViolated.class,
            Topics.CONSENT_VIOLATION),
    CONTACT_VIOLATED("mesh.consent.contact-violated.v1", ContactViolated.class, Topics.CONSENT_VIOLATION),
    REPLY_REQUESTED("mesh.consent.reply-requested.v1", ReplyRequested.class, Topics.CONSENT_REPLY_COMMAND),
    /** Version 2: also the confirmation of a keyword opt-in; version 1 (above, found first by payload) the two kinds. */
    REPLY_REQUESTED_V2("mesh.consent.reply-requested.v2", ReplyRequested.class, Topics.CONSENT_REPLY_COMMAND),
    EVIDENCE_RECORDED("mesh.consent.evidence-recorded.v1", EvidenceRecorded.class, Topics.CONSENT_EVIDENCE),
    LEDGER_CHECKPOINT_SIGNED(
            "mesh.consent.ledger-checkpoint-signed.v1", LedgerCheckpointSigned.class, Topics.CONSENT_EVIDENCE),
    WEBHOOK_REJECTED("mesh.ingest.webhook-rejected.v1", WebhookRejected.class, Topics.INGEST_REJECTED),
    DSAR_TASK_ISSUED("mesh.dsar.task-issued.v1", DsarTaskIssued.class, Topics.DSAR_TASK),
    DSAR_TASK_COMPLETED("mesh.dsar.task-completed.v1", DsarTaskCompleted.class, Topics.DSAR_TASK_RESULT),
    /** Version 2: every right; version 1 (above, found first by payload) carries the four its readers know. */
    DSAR_TASK_ISSUED_V2("mesh.dsar.task-issued.v2", DsarTaskIssued.class, Topics.DSAR_TASK),
    DSAR_HELD_RECORDS("mesh.dsar.held-records.v1", DsarHeldRecords.class, Topics.DSAR_TASK_RESULT),
    DSAR_FILE_EXPORT_COMMANDED(
            "mesh.dsar.file-export-commanded.v1", FileExportCommanded.class, Topics.DSAR_FILE_EXPORT),
    DSAR_FILE_EXPORTED("mesh.dsar.file-exported.v1", FileExported.class, Topics.DSAR_TASK_RESULT),
    DSAR_REQUEST_RECORDED("mesh.dsar.request-recorded.v1", DsarRequestRecorded.class, Topics.DSAR_REQUEST),
    VERIFICATION_SMS_REQUESTED(
            "mesh.dsar.verification-sms-requested.v1", VerificationSmsRequested.class, Topics.DSAR_SMS_COMMAND),
    DELETION_COMMANDED(
            "mesh.retention.deletion-commanded.v1", DeletionCommanded.class, Topics.RETENTION_DELETION_COMMAND),
    DELETION_RECEIPTED(
            "mesh.retention.deletion-receipted.v1", DeletionReceipted.class, Topics.RETENTION_DELETION_RECEIPT),
    DELETION_OVERDUE("mesh.retention.deletion-overdue.v1", DeletionOverdue.class, Topics.RETENTION_ESCALATION),

    // Version 2 of the telephony events that carry personal data: the same payloads with every @Personal field
    // sealed under the subject's data key (what call-ingest publishes; version 1 is still read, in clear, until it
    // ages out of the topic). A reader opens them per batch, and one whose subject was erased reads as erased.
    SMS_RECEIVED_SEALED("mesh.sms.received.v2", SmsReceived.class, Topics.TELEPHONY_SMS, true),
    MESSAGE_STATUS_CHANGED_SEALED("mesh.sms.status-changed.v2", MessageStatusChanged.class, Topics.TELEPHONY_SMS, true),
    CALL_STATUS_CHANGED_SEALED("mesh.call.status-changed.v2", CallStatusChanged.class, Topics.TELEPHONY_CALL, true),
    VERBAL_CONSENT_DETECTED_SEALED(
            "mesh.call.verbal-consent-detected.v2", VerbalConsentDetected.class, Topics.TELEPHONY_CALL, true),
    TRANSCRIPT_AVAILABLE_SEALED(
            "mesh.call.transcript-available.v2", TranscriptAvailable.class, Topics.TELEPHONY_CALL, true);

    private final String type;
    private final Class<?> payload;
    private final String topic;
    private final boolean sealed;

    EventType(String type, Class<?> payload, String topic) {
        this(type, payload, topic, false);
    }

    EventType(String type, Class<?> payload, String topic, boolean sealed) {
        this.type = type;
        this.payload = payload;
        this.topic = topic;
        this.sealed = sealed;
    }

    /** True when this type's personal fields hold sealed values ({@code pv1.…}), never text in clear. */
    public boolean sealed() {
        return sealed;
    }

    /** The version of this payload whose personal fields are sealed, when there is one. */
    public Optional<EventType> sealedVersion() {
        return sealed
                ? Optional.of(this)
                : Arrays.stream(values())
                        .filter(t -> t.sealed && t.payload.equals(payload))
                        .findFirst();
    }

    public String type() {
        return type;
    }

    public Class<?> payload() {
        return payload;
    }

    public String topic() {
        return topic;
    }

    /** Classpath location of the JSON Schema of this type's {@code data}. */
    public String schemaResource() {
        return "schemas/" + type + ".schema.json";
    }

    public static Optional<EventType> ofType(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }

    /** The type of a payload in clear (a sealed payload's type comes from {@link #sealedVersion()}). */
    public static EventType ofPayload(Class<?> payloadClass) {
        return Arrays.stream(values())
                .filter(t -> !t.sealed && t.payload.equals(payloadClass))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an event payload: " + payloadClass.getName()));
    }
}
