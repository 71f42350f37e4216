package io.consentmesh.ingest;

import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.security.SecurityMatrixContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;

@QuarkusTest
@MeshTest
class SecurityMatrixTest extends SecurityMatrixContract {

    private static final String PROVIDER_SIGNATURE = "the provider's signature over the request is its credential";
    private static final String RUNTIME_KEY = "the tenant's agent-runtime key (hashed) is its credential";

    @Override
    protected Map<String, String> openByDesign() {
        return Map.ofEntries(
                Map.entry("POST /webhooks/twilio/sms", PROVIDER_SIGNATURE),
                Map.entry("POST /webhooks/twilio/message-status", PROVIDER_SIGNATURE),
                Map.entry("POST /webhooks/twilio/voice-status", PROVIDER_SIGNATURE),
                Map.entry("POST /webhooks/twilio/recording-status", PROVIDER_SIGNATURE),
                Map.entry("POST /webhooks/twilio/transcription", PROVIDER_SIGNATURE),
                Map.entry("POST /webhooks/twilio/gather", PROVIDER_SIGNATURE),
                Map.entry("POST /webhooks/plivo/{authId}/sms", PROVIDER_SIGNATURE),
                Map.entry("POST /webhooks/plivo/{authId}/call-status", PROVIDER_SIGNATURE),
                Map.entry("POST /webhooks/plivo/{authId}/message-status", PROVIDER_SIGNATURE),
                Map.entry("POST /webhooks/telnyx", PROVIDER_SIGNATURE),
                Map.entry(
                        "POST /webhooks/benchmark/noop",
                        "the load benchmark's HTTP floor: reads nothing, stores nothing"),
                Map.entry("POST /v1/events/disclosure-played", RUNTIME_KEY),
                Map.entry("POST /v1/events/verbal-consent", RUNTIME_KEY),
                Map.entry("POST /v1/events/recording-state", RUNTIME_KEY),
                Map.entry("POST /v1/events/callback-requested", RUNTIME_KEY),
                Map.entry("POST /v1/events/bank-account-linked", RUNTIME_KEY),
                Map.entry("POST /v1/events/bank-account-unlinked", RUNTIME_KEY),
                Map.entry("POST /v1/events/subscription-ended", RUNTIME_KEY));
    }
}
