package io.consentmesh.ingest.twilio;

import static io.consentmesh.ingest.twilio.TwilioTestAccount.post;
import static io.consentmesh.ingest.twilio.TwilioTestAccount.postSigned;
import static io.consentmesh.ingest.twilio.TwilioTestAccount.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.schema.EventSchemas;
import io.consentmesh.contracts.telephony.MessageStatus;
import io.consentmesh.contracts.telephony.MessageStatusChanged;
import io.consentmesh.ingest.IngestTestBase;
import io.consentmesh.testkit.Management;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Messaging status callbacks: delivery states of the tenant's sends, and Twilio's 21610 "recipient opted out". */
@QuarkusTest
@MeshTest
class TwilioMessageStatusWebhookTest extends IngestTestBase {

    @Override
    protected void registerAccounts() {
        TwilioTestAccount.register();
    }

    private static final String PATH = "/webhooks/twilio/message-status";

    @Test
    void kw07ASendRefusedWith21610IsPublishedAsRecipientOptedOutKeyedByTheRecipient() {
        String messageSid = TwilioTestAccount.sid("SM");
        String recipient = TestNumbers.randomUs();

        postSigned(PATH, status(messageSid, recipient, "failed", "21610")).statusCode(204);

        ConsumerRecord<String, String> record = statusEvents(messageSid, 1).get(0);
        assertThat(record.key()).isEqualTo(keys.subjectOf(TENANT, recipient).value());
        assertThat(new EventSchemas().violations(record.value())).isEmpty();
        MessageStatusChanged changed =
                published.opened(record.value(), MessageStatusChanged.class).data();
        assertThat(changed.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(changed.errorCode()).isEqualTo("21610");
        assertThat(changed.recipientOptedOut()).isTrue();
        assertThat(changed.from()).isEqualTo(TENANT_NUMBER);
        assertThat(changed.to()).isEqualTo(recipient);
    }

    @Test
    void eachDeliveryStateIsPublishedOnceAndInboundStatesAreLeftToTheSmsWebhook() {
        String messageSid = TwilioTestAccount.sid("SM");
        String recipient = TestNumbers.randomUs();
        List<Map.Entry<String, String>> delivered = status(messageSid, recipient, "delivered", "");

        postSigned(PATH, status(messageSid, recipient, "sent", "")).statusCode(204);
        postSigned(PATH, delivered).statusCode(204);
        postSigned(PATH, delivered).statusCode(204); // Twilio's retry
        postSigned(PATH, status(TwilioTestAccount.sid("SM"), recipient, "received", ""))
                .statusCode(204);

        List<MessageStatusChanged> states = statusEvents(messageSid, 2).stream()
                .map(r ->
                        published.opened(r.value(), MessageStatusChanged.class).data())
                .toList();
        assertThat(states)
                .extracting(MessageStatusChanged::status)
                .containsExactlyInAnyOrder(MessageStatus.SENT, MessageStatus.DELIVERED);
        assertThat(states).noneMatch(MessageStatusChanged::recipientOptedOut);
    }

    @Test
    void theDecisionNamedOnTheSignedCallbackUrlIsCarriedAndOneThatIsNoUuidIsDroppedNotTheStatus() {
        String decision = UUID.randomUUID().toString();
        String named = TwilioTestAccount.sid("SM");
        String junk = TwilioTestAccount.sid("SM");
        String recipient = TestNumbers.randomUs();

        postSigned(PATH + "?decisionId=" + decision, status(named, recipient, "delivered", ""))
                .statusCode(204);
        postSigned(PATH + "?decisionId=junk", status(junk, recipient, "delivered", ""))
                .statusCode(204);

        MessageStatusChanged carried = published
                .opened(statusEvents(named, 1).get(0).value(), MessageStatusChanged.class)
                .data();
        assertThat(carried.decisionId()).isEqualTo(decision);
        MessageStatusChanged dropped = published
                .opened(statusEvents(junk, 1).get(0).value(), MessageStatusChanged.class)
                .data();
        assertThat(dropped.decisionId()).isNull();
        assertThat(dropped.status()).isEqualTo(MessageStatus.DELIVERED);
        Management.given()
                .get("/q/metrics")
                .then()
                .body(containsString("mesh_ingest_webhooks_total{kind=\"message-status\",outcome=\"bad-decision-id\","
                        + "provider=\"twilio\"}"));
    }

    @Test
    void aDecisionAddedToAUrlTwilioDidNotSignIs403() {
        String messageSid = TwilioTestAccount.sid("SM");
        List<Map.Entry<String, String>> params = status(messageSid, TestNumbers.randomUs(), "delivered", "");

        post(PATH + "?decisionId=" + UUID.randomUUID(), params, sign(PATH, params, TwilioTestAccount.NEW_TOKEN))
                .statusCode(403);
    }

    private static List<ConsumerRecord<String, String>> statusEvents(String messageSid, int atLeast) {
        return kafka.await(
                Topics.TELEPHONY_SMS,
                r -> r.value().contains("mesh.sms.status-changed.v2")
                        && r.value().contains(messageSid),
                atLeast,
                Duration.ofSeconds(30));
    }

    /** The parameters of Twilio's messaging status callback (docs: track outbound message status). */
    private static List<Map.Entry<String, String>> status(
            String messageSid, String recipient, String messageStatus, String errorCode) {
        List<Map.Entry<String, String>> params = new ArrayList<>(List.of(
                Map.entry("AccountSid", TwilioTestAccount.ACCOUNT_SID),
                Map.entry("ApiVersion", "2010-04-01"),
                Map.entry("From", TENANT_NUMBER),
                Map.entry("To", recipient),
                Map.entry("MessageSid", messageSid),
                Map.entry("SmsSid", messageSid),
                Map.entry("MessageStatus", messageStatus),
                Map.entry("SmsStatus", messageStatus),
                Map.entry("MessagingServiceSid", "MG" + "1".repeat(32))));
        if (!errorCode.isEmpty()) {
            params.add(Map.entry("ErrorCode", errorCode));
            params.add(Map.entry("ErrorMessage", "Attempt to send to unsubscribed recipient"));
        }
        if ("delivered".equals(messageStatus)) {
            params.add(Map.entry("RawDlrDoneDate", "2611201504"));
        }
        return params;
    }
}
