package io.consentmesh.consent.consents.inbound;

import io.consentmesh.consent.consents.keywords.FreeTextClassifier;
import io.consentmesh.consent.consents.keywords.FreeTextMatch;
import io.consentmesh.consent.consents.keywords.InboundTexts;
import io.consentmesh.consent.consents.keywords.KeywordLists;
import io.consentmesh.consent.consents.keywords.KeywordMatch;
import io.consentmesh.consent.consents.keywords.ProviderVerdicts;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.MalformedEventException;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.MessageStatusChanged;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.messaging.consumer.DeadLetters;
import io.consentmesh.messaging.consumer.UntilApplied;
import io.consentmesh.privacy.seal.Opener;
import io.consentmesh.privacy.seal.PersonalData;
import io.consentmesh.privacy.seal.PersonalEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code telephony.sms.v1} in batches, opening their sealed personal fields with one trip to the key store
 * per batch (an event whose person was erased before it was read is skipped: there is nothing of theirs to apply). Keywords (the tenant's lists, KW-01…KW-04) and revocations in other
 * words (KW-05: clear ones revoke, doubtful ones are queued for review) become evidence, state and reply commands in
 * one transaction per batch ({@link InboundTexts}); the offsets are committed only after it commits. A malformed event
 * goes to {@code consent.dead-letter.v1} with its reason before the batch is applied, and the rest of the batch goes
 * on; anything else (the database is down) is retried with back-off, holding the partitions, so that no STOP is
 * skipped or reordered.
 */
@ApplicationScoped
public class SmsEventConsumer {

    private final InboundTexts inboundTexts;
    private final KeywordLists keywordLists;
    private final SubjectKeys subjectKeys;
    private final DeadLetters deadLetters;
    private final PersonalData personalData;
    private final CarrierOptOuts carrierOptOuts;
    private final Counter erasedSkipped;
    private final FreeTextClassifier freeText = new FreeTextClassifier();

    SmsEventConsumer(
            InboundTexts inboundTexts,
            PersonalData personalData,
            MeterRegistry meters,
            KeywordLists keywordLists,
            SubjectKeys subjectKeys,
            CarrierOptOuts carrierOptOuts,
            @Channel("dead-letters") MutinyEmitter<String> deadLetters) {
        this.inboundTexts = inboundTexts;
        this.carrierOptOuts = carrierOptOuts;
        this.personalData = personalData;
        this.erasedSkipped = Counter.builder("mesh.consent.events.erased")
                .description("Events not applied because their person was erased before they were read")
                .tag("channel", "sms-events")
                .register(meters);
        this.keywordLists = keywordLists;
        this.subjectKeys = subjectKeys;
        this.deadLetters = new DeadLetters(deadLetters);
    }

    @Incoming("sms-events")
    public Uni<Void> onBatch(KafkaRecordBatch<String, String> batch) {
        List<Received> decoded = new ArrayList<>();
        List<CarrierSignal> carrierSignals = new ArrayList<>();
        List<Uni<Void>> deadLettered = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch) {
            try {
                EventEnvelope<?> any = EventCodec.decode(record.getPayload());
                if (any.data() instanceof SmsReceived) {
                    PersonalEvents.requireSealed(any);
                    @SuppressWarnings("unchecked")
                    EventEnvelope<SmsReceived> event = (EventEnvelope<SmsReceived>) any;
                    decoded.add(new Received(record, event));
                } else if (CarrierOptOuts.signals(any)) {
                    @SuppressWarnings("unchecked")
                    EventEnvelope<MessageStatusChanged> signal = (EventEnvelope<MessageStatusChanged>) any;
                    carrierSignals.add(new CarrierSignal(record, signal));
                } // other delivery states share the topic: they change no consent
            } catch (MalformedEventException malformed) {
                deadLettered.add(deadLetter(record, malformed));
            }
        }
        // One trip to the key store opens the whole batch (none while its people's keys are cached); retried like the
        // database, holding the partitions, when the key store is unavailable.
        AtomicReference<Opener> opener = new AtomicReference<>();
        return UntilApplied.apply("opening a batch of SMS events", () -> PersonalEvents.openerFor(
                                personalData,
                                decoded.stream().map(Received::event).toList())
                        .invoke(opener::set)
                        .replaceWithVoid())
                .chain(() -> {
                    List<EventEnvelope<SmsReceived>> received = new ArrayList<>();
                    List<KafkaRecord<String, String>> receivedRecords = new ArrayList<>();
                    for (Received one : decoded) {
                        try {
                            Optional<EventEnvelope<SmsReceived>> opened =
                                    PersonalEvents.open(one.event(), opener.get());
                            if (opened.isEmpty()) {
                                erasedSkipped.increment(); // the person was erased since: nothing of theirs to apply
                                continue;
                            }
                            requireSubjectOfSender(opened.get());
                            received.add(opened.get());
                            receivedRecords.add(one.record());
                        } catch (MalformedEventException malformed) {
                            deadLettered.add(deadLetter(one.record(), malformed));
                        }
                    }
                    // The poison is on the dead-letter topic before the batch's offsets can be committed past it.
                    Uni<Void> poison = deadLettered.isEmpty()
                            ? Uni.createFrom().voidItem()
                            : Uni.join().all(deadLettered).andFailFast().replaceWithVoid();
                    // A method that takes the batch as a message acknowledges it itself: only then are its offsets
                    // committed.
                    // a batch the database refuses as data is applied text by text, the refused one dead-lettered
                    return poison.chain(() -> UntilApplied.applyBatch(
                            "a batch of SMS events",
                            () -> classify(received).chain(inboundTexts::apply),
                            () -> oneByOne(received, receivedRecords)));
                })
                // a carrier's opt-out signal (a send it refused after a STOP) is enforced like one, before the ack
                .chain(() -> UntilApplied.applyBatch(
                        "carrier opt-out signals",
                        () -> carrierOptOuts.apply(carrierSignals.stream()
                                .map(CarrierSignal::event)
                                .toList()),
                        () -> oneSignalAtATime(carrierSignals)))
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    private record Received(KafkaRecord<String, String> record, EventEnvelope<SmsReceived> event) {}

    private record CarrierSignal(KafkaRecord<String, String> record, EventEnvelope<MessageStatusChanged> event) {}

    /** In order, each signal in a transaction of its own; one the database refuses goes to the dead-letter topic. */
    private Uni<Void> oneSignalAtATime(List<CarrierSignal> signals) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (CarrierSignal signal : signals) {
            all = all.chain(() -> UntilApplied.apply(
                            "a carrier opt-out signal", () -> carrierOptOuts.apply(List.of(signal.event())))
                    .onFailure(MalformedEventException.class)
                    .recoverWithUni(refused -> deadLetter(signal.record(), (MalformedEventException) refused)));
        }
        return all;
    }

    /** In order, each text in a transaction of its own; one the database refuses goes to the dead-letter topic. */
    private Uni<Void> oneByOne(List<EventEnvelope<SmsReceived>> received, List<KafkaRecord<String, String>> records) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (int i = 0; i < received.size(); i++) {
            EventEnvelope<SmsReceived> event = received.get(i);
            KafkaRecord<String, String> record = records.get(i);
            all = all.chain(() -> UntilApplied.apply(
                            "an SMS event", () -> classify(List.of(event)).chain(inboundTexts::apply))
                    .onFailure(MalformedEventException.class)
                    .recoverWithUni(refused -> deadLetter(record, (MalformedEventException) refused)));
        }
        return all;
    }

    private Uni<Void> deadLetter(KafkaRecord<String, String> record, MalformedEventException malformed) {
        return UntilApplied.apply("dead-lettering a poison SMS event", () -> deadLetters.send(record, malformed));
    }

    private Uni<List<InboundTexts.Text>> classify(List<EventEnvelope<SmsReceived>> events) {
        return keywordLists
                .classifiersFor(events.stream().map(EventEnvelope::tenantId).toList())
                .map(classifiers -> events.stream()
                        .map(event -> {
                            String body = event.data().body();
                            KeywordMatch keyword =
                                    classifiers.get(event.tenantId()).classify(body);
                            if (!keyword.isKeyword()) { // a word only the provider's opt-out handling knows
                                keyword = ProviderVerdicts.of(event.data().optOutType(), body);
                            }
                            FreeTextMatch words = keyword.isKeyword() ? FreeTextMatch.NONE : freeText.classify(body);
                            return new InboundTexts.Text(event, keyword, words);
                        })
                        .toList());
    }

    /** The key must be the sender's subject id: otherwise the event sits on the wrong partition, out of order. */
    private void requireSubjectOfSender(EventEnvelope<SmsReceived> event) {
        String expected;
        try {
            expected =
                    subjectKeys.subjectOf(event.tenantId(), event.data().from()).value();
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("sender is not an E.164 number");
        }
        if (!expected.equals(event.subject())) {
            throw new MalformedEventException("subject is not the subject id of the sender's number");
        }
    }
}
