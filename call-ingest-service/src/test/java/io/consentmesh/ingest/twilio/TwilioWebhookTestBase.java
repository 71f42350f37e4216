package io.consentmesh.ingest.twilio;

import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** What every Twilio webhook test needs: the registered account, a broker client and the subject keys. */
abstract class TwilioWebhookTestBase {

    static final TenantId TENANT = new TenantId("acme");
    static final String TENANT_NUMBER = "+14155550199";
    static KafkaTestClient kafka;

    @Inject
    SubjectKeys keys;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.connect();
    }

    @BeforeEach
    void registerAccount() {
        TwilioTestAccount.register();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }
}
