package io.consentmesh.consent.consents.inbound;

import io.consentmesh.consent.consents.keywords.FreeTextClassifier;
import io.consentmesh.consent.consents.keywords.FreeTextMatch;
import io.consentmesh.consent.consents.keywords.InboundTexts;
import io.consentmesh.consent.consents.keywords.KeywordLists;
import io.consentmesh.consent.consents.keywords.KeywordMatch;
import io.consentmesh.consent.consents.keywords.ProviderVerdicts;
import io.consentmesh.contracts.Topics;
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
import io.consentmesh.runtime.tracing.Traces;
import io.consentmesh.runtime.tracing.Traces.RecordSpans;
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
 * one transaction per batch ({@link InboundTexts}), and a provider's refusal of a send after an opt-out is enforced
 * like a STOP ({@link CarrierOptOuts}) — in topic order; the offsets are committed only after everything commits. A malformed event
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
    private final Traces traces;

    SmsEventConsumer(
            InboundTexts inboundTexts,
            PersonalData personalData,
            MeterRegistry meters,
            KeywordLists keywordLists,
            SubjectKeys subjectKeys,
            CarrierOptOuts carrierOptOuts,
            Traces traces,
            @Channel("dead-letters") MutinyEmitter<String> deadLetters) {
        this.inboundTexts = inboundTexts;
        this.traces = traces;
        this.carrierOptOuts = carrierOptOuts;
        this.personalData = personalData;
        this.erasedSkipped = Counter.builder("mesh.consent.events.erased")
                .description("Events not applied because their person was erased before they were read")
                .tag("channel", "sms-events")
                .register(meters);
        this.keywordLists = keywordLists;
        this.subjectKeys = subjectKeys;
        this.deadLetters = new DeadLetters(deadLetters, Topics.TELEPHONY_SMS);
    }

    @Incoming("sms-events")
    public Uni<Void> onBatch(KafkaRecordBatch<String, String> batch) {
        // each text's span continues the trace of the webhook that brought it (its traceparent header)
        return traces.processing(Topics.TELEPHONY_SMS, batch, spans -> apply(batch, spans));
    }

    private Uni<Void> apply(KafkaRecordBatch<String, String> batch, RecordSpans spans) {
        List<Received> decoded = new ArrayList<>();
        List<Uni<Void>> deadLettered = new ArrayList<>();
        // texts and carrier signals, in topic order: a START after a carrier's opt-out must be applied after it
        List<Object> inOrder = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch) {
            try {
                EventEnvelope<?> any = EventCodec.decode(record.getPayload());
                spans.annotate(record, "mesh.event.type", any.type());
                spans.annotate(record, "mesh.event.id", any.id());
                spans.annotate(record, "mesh.tenant", any.tenantId().value());
                if (any.data() instanceof SmsReceived) {
                    PersonalEvents.requireSealed(any);
                    @SuppressWarnings("unchecked")
                    EventEnvelope<SmsReceived> event = (EventEnvelope<SmsReceived>) any;
                    Received received = new Received(record, event);
                    decoded.add(received);
                    inOrder.add(received);
                } else if (CarrierOptOuts.signals(any)) {
                    @SuppressWarnings("unchecked")
                    EventEnvelope<MessageStatusChanged> signal = (EventEnvelope<MessageStatusChanged>) any;
                    inOrder.add(new CarrierSignal(record, signal));
                } // other delivery states share the topic: they change no consent
            } catch (MalformedEventException malformed) {
                deadLettered.add(deadLetter(record, malformed, spans));
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
                    // each text opened (or dropped: erased, or poison to dead-letter), the signals as they are
                    List<Object> steps = new ArrayList<>(inOrder.size());
                    for (Object step : inOrder) {
                        if (step instanceof Received one) {
                            opened(one, opener.get(), deadLettered, spans).ifPresent(steps::add);
                        } else {
                            steps.add(step);
                        }
                    }
                    // The poison is on the dead-letter topic before the batch's offsets can be committed past it.
                    Uni<Void> poison = deadLettered.isEmpty()
                            ? Uni.createFrom().voidItem()
                            : Uni.join().all(deadLettered).andFailFast().replaceWithVoid();
                    return poison.chain(() -> applyInOrder(steps, spans));
                })
                // A method that takes the batch as a message acknowledges it itself: only then are its offsets
                // committed.
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    /** The text with its personal fields open; empty when its person was erased or it is poison (dead-lettered). */
    private Optional<Received> opened(Received one, Opener opener, List<Uni<Void>> deadLettered, RecordSpans spans) {
        try {
            Optional<EventEnvelope<SmsReceived>> opened = PersonalEvents.open(one.event(), opener);
            if (opened.isEmpty()) {
                erasedSkipped.increment(); // the person was erased since: nothing of theirs to apply
                spans.annotate(one.record(), "mesh.outcome", "SKIPPED_ERASED");
                return Optional.empty();
            }
            requireSubjectOfSender(opened.get());
            return Optional.of(new Received(one.record(), opened.get()));
        } catch (MalformedEventException malformed) {
            deadLettered.add(deadLetter(one.record(), malformed, spans));
            return Optional.empty();
        }
    }

    /**
     * Applies the batch run by run in topic order: consecutive texts as one batch (one transaction; a batch the
     * database refuses as data is applied text by text, the refused one dead-lettered), consecutive carrier signals
     * (a send the provider refused after a STOP, enforced like one) as another. Mostly the whole batch is one run.
     */
    private Uni<Void> applyInOrder(List<Object> steps, RecordSpans spans) {
        Uni<Void> all = Uni.createFrom().voidItem();
        int start = 0;
        while (start < steps.size()) {
            boolean texts = steps.get(start) instanceof Received;
            int end = start;
            while (end < steps.size() && (steps.get(end) instanceof Received) == texts) {
                end++;
            }
            List<Object> run = steps.subList(start, end);
            if (texts) {
                List<Received> received = run.stream().map(Received.class::cast).toList();
                List<EventEnvelope<SmsReceived>> events =
                        received.stream().map(Received::event).toList();
                all = all.chain(() -> UntilApplied.applyBatch(
                        "a batch of SMS events",
                        () -> classify(events)
                                .invoke(classified -> annotate(received, classified, spans))
                                .chain(inboundTexts::apply),
                        () -> oneByOne(received, spans)));
            } else {
                List<CarrierSignal> signals =
                        run.stream().map(CarrierSignal.class::cast).toList();
                all = all.chain(() -> UntilApplied.applyBatch(
                        "carrier opt-out signals",
                        () -> carrierOptOuts.apply(
                                signals.stream().map(CarrierSignal::event).toList()),
                        () -> oneSignalAtATime(signals, spans)));
            }
            start = end;
        }
        return all;
    }

    private record Received(KafkaRecord<String, String> record, EventEnvelope<SmsReceived> event) {}

    private record CarrierSignal(KafkaRecord<String, String> record, EventEnvelope<MessageStatusChanged> event) {}

    /** In order, each signal in a transaction of its own; one the database refuses goes to the dead-letter topic. */
    private Uni<Void> oneSignalAtATime(List<CarrierSignal> signals, RecordSpans spans) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (CarrierSignal signal : signals) {
            all = all.chain(() -> UntilApplied.apply(
                            "a carrier opt-out signal", () -> carrierOptOuts.apply(List.of(signal.event())))
                    .onFailure(MalformedEventException.class)
                    .recoverWithUni(refused -> deadLetter(signal.record(), (MalformedEventException) refused, spans)));
        }
        return all;
    }

    /** In order, each text in a transaction of its own; one the database refuses goes to the dead-letter topic. */
    private Uni<Void> oneByOne(List<Received> received, RecordSpans spans) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Received one : received) {
            all = all.chain(() -> UntilApplied.apply(
                            "an SMS event", () -> classify(List.of(one.event())).chain(inboundTexts::apply))
                    .onFailure(MalformedEventException.class)
                    .recoverWithUni(refused -> deadLetter(one.record(), (MalformedEventException) refused, spans)));
        }
        return all;
    }

    private Uni<Void> deadLetter(
            KafkaRecord<String, String> record, MalformedEventException malformed, RecordSpans spans) {
        spans.failed(record, "dead-lettered"); // its reason is on the dead-letter record, not on a span
        return UntilApplied.apply("dead-lettering a poison SMS event", () -> deadLetters.send(record, malformed));
    }

    /** What each text was read as (a STOP, a START, words of revocation), on its span: the intent, never the words. */
    private static void annotate(List<Received> received, List<InboundTexts.Text> texts, RecordSpans spans) {
        if (!spans.recording()) {
            return;
        }
        for (int i = 0; i < texts.size(); i++) {
            InboundTexts.Text text = texts.get(i);
            spans.annotate(
                    received.get(i).record(),
                    "mesh.keyword.intent",
                    text.keyword().intent().name());
            spans.annotate(
                    received.get(i).record(),
                    "mesh.free-text.revocation-confidence",
                    String.valueOf(text.words().confidence()));
        }
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
