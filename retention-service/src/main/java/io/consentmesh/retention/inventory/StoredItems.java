package io.consentmesh.retention.inventory;

import io.consentmesh.contracts.billing.BankAccountLinked;
import io.consentmesh.contracts.billing.BankVerificationRecord;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.MalformedEventException;
import io.consentmesh.contracts.retention.MeshStores;
import io.consentmesh.contracts.telephony.CallStatus;
import io.consentmesh.contracts.telephony.CallStatusChanged;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.RecordingAvailable;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.contracts.telephony.TranscriptAvailable;
import io.consentmesh.retention.schedule.Category;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The stored items the mesh's own events reveal, and where each store finds them. A provider's item is addressed as
 * the path of its REST resource under the provider's API base (what the deletion agent sends a DELETE to); an item the
 * tenant keeps in object storage ({@code s3://bucket/key} as its storage URI) is in store {@code object-storage}.
 */
public final class StoredItems {

    public static final String OBJECT_STORAGE = "object-storage";

    /** A call in one of these states has ended: its call detail record's period starts. */
    public static final Set<CallStatus> ENDED = EnumSet.of(
            CallStatus.COMPLETED, CallStatus.BUSY, CallStatus.NO_ANSWER, CallStatus.FAILED, CallStatus.CANCELED);

    private StoredItems() {}

    public static NewItem recording(EventEnvelope<?> event, RecordingAvailable recording) {
        boolean inObjectStorage = recording.storageUri().startsWith("s3://");
        String store = inObjectStorage ? OBJECT_STORAGE : store(recording.provider());
        String address = inObjectStorage
                ? recording.storageUri()
                : switch (recording.provider()) {
                    case TWILIO ->
                        "Accounts/" + recording.providerAccountId() + "/Recordings/" + recording.recordingId();
                    case TELNYX -> "recordings/" + recording.recordingId();
                    case PLIVO -> "Account/" + recording.providerAccountId() + "/Recording/" + recording.recordingId();
                    case AGENT_RUNTIME -> recording.storageUri();
                };
        return item(
                event,
                Category.RECORDING,
                store,
                recording.recordingId(),
                recording.callId(),
                address,
                recording.availableAt(),
                null);
    }

    public static NewItem transcript(EventEnvelope<?> event, TranscriptAvailable transcript) {
        String address =
                switch (transcript.provider()) {
                    case TWILIO ->
                        "Accounts/" + transcript.providerAccountId() + "/Transcriptions/"
                                + transcript.transcriptionId();
                    case TELNYX, PLIVO, AGENT_RUNTIME -> "transcriptions/" + transcript.transcriptionId();
                };
        return item(
                event,
                Category.TRANSCRIPT,
                store(transcript.provider()),
                transcript.transcriptionId(),
                transcript.callId(),
                address,
                transcript.occurredAt(),
                null);
    }

    /**
     * The mesh's own copy of a transcript whose call's person was not known yet (the event names no subject): sealed
     * under a data key of the call, which consent-service destroys when the item is deleted — one item per call, each
     * such transcript of the call naming it. A transcript sealed under its person's key goes with the person's
     * erasure, and from the topics with their retention (7 days).
     */
    public static Optional<NewItem> callDataKey(EventEnvelope<?> event, TranscriptAvailable transcript) {
        if (event.subject() != null) {
            return Optional.empty();
        }
        // one source event, two items: this one's source is named apart (an event makes one item of each kind)
        return Optional.of(item(
                        event,
                        Category.TRANSCRIPT,
                        MeshStores.CONSENT_SERVICE,
                        "call-data-key:" + transcript.callId(),
                        transcript.callId(),
                        MeshStores.callDataKey(event.tenantId().value(), transcript.callId()),
                        transcript.occurredAt(),
                        null)
                .fromSource(event.id() + "/call-data-key"));
    }

    /**
     * The text of a message a person sent, as its provider keeps it: Twilio's message resource (which Twilio deletes on
     * {@code DELETE .../Messages/{Sid}.json}). Other providers document no per-message deletion, so their messages are
     * not inventoried: their account's own retention governs them (docs/retention.md).
     */
    public static Optional<NewItem> messageContent(EventEnvelope<?> event, SmsReceived message) {
        if (message.provider() != Provider.TWILIO) {
            return Optional.empty();
        }
        return Optional.of(item(
                event,
                Category.MESSAGE_CONTENT,
                store(message.provider()),
                message.messageId(),
                null,
                "Accounts/" + message.providerAccountId() + "/Messages/" + message.messageId(),
                message.receivedAt(),
                null));
    }

    /** A call's detail record at its provider; its period starts when the call ends (null until then). */
    public static NewItem callRecord(EventEnvelope<?> event, CallStatusChanged call) {
        String address =
                switch (call.provider()) {
                    case TWILIO -> "Accounts/" + call.providerAccountId() + "/Calls/" + call.callId();
                    case TELNYX -> "calls/" + call.callId();
                    case PLIVO -> "Account/" + call.providerAccountId() + "/Call/" + call.callId() + "/";
                    case AGENT_RUNTIME -> "calls/" + call.callId();
                };
        return item(
                event,
                Category.CALL_METADATA,
                store(call.provider()),
                call.callId(),
                call.callId(),
                address,
                call.occurredAt(),
                ENDED.contains(call.status()) ? call.occurredAt() : null);
    }

    /** The verification provider's record; its period starts when the account is unlinked. */
    public static NewItem bankVerification(EventEnvelope<?> event, BankAccountLinked linked) {
        BankVerificationRecord record = linked.verification();
        return item(
                event,
                Category.BANK_VERIFICATION,
                verificationStore(record),
                record.recordId(),
                null,
                record.recordId(),
                linked.occurredAt(),
                null);
    }

    /** The store that holds a verification provider's records: the provider's name as the tenant spells it. */
    public static String verificationStore(BankVerificationRecord record) {
        String store = record.provider().strip().toLowerCase(Locale.ROOT);
        if (!io.consentmesh.contracts.retention.DeletionCommanded.STORE_NAME
                .matcher(store)
                .matches()) {
            throw new MalformedEventException("verification.provider is not a store name (letters, digits, dashes)");
        }
        return store;
    }

    public static String store(Provider provider) {
        return provider.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * A person's copy made by dsar-service (its record's BUNDLE_READY step): kept by dsar-service, deleted on the
     * DSAR_EXPORT schedule by dsar-service answering for its own store.
     */
    public static NewItem dsarBundle(EventEnvelope<?> event, String bundleId, java.time.Instant madeAt) {
        return item(
                event,
                Category.DSAR_EXPORT,
                MeshStores.DSAR_SERVICE,
                "dsar-bundle:" + bundleId,
                null,
                MeshStores.dsarBundle(event.tenantId().value(), bundleId),
                madeAt,
                null);
    }

    private static NewItem item(
            EventEnvelope<?> event,
            Category category,
            String store,
            String itemRef,
            String callId,
            String address,
            java.time.Instant storedAt,
            java.time.Instant triggerFact) {
        String tenant = event.tenantId().value();
        UUID id = UUID.fromString(EventIds.of("retention-item", tenant, store, itemRef));
        return new NewItem(
                id,
                tenant,
                event.subject(),
                event.id(),
                category,
                store,
                itemRef,
                callId,
                address,
                storedAt,
                triggerFact);
    }
}
