package io.consentmesh.privacy.seal;

import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventType;
import io.consentmesh.contracts.envelope.MalformedEventException;
import io.consentmesh.contracts.telephony.TranscriptAvailable;
import io.consentmesh.runtime.chain.SubjectRef;
import io.smallrye.mutiny.Uni;
import java.util.Collection;
import java.util.Optional;

/**
 * Events whose payloads carry personal data ({@code @Personal} fields): a producer publishes them in their sealed
 * version ({@link EventType#sealedVersion()}), each field sealed under the data key of the event's subject; a reader
 * opens a batch of them with one {@link Opener}. An event whose subject was erased since opens to nothing — it is
 * read as erased, never as an error.
 */
public final class PersonalEvents {

    private PersonalEvents() {}

    /** True when this payload type has personal fields that must be sealed before the event leaves the service. */
    public static boolean carriesPersonalData(EventEnvelope<?> event) {
        return event.eventType().sealedVersion().isPresent();
    }

    /**
     * The sealed version of {@code event} ({@code sealer} made for its subject); an event with no personal fields is
     * returned as it is.
     *
     * @throws IllegalStateException when the event carries personal data but names no subject to seal it for
     */
    public static EventEnvelope<?> seal(EventEnvelope<?> event, Sealer sealer) {
        EventType type = event.eventType();
        Optional<EventType> sealedType = type.sealedVersion();
        if (sealedType.isEmpty() || type.sealed()) {
            return event;
        }
        return event.withData(sealedType.get(), PersonalRecords.seal((Record) event.data(), subjectOf(event), sealer));
    }

    /**
     * Whose key seals the event's personal fields: its subject's. A transcript of a call whose person is not known
     * yet (its status callbacks have not arrived, or never will) is sealed under a key of its own call, {@code
     * call:<callId>}, so that it is still never published in clear and can be shredded with the call.
     *
     * @throws IllegalStateException when the event carries personal data but names no one to seal it for
     */
    public static SubjectRef subjectOf(EventEnvelope<?> event) {
        String tenant = event.tenantId().value();
        if (event.subject() != null) {
            return new SubjectRef(tenant, event.subject());
        }
        if (event.data() instanceof TranscriptAvailable transcript) {
            return new SubjectRef(tenant, CALL_KEY_PREFIX + transcript.callId());
        }
        throw new IllegalStateException(event.type() + " carries personal data but names no subject");
    }

    /** The prefix of the key owners that are calls, not people (never a subject id: those are hex HMACs). */
    public static final String CALL_KEY_PREFIX = "call:";

    /**
     * Refuses a sealed-version event with a personal value in clear (a producer that did not seal): readers must never
     * take text in clear from where only sealed values belong, nor let it reach their stores.
     */
    public static void requireSealed(EventEnvelope<?> event) {
        if (!event.eventType().sealed()) {
            return;
        }
        for (Object value : PersonalRecords.personalValues((Record) event.data())) {
            if (value != null && Envelope.parse(value.toString()).isEmpty()) {
                throw new MalformedEventException(event.type() + " holds a personal value that is not sealed");
            }
        }
    }

    /** One opener for the sealed values of these events (one trip to the key store, none when cached). */
    public static Uni<Opener> openerFor(PersonalData personalData, Collection<? extends EventEnvelope<?>> events) {
        return personalData.opener(events.stream()
                .filter(event -> event.eventType().sealed())
                .flatMap(event -> PersonalRecords.personalValues((Record) event.data()).stream())
                .toList());
    }

    /**
     * The event with its personal fields in clear (typed as the version in clear); empty when its subject was erased (its key is gone). A version 1
     * event (in clear already) is returned as it is.
     *
     * @throws MalformedEventException when a value does not open with its key (tampered with, or another person's)
     */
    public static <T> Optional<EventEnvelope<T>> open(EventEnvelope<T> event, Opener opener) {
        if (event.eventType().sealed() && PersonalRecords.anyErased((Record) event.data(), opener)) {
            return Optional.empty();
        }
        return Optional.of(openKeepingErased(event, opener));
    }

    /**
     * The event with its personal fields in clear, a field whose key is gone reading {@link #ERASED_TEXT}: for readers
     * that need the rest of an event (when a call was answered) even after its person was erased.
     *
     * @throws MalformedEventException when a value does not open with its key (tampered with, or another person's)
     */
    public static <T> EventEnvelope<T> openKeepingErased(EventEnvelope<T> event, Opener opener) {
        if (!event.eventType().sealed()) {
            return event;
        }
        requireSealed(event);
        requireOwnedBy(subjectOf(event), (Record) event.data(), opener);
        try {
            @SuppressWarnings("unchecked")
            T opened = (T) PersonalRecords.open((Record) event.data(), opener, ERASED_TEXT);
            return event.withData(EventType.ofPayload(opened.getClass()), opened);
        } catch (IllegalStateException tampered) {
            throw new MalformedEventException(tampered.getMessage());
        }
    }

    /** A value sealed for someone else, copied into this person's event, would be read as theirs: refused. */
    private static void requireOwnedBy(SubjectRef subject, Record data, Opener opener) {
        for (Object value : PersonalRecords.personalValues(data)) {
            opener.ownerOf(value).filter(owner -> !owner.equals(subject)).ifPresent(owner -> {
                throw new MalformedEventException("a personal value is sealed for another person than the event's");
            });
        }
    }

    /** What an erased personal field reads as where the rest of its event is still used. */
    public static final String ERASED_TEXT = "(erased)";

    /**
     * An event in clear (version 1, from a producer older than sealing) as a service may keep it: its personal fields
     * minimised ({@link PersonalRecords#minimise}); any other event as it is.
     */
    public static EventEnvelope<?> minimisedIfInClear(EventEnvelope<?> event) {
        if (event.eventType().sealed() || !carriesPersonalData(event)) {
            return event;
        }
        return event.withData(event.eventType(), PersonalRecords.minimise((Record) event.data()));
    }
}
