package io.consentmesh.retention.inventory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.dsar.DsarRequestRecorded;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.retention.MeshStores;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A person's copy made by dsar-service (its BUNDLE_READY step on dsar.request.v1) is inventoried as a DSAR_EXPORT item
 * of store dsar-service, due 30 days later; other steps are no items; a step without its bundle is dead-lettered.
 */
@QuarkusTest
@MeshTest
class DsarBundleInventoryTest {

    private static final TenantId TENANT = new TenantId("acme");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    SubjectKeys keys;

    @Test
    void aCopyIsInventoriedOnceAsADsarExportDueThirtyDaysLater() {
        SubjectId person = keys.subjectOf(TENANT, TestNumbers.randomUs());
        String bundleId = UUID.randomUUID().toString();
        Instant madeAt = Instant.parse("2026-12-01T09:00:00Z");
        EventEnvelope<DsarRequestRecorded> ready = step(person, "BUNDLE_READY", Map.of("bundleId", bundleId), madeAt);
        UUID item = UUID.fromString(
                EventIds.of("retention-item", TENANT.value(), MeshStores.DSAR_SERVICE, "dsar-bundle:" + bundleId));
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(step(person, "VERIFIED", Map.of("method", "SMS_CODE"), madeAt.minusSeconds(60)));
            kafka.send(ready);
            kafka.send(ready); // delivered again: the same item
            await().atMost(WAIT).untilAsserted(() -> item(item).statusCode(200));
        }
        item(item)
                .body("category", equalTo("DSAR_EXPORT"))
                .body("store", equalTo("dsar-service"))
                .body("address", equalTo("tenants/acme/dsar-bundles/" + bundleId))
                .body("subjectId", equalTo(person.value()))
                .body("storedAt", equalTo("2026-12-01T09:00:00Z"))
                .body("dueAt", equalTo("2026-12-31T09:00:00Z"));
    }

    @Test
    void aCopyWithoutItsBundleIsDeadLettered() {
        SubjectId person = keys.subjectOf(TENANT, TestNumbers.randomUs());
        EventEnvelope<DsarRequestRecorded> broken = step(person, "BUNDLE_READY", Map.of(), Instant.now());
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(broken);
            var dead = kafka.await(Topics.RETENTION_DEAD_LETTER, r -> r.value().contains(broken.id()), 1, WAIT);
            assertThat(KafkaTestClient.header(dead.get(0), "dead-letter-reason"))
                    .isEqualTo("a BUNDLE_READY step must name its person and its bundleId");
        }
    }

    private static EventEnvelope<DsarRequestRecorded> step(
            SubjectId person, String kind, Map<String, Object> detail, Instant at) {
        String recordId = UUID.randomUUID().toString();
        return EventEnvelope.of(
                EventIds.of("dsar-record", recordId),
                URI.create("/dsar-service/record"),
                TENANT,
                person,
                at,
                new DsarRequestRecorded(
                        recordId, UUID.randomUUID().toString(), kind, detail, at, null, "a".repeat(64)));
    }

    private static io.restassured.response.ValidatableResponse item(UUID id) {
        return given().get("/v1/retention/items/{id}", id).then();
    }
}
