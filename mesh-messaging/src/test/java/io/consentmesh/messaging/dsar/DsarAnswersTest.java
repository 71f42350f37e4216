package io.consentmesh.messaging.dsar;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentmesh.contracts.dsar.DsarHeldRecords;
import io.consentmesh.contracts.dsar.DsarTaskCompleted;
import io.consentmesh.contracts.dsar.DsarTaskOutcome;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.schema.EventSchemas;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DsarAnswersTest {

    private static final TenantId TENANT = new TenantId("acme");
    private static final SubjectId SUBJECT = new SubjectId("a".repeat(64));
    private static final DsarTaskCompleted ANSWER = new DsarTaskCompleted(
            "task-1", "request-1", "consent-service", DsarTaskOutcome.COMPLETED, List.of(), null, Instant.EPOCH);

    @Test
    void manyRecordsAreSplitIntoPagesUnderTheLimitThenTheAnswerCountsThem() {
        List<Map<String, Object>> evidence = IntStream.range(0, 3_000)
                .mapToObj(i -> Map.<String, Object>of("id", "e" + i, "content", "x".repeat(300)))
                .toList();
        Map<String, List<Map<String, Object>>> records = new LinkedHashMap<>();
        records.put("consent-evidence", evidence);
        records.put("consent-state", List.of(Map.of("channel", "SMS", "status", "OPTED_IN")));

        List<EventEnvelope<?>> events = DsarAnswers.events(URI.create("/test"), TENANT, SUBJECT, ANSWER, records);

        EventSchemas schemas = new EventSchemas();
        List<Map<String, Object>> carried = new ArrayList<>();
        for (EventEnvelope<?> event : events) {
            String json = EventCodec.encode(event);
            assertThat(schemas.violations(json)).isEmpty();
            assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThan(DsarHeldRecords.MAX_PAGE_BYTES + 4096);
            if (event.data() instanceof DsarHeldRecords page && page.category().equals("consent-evidence")) {
                carried.addAll(page.records());
            }
        }
        assertThat(carried).isEqualTo(evidence); // every record, once, in order
        EventEnvelope<?> last = events.get(events.size() - 1);
        assertThat(last.data()).isInstanceOf(DsarTaskCompleted.class);
        assertThat(((DsarTaskCompleted) last.data()).recordPages())
                .isEqualTo(events.size() - 1)
                .isGreaterThan(4);
        assertThat(events.stream().map(EventEnvelope::id).distinct()).hasSize(events.size());
    }

    @Test
    void theSameAnswerMadeAgainHasTheSameEventIds() {
        Map<String, List<Map<String, Object>>> records = Map.of("stored-items", List.of(Map.of("id", "i1")));
        assertThat(DsarAnswers.events(URI.create("/t"), TENANT, SUBJECT, ANSWER, records).stream()
                        .map(EventEnvelope::id))
                .containsExactlyElementsOf(
                        DsarAnswers.events(URI.create("/t"), TENANT, SUBJECT, ANSWER, records).stream()
                                .map(EventEnvelope::id)
                                .toList());
    }

    @Test
    void anAnswerWithoutRecordsIsTheAnswerAlone() {
        List<EventEnvelope<?>> events = DsarAnswers.events(URI.create("/t"), TENANT, SUBJECT, ANSWER, Map.of());
        assertThat(events).hasSize(1);
        assertThat(((DsarTaskCompleted) events.get(0).data()).recordPages()).isZero();
    }
}
