package io.consentmesh.agent.stores;

import io.consentmesh.agent.config.AgentConfig;
import io.consentmesh.messaging.deletion.Store;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;

/** The stores of this agent's configuration, each built for its kind. */
public final class Stores {

    private Stores() {}

    public static Map<String, Store> of(AgentConfig config, Executor workers) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(config.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        Map<String, Store> stores = new HashMap<>();
        config.stores()
                .forEach((name, store) -> stores.put(
                        name,
                        "s3".equals(store.kind().toLowerCase(Locale.ROOT))
                                ? new S3Store(name, store, config.requestTimeout(), workers)
                                : new HttpStore(name, store, http, config.requestTimeout())));
        return stores;
    }
}
