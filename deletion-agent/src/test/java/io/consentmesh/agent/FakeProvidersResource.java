package io.consentmesh.agent;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Starts {@link FakeProviders} before the agent and points its {@code twilio} and {@code plaid} stores at it. */
public class FakeProvidersResource implements QuarkusTestResourceLifecycleManager {

    static FakeProviders providers;

    @Override
    public Map<String, String> start() {
        try {
            providers = new FakeProviders();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "mesh.agent.name",
                "test",
                "mesh.agent.stores.twilio.kind",
                "twilio",
                "mesh.agent.stores.twilio.base-url",
                providers.baseUrl(),
                "mesh.agent.stores.twilio.username",
                FakeProviders.TWILIO_SID,
                "mesh.agent.stores.twilio.password",
                FakeProviders.TWILIO_TOKEN,
                "mesh.agent.stores.plaid.kind",
                "plaid",
                "mesh.agent.stores.plaid.base-url",
                providers.baseUrl(),
                "mesh.agent.stores.plaid.username",
                FakeProviders.PLAID_CLIENT,
                "mesh.agent.stores.plaid.password",
                FakeProviders.PLAID_SECRET,
                "mesh.agent.stores.plaid.access-tokens.\"item-of-ada\"",
                "access-sandbox-ada");
    }

    @Override
    public void stop() {
        if (providers != null) {
            providers.close();
        }
    }
}
