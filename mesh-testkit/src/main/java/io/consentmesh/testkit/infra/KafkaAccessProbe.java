package io.consentmesh.testkit.infra;

import io.consentmesh.contracts.KafkaLogin;
import io.consentmesh.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Tries, from outside, what a mesh broker must refuse: a client without a login, a wrong password, a logged-in
 * principal without ACLs (made for the probe and removed after) writing and reading mesh topics, and each service
 * whose password it is given writing a topic another service owns. The testkit's tests run it against the test
 * broker; {@code deploy/local/smoke.sh} runs it against the local one:
 *
 * <pre>
 * java -cp … io.consentmesh.testkit.infra.KafkaAccessProbe 127.0.0.1:9092
 * </pre>
 *
 * with the admin's password in {@code KAFKA_ADMIN_PASSWORD} and, optionally, the services' in the variables
 * {@link MeshKafkaAcls#passwordVariable} names. Prints one line per check; exits 1 if anything was let through.
 */
public final class KafkaAccessProbe {

    /** The topics a stranger tries: inbound telephony, the evidence log and DSAR tasks. */
    static final List<String> PROBED_TOPICS = List.of(Topics.TELEPHONY_SMS, Topics.CONSENT_EVIDENCE, Topics.DSAR_TASK);

    /** One attempt and how the broker answered it; {@code refusal} is null when the attempt succeeded. */
    public record Check(String attempt, Class<? extends Throwable> expected, Throwable refusal) {
        public boolean refusedAsExpected() {
            for (Throwable cause = refusal; cause != null; cause = cause.getCause()) {
                if (expected.isInstance(cause)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return attempt + ": "
                    + (refusal == null
                            ? "ALLOWED"
                            : refusedAsExpected()
                                    ? "refused (" + expected.getSimpleName() + ")"
                                    : "failed otherwise: " + refusal);
        }
    }

    private final String bootstrapServers;
    private final KafkaLogin admin;
    private final Map<String, KafkaLogin> services;

    /**
     * @param admin the broker's super-user, used only to make and remove the probe's principal
     * @param services service logins to check against their ACLs (any subset, may be empty)
     */
    public KafkaAccessProbe(String bootstrapServers, KafkaLogin admin, Map<String, KafkaLogin> services) {
        this.bootstrapServers = bootstrapServers;
        this.admin = admin;
        this.services = Map.copyOf(services);
    }

    public List<Check> run() {
        List<Check> checks = new ArrayList<>();
        // the SASL listener drops a client that does not start the handshake: it never gets metadata
        checks.add(attempt(
                "produce to " + Topics.TELEPHONY_SMS + " without a login",
                TimeoutException.class,
                () -> send(Map.of("bootstrap.servers", bootstrapServers), Topics.TELEPHONY_SMS)));
        checks.add(attempt(
                "produce to " + Topics.DSAR_TASK + " as dsar-service with a wrong password",
                SaslAuthenticationException.class,
                () -> send(
                        new KafkaLogin("dsar-service", "not-its-password").clientConfig(bootstrapServers),
                        Topics.DSAR_TASK)));
        checks.addAll(strangerChecks());
        services.forEach((principal, login) -> MeshKafkaAcls.service(principal).ifPresent(access -> {
            Map<String, Object> config = login.clientConfig(bootstrapServers);
            Topics.ALL.stream()
                    .filter(topic -> !access.writes().contains(topic))
                    .findFirst()
                    .ifPresent(topic -> checks.add(attempt(
                            "produce to " + topic + " as " + principal + ", which does not own it",
                            TopicAuthorizationException.class,
                            () -> send(config, topic))));
        }));
        return checks;
    }

    private List<Check> strangerChecks() {
        KafkaLogin stranger =
                new KafkaLogin("probe-" + UUID.randomUUID(), UUID.randomUUID().toString());
        try (Admin client = Admin.create(admin.clientConfig(bootstrapServers))) {
            client.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                            stranger.username(),
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                            stranger.password())))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            try {
                Map<String, Object> config = stranger.clientConfig(bootstrapServers);
                List<Check> checks = new ArrayList<>();
                for (String topic : PROBED_TOPICS) {
                    checks.add(attempt(
                            "produce to " + topic + " as a principal without ACLs",
                            TopicAuthorizationException.class,
                            () -> send(config, topic)));
                    checks.add(attempt(
                            "read " + topic + " as a principal without ACLs",
                            TopicAuthorizationException.class,
                            () -> readAssigned(config, topic)));
                }
                checks.add(attempt(
                        "read " + Topics.TELEPHONY_SMS + " in consent-service's group as a principal without ACLs",
                        AuthorizationException.class,
                        () -> readSubscribed(config, Topics.TELEPHONY_SMS, "consent-service")));
                return checks;
            } finally {
                client.alterUserScramCredentials(List.of(
                                new UserScramCredentialDeletion(stranger.username(), ScramMechanism.SCRAM_SHA_512)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the admin could not make or remove the probe's principal", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Check attempt(String what, Class<? extends Throwable> expected, Runnable action) {
        try {
            action.run();
            return new Check(what, expected, null);
        } catch (RuntimeException e) {
            return new Check(what, expected, e);
        }
    }

    /** Sends one record and waits for the broker's answer; any refusal is thrown. */
    public static void send(Map<String, Object> login, String topic) {
        try (KafkaProducer<String, String> producer = producer(login)) {
            producer.send(new ProducerRecord<>(topic, "acl-probe", "{}")).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not send to " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("no answer from the broker for " + topic, e);
        }
    }

    /** Reads the topic's first partition without a group: only the topic's ACLs count. */
    public static void readAssigned(Map<String, Object> login, String topic) {
        try (KafkaConsumer<String, String> consumer = consumer(login, null)) {
            TopicPartition first = new TopicPartition(topic, 0);
            consumer.assign(List.of(first));
            consumer.seekToBeginning(List.of(first));
            consumer.poll(Duration.ofMillis(500));
        }
    }

    /** Joins {@code group} and reads until something comes (or 30 s pass), committing nothing. */
    public static List<ConsumerRecord<String, String>> readSubscribed(
            Map<String, Object> login, String topic, String group) {
        try (KafkaConsumer<String, String> consumer = consumer(login, group)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                List<ConsumerRecord<String, String>> records = new ArrayList<>();
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                if (!records.isEmpty()) {
                    return records;
                }
            }
            return List.of();
        }
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> login) {
        Map<String, Object> config = new HashMap<>(login);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // a refusal arrives with the first metadata answer; only a client that cannot connect waits this long
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return new KafkaProducer<>(config);
    }

    private static KafkaConsumer<String, String> consumer(Map<String, Object> login, String group) {
        Map<String, Object> config = new HashMap<>(login);
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaConsumer<>(config);
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: KafkaAccessProbe <bootstrap servers>  (KAFKA_ADMIN_PASSWORD, KAFKA_PASSWORD_*)");
            System.exit(2);
        }
        String adminPassword = System.getenv("KAFKA_ADMIN_PASSWORD");
        if (adminPassword == null || adminPassword.isBlank()) {
            System.err.println("KAFKA_ADMIN_PASSWORD is not set");
            System.exit(2);
        }
        Map<String, KafkaLogin> services = new HashMap<>();
        for (MeshKafkaAcls.ServiceAccess service : MeshKafkaAcls.SERVICES) {
            String password = System.getenv(MeshKafkaAcls.passwordVariable(service.principal()));
            if (password != null && !password.isBlank()) {
                services.put(service.principal(), new KafkaLogin(service.principal(), password));
            }
        }
        List<Check> checks =
                new KafkaAccessProbe(args[0], new KafkaLogin(MeshKafkaAcls.ADMIN, adminPassword), services).run();
        checks.forEach(check -> System.out.println("[kafka-probe] " + check));
        long letThrough =
                checks.stream().filter(check -> !check.refusedAsExpected()).count();
        System.out.println(
                "[kafka-probe] " + (checks.size() - letThrough) + " refused as expected, " + letThrough + " not");
        System.exit(letThrough == 0 ? 0 : 1);
    }
}
