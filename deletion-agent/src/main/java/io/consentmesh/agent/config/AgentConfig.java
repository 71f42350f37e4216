package io.consentmesh.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** {@code mesh.agent.*}: who this agent is and the stores it deletes from. */
@ConfigMapping(prefix = "mesh.agent")
public interface AgentConfig {

    /** The agent's name, in every receipt it sends (several agents run side by side, each near its stores). */
    String name();

    /** The stores this agent answers for, by the name retention-service uses ({@code mesh.retention.stores}). */
    Map<String, Store> stores();

    /** How many commands of a batch run against the stores at once. */
    @WithDefault("16")
    int concurrency();

    /** How long one call to a store may take before it is answered FAILED (and retried by retention-service). */
    @WithDefault("PT10S")
    Duration requestTimeout();

    /** One store: which API it speaks, where, and with which credentials (from a Secret). */
    interface Store {

        /** {@code s3} (any S3-compatible object storage), {@code twilio}, {@code telnyx}, {@code plivo} or {@code plaid}. */
        String kind();

        /** The API's base URL, e.g. {@code https://api.twilio.com}; for s3 the endpoint, e.g. {@code https://s3.eu-west-1.amazonaws.com}. */
        String baseUrl();

        /** Twilio: Account SID; Plivo: Auth ID; Plaid: client_id; s3: the access key id. */
        Optional<String> username();

        /** Twilio: Auth Token; Plivo: Auth Token; Plaid: secret; Telnyx: the API key; s3: the secret access key. */
        Optional<String> password();

        /** Plaid: the access token of each item, by item id (from a Secret: the agent never logs them). */
        Map<String, String> accessTokens();

        /** s3: the region to sign for. */
        @WithDefault("us-east-1")
        String region();

        /**
         * s3: where a quarantined object is moved (key {@code <bucket>/<key>}), out of its readers' reach; without
         * one, a quarantine deletes at once.
         */
        Optional<String> quarantineBucket();
    }
}
