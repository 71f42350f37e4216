package io.consentmesh.agent.stores;

import io.consentmesh.agent.config.AgentConfig;
import java.util.Map;
import java.util.Optional;

/** A store's configuration as a test writes it. */
record TestStoreConfig(
        String kind,
        String baseUrl,
        Optional<String> username,
        Optional<String> password,
        Map<String, String> accessTokens,
        String region,
        Optional<String> quarantineBucket,
        Optional<java.util.List<String>> mediaHosts)
        implements AgentConfig.Store {

    static TestStoreConfig of(String kind, String baseUrl, String user, String password, Map<String, String> tokens) {
        return new TestStoreConfig(
                kind,
                baseUrl,
                Optional.ofNullable(user),
                Optional.ofNullable(password),
                tokens,
                "us-east-1",
                Optional.empty(),
                Optional.empty());
    }
}
