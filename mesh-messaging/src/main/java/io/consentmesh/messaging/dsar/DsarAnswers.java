package io.consentmesh.messaging.dsar;

import io.consentmesh.contracts.dsar.DsarHeldRecords;
import io.consentmesh.contracts.dsar.DsarTaskCompleted;
import io.consentmesh.contracts.dsar.DsarTaskIssued;
import io.consentmesh.contracts.dsar.DsarTaskOutcome;
import io.consentmesh.contracts.dsar.HeldData;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A responder's answer to a data-subject task as the events that carry it: the pages of the records it holds, then
 * the answer counting them. Sent in this order under the subject's key, the pages are on the partition before the
 * answer, so dsar-service has every record when it reads the answer. Every event id derives from the task, so an
 * answer sent again is applied once.
 */
public final class DsarAnswers {

    private DsarAnswers() {}

    /** {@code service}'s answer to {@code task} now: what it holds or did (nothing held when {@code held} is empty). */
    public static DsarTaskCompleted answer(DsarTaskIssued task, String service, List<HeldData> held) {
        return new DsarTaskCompleted(
                task.taskId(),
                task.requestId(),
                service,
                held.isEmpty() ? DsarTaskOutcome.NOTHING_HELD : DsarTaskOutcome.COMPLETED,
                held,
                null,
                Instant.now());
    }

    /**
     * @param records the records held, per category (in the order wanted in the copy); empty for rights that need none
     * @return the events to send, in order: pages first, the answer (with its page count) last
     */
    public static List<EventEnvelope<?>> events(
            URI source,
            TenantId tenant,
            SubjectId subject,
            DsarTaskCompleted answer,
            Map<String, List<Map<String, Object>>> records) {
        List<EventEnvelope<?>> events = new ArrayList<>();
        records.forEach((category, held) -> {
            List<List<Map<String, Object>>> pages = pages(held, DsarHeldRecords.MAX_PAGE_BYTES);
            for (int page = 0; page < pages.size(); page++) {
                DsarHeldRecords data = new DsarHeldRecords(
                        answer.taskId(),
                        answer.requestId(),
                        answer.respondingService(),
                        category,
                        page,
                        pages.get(page));
                events.add(EventEnvelope.of(
                        EventIds.of(
                                answer.respondingService(),
                                "dsar-held-records",
                                answer.taskId(),
                                category,
                                Integer.toString(page)),
                        source,
                        tenant,
                        subject,
                        answer.completedAt(),
                        data));
            }
        });
        DsarTaskCompleted counted = new DsarTaskCompleted(
                answer.taskId(),
                answer.requestId(),
                answer.respondingService(),
                answer.outcome(),
                answer.held(),
                answer.failureReason(),
                answer.completedAt(),
                events.size());
        events.add(EventEnvelope.of(
                EventIds.of(answer.respondingService(), "dsar-task-completed", answer.taskId()),
                source,
                tenant,
                subject,
                answer.completedAt(),
                counted));
        return events;
    }

    /** Sends the events one after the other under the subject's key, so that they stay in order on its partition. */
    public static Uni<Void> send(MutinyEmitter<String> topic, String subjectKey, List<EventEnvelope<?>> events) {
        Uni<Void> sent = Uni.createFrom().voidItem();
        for (EventEnvelope<?> event : events) {
            sent = sent.chain(() -> topic.sendMessage(Message.of(EventCodec.encode(event))
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                            .withKey(subjectKey)
                            .build())));
        }
        return sent;
    }

    /**
     * Splits records into pages whose encoded records stay under {@code maxBytes}; a record larger than that alone is
     * a page of its own (the mesh refuses inputs that large before they are stored).
     */
    static List<List<Map<String, Object>>> pages(List<Map<String, Object>> records, int maxBytes) {
        List<List<Map<String, Object>>> pages = new ArrayList<>();
        List<Map<String, Object>> page = new ArrayList<>();
        long bytes = 0;
        for (Map<String, Object> record : records) {
            long size = encodedSize(record);
            if (!page.isEmpty() && bytes + size > maxBytes) {
                pages.add(page);
                page = new ArrayList<>();
                bytes = 0;
            }
            page.add(record);
            bytes += size + 1;
        }
        if (!page.isEmpty()) {
            pages.add(page);
        }
        return pages;
    }

    private static long encodedSize(Map<String, Object> record) {
        try {
            return EventCodec.mapper().writeValueAsString(record).getBytes(StandardCharsets.UTF_8).length;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("a held record must be JSON: " + e.getOriginalMessage(), e);
        }
    }
}
