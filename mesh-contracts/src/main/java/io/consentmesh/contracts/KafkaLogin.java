package io.consentmesh.contracts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a client of the mesh's broker proves who it is: SASL/SCRAM-SHA-512 as one Kafka principal (one per service; see
 * docs/operations.md, "Kafka security"). The services configure the same through {@code kafka.sasl.jaas.config} in
 * their application.properties; this is for the plain Java clients (audit commands, benchmarks, test helpers).
 *
 * @param username the principal's name, e.g. {@code consent-service}
 * @param password its SCRAM password
 */
public record KafkaLogin(String username, String password) {

    public static final String MECHANISM = "SCRAM-SHA-512";
    /** TLS is the cluster's business (Strimzi); locally the listener is loopback-only SASL without TLS. */
    public static final String DEFAULT_SECURITY_PROTOCOL = "SASL_PLAINTEXT";

    /**
     * The login named by {@code KAFKA_SASL_USERNAME} and {@code KAFKA_SASL_PASSWORD} (the variables the services read
     * too), or empty when the username is not set.
     */
    public static Optional<KafkaLogin> fromEnvironment() {
        String username = System.getenv("KAFKA_SASL_USERNAME");
        if (username == null || username.isBlank()) {
            return Optional.empty();
        }
        String password = System.getenv("KAFKA_SASL_PASSWORD");
        if (password == null || password.isEmpty()) {
            throw new IllegalStateException("KAFKA_SASL_USERNAME is set but KAFKA_SASL_PASSWORD is not");
        }
        return Optional.of(new KafkaLogin(username, password));
    }

    /**
     * Kafka client properties for this login ({@code security.protocol}, {@code sasl.mechanism},
     * {@code sasl.jaas.config}); {@code KAFKA_SECURITY_PROTOCOL} overrides the protocol (SASL_SSL on a TLS listener).
     */
    public Map<String, String> clientProperties() {
        String protocol = Optional.ofNullable(System.getenv("KAFKA_SECURITY_PROTOCOL"))
                .filter(p -> !p.isBlank())
                .orElse(DEFAULT_SECURITY_PROTOCOL);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("security.protocol", protocol);
        properties.put("sasl.mechanism", MECHANISM);
        properties.put("sasl.jaas.config", jaasConfig());
        return properties;
    }

    /** The JAAS line of Kafka's SCRAM login module; quotes and backslashes in either value are escaped. */
    public String jaasConfig() {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + quote(username)
                + "\" password=\"" + quote(password) + "\";";
    }

    /** Client properties for {@code bootstrapServers} as this login. */
    public Map<String, Object> clientConfig(String bootstrapServers) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", bootstrapServers);
        config.putAll(clientProperties());
        return config;
    }

    /**
     * Client properties for {@code bootstrapServers} with the login of the environment, or none (a broker without
     * SASL): what a command-line tool of the mesh connects with.
     */
    public static Map<String, Object> clientConfigFromEnvironment(String bootstrapServers) {
        return fromEnvironment()
                .map(login -> login.clientConfig(bootstrapServers))
                .orElseGet(() -> new LinkedHashMap<>(Map.of("bootstrap.servers", bootstrapServers)));
    }

    @Override
    public String toString() {
        return "KafkaLogin[" + username + "]"; // never the password
    }

    private static String quote(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
