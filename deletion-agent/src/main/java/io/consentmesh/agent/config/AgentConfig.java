package io.consentmesh.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code mesh.agent.*}: who this agent is, the stores it deletes from, and where it copies a person's files to for
 * their access copy.
 */
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

    /**
     * The object storage dsar-service reads a person's files from once this agent copied them there (its export
     * staging bucket). Without it, export commands for this agent's stores are answered FAILED, saying so.
     */
    Optional<ExportTarget> exports();

    /** How many files are copied at once (each streams through a temporary file, never whole in memory). */
    @WithDefault("2")
    int exportConcurrency();

    /** Where exported files are written: an S3-compatible endpoint and the one bucket export commands may name. */
    interface ExportTarget {

        String baseUrl();

        @WithDefault("us-east-1")
        String region();

        /** An access key allowed to write to {@link #bucket} only. */
        String username();

        String password();

        /** The staging bucket; a command naming any other target is refused. */
        String bucket();
    }

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

        /**
         * telnyx, plivo: the hosts a recording's media may be downloaded from (the API answers with a link to it), e.g.
         * {@code *.telnyx.com}; the API's own host is always allowed. A link to any other host is refused, so an
         * agent never fetches from where a forged answer points.
         */
        Optional<List<String>> mediaHosts();
    }
}
