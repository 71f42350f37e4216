package io.consentmesh.ingest;

import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every ingest test needs: a client of the real broker, the subject keys, and its accounts registered once after
 * Quarkus is up (RestAssured only knows the port then).
 */
public abstract class IngestTestBase {

    protected static final TenantId TENANT = new TenantId("acme");
    protected static final String TENANT_NUMBER = "+14155550199";
    protected static KafkaTestClient kafka;

    @Inject
    protected SubjectKeys keys;

    /** Decodes what was published and opens its sealed personal fields, as consent-service would. */
    @Inject
    protected PublishedEvents published;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.connect();
    }

    /** JUnit ignores @BeforeEach on an overriding method, so the hook is final and calls the abstract one. */
    @BeforeEach
    final void beforeEachTest() {
        registerAccounts();
    }

    /** Registers the test's provider accounts; called before every test, so it must be idempotent. */
    protected abstract void registerAccounts();

    @AfterAll
    static void disconnect() {
        kafka.close();
    }
}
