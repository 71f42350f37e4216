package io.consentmesh.consent.load;

import io.consentmesh.contracts.KafkaLogin;
import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.privacy.kek.KeystoreKeyEncryptionKeys;
import io.consentmesh.privacy.keys.DataKeys;
import io.consentmesh.privacy.seal.PersonalData;
import io.consentmesh.privacy.seal.PersonalEvents;
import io.consentmesh.privacy.seal.Sealer;
import io.consentmesh.testkit.load.OpenLoop;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Evidence ingest speed (issue: at least 5,000 evidence events/s with hash chaining). Publishes keyword texts (STOP
 * and START in turn, so every one is ledger evidence that chains onto its person's previous record and changes their
 * consent state) for {@code --subjects} people of a fresh tenant to {@code telephony.sms.v1} as call-ingest would
 * (version 2, the number and text sealed under each person's data key; {@code --sealed=false} for version 1), as fast
 * as the producer can, and watches the ledger fill: the rate is records appended per second from the first
 * record to the last. Needs the mesh's subject secret (to key the events as call-ingest does). Talks only to
 * 127.0.0.1 and stops by itself.
 */
public final class EvidenceIngestBenchmark {

    public static void main(String[] args) {
        OpenLoop.exit(() -> benchmark(args));
    }

    private static int benchmark(String[] args) throws Exception {
        Map<String, String> options = OpenLoop.options(args);
        int events = Integer.parseInt(options.getOrDefault("events", "60000"));
        int subjects = Integer.parseInt(options.getOrDefault("subjects", "20000"));
        String bootstrap = options.getOrDefault("bootstrap", "127.0.0.1:9092");
        if (!bootstrap.startsWith("127.0.0.1:")) {
            throw new IllegalArgumentException("only ever run against this machine (127.0.0.1)");
        }
        SubjectKeys keys = SubjectKeys.fromSecret(System.getenv("MESH_SUBJECTS_SECRET"));
        TenantId tenant = new TenantId("ingest-" + UUID.randomUUID().toString().substring(0, 8));
        String[] people = new String[subjects];
        String[] subjectIds = new String[subjects];
        for (int s = 0; s < subjects; s++) {
            people[s] = "+1212%07d".formatted(5_000_000 + s);
            subjectIds[s] = keys.subjectOf(tenant, people[s]).value();
        }
        Properties config = new Properties();
        config.putAll(KafkaLogin.clientConfigFromEnvironment(bootstrap)); // KAFKA_SASL_USERNAME/PASSWORD
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        Instant base = Instant.now().minusSeconds(3_600);
        List<EventEnvelope<?>> texts = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            int s = i % subjects;
            String body = (i / subjects) % 2 == 0 ? "STOP" : "START";
            String messageId = "SMbench" + tenant.value() + "x" + i;
            SmsReceived sms = new SmsReceived(
                    messageId,
                    Provider.TWILIO,
                    "AC-bench",
                    people[s],
                    "+14155550101",
                    body,
                    1,
                    null,
                    base.plusMillis(i));
            texts.add(EventEnvelope.of(
                    EventIds.of("twilio", "sms", messageId),
                    URI.create("/call-ingest/twilio/AC-bench"),
                    tenant,
                    keys.subjectOf(tenant, people[s]),
                    sms.receivedAt(),
                    sms));
        }
        // As call-ingest publishes them since issue 14: the number and text sealed under each person's data key
        // (made here, before the clock starts, in the mesh's key store). --sealed=false publishes version 1, in clear.
        if (Boolean.parseBoolean(options.getOrDefault("sealed", "true"))) {
            texts = sealed(texts, options);
        }
        long published = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (EventEnvelope<?> text : texts) {
                producer.send(new ProducerRecord<>(Topics.TELEPHONY_SMS, text.subject(), EventCodec.encode(text)));
            }
            producer.flush();
        }
        System.out.printf(
                "published %d keyword texts for %d people of %s in %.1f s%n",
                events, subjects, tenant.value(), (System.nanoTime() - published) / 1e9);

        try (Connection db = DriverManager.getConnection(
                options.get("jdbc-url"), options.get("db-user"), System.getenv("LEDGER_DB_PASSWORD"))) {
            long first = 0;
            long recorded = 0;
            long lastChange = System.nanoTime();
            while (recorded < events && System.nanoTime() - lastChange < TimeUnit.SECONDS.toNanos(60)) {
                TimeUnit.MILLISECONDS.sleep(250);
                long now = count(db, tenant);
                if (now > 0 && first == 0) {
                    first = System.nanoTime();
                }
                if (now != recorded) {
                    recorded = now;
                    lastChange = System.nanoTime();
                }
            }
            double seconds = (lastChange - first) / 1e9;
            System.out.printf(
                    "%d of %d evidence records appended (hash-chained, with their consent state) in %.1f s after the"
                            + " first: %.0f records/s%n",
                    recorded, events, seconds, recorded / Math.max(seconds, 0.001));
            return recorded == events ? 0 : 1;
        }
    }

    /** The texts sealed with the mesh's key store (schema mesh_keys, the keystore of secrets.env). */
    private static List<EventEnvelope<?>> sealed(List<EventEnvelope<?>> texts, Map<String, String> options) {
        Vertx vertx = Vertx.vertx();
        URI jdbc = URI.create(options.get("jdbc-url").substring("jdbc:".length()));
        Pool pool = PgBuilder.pool()
                .connectingTo(new PgConnectOptions()
                        .setHost(jdbc.getHost())
                        .setPort(jdbc.getPort())
                        .setDatabase(jdbc.getPath().substring(1))
                        .setUser(options.get("db-user"))
                        .setPassword(System.getenv("LEDGER_DB_PASSWORD")))
                .using(vertx)
                .build();
        try {
            DataKeys keys = new DataKeys(
                    pool,
                    KeystoreKeyEncryptionKeys.open(
                            Path.of(System.getenv("MESH_PRIVACY_KEYSTORE_PATH")),
                            System.getenv("MESH_PRIVACY_KEYSTORE_PASSWORD").toCharArray(),
                            false),
                    texts.size(),
                    Duration.ofMinutes(10),
                    Clock.systemUTC(),
                    new SimpleMeterRegistry());
            long started = System.nanoTime();
            Sealer sealer = new PersonalData(keys)
                    .sealer(texts.stream()
                            .map(PersonalEvents::subjectOf)
                            .distinct()
                            .toList())
                    .await()
                    .atMost(Duration.ofMinutes(5));
            List<EventEnvelope<?>> sealed = texts.stream()
                    .<EventEnvelope<?>>map(text -> PersonalEvents.seal(text, sealer))
                    .toList();
            System.out.printf(
                    "sealed %d texts for their people (keys made in the key store) in %.1f s%n",
                    sealed.size(), (System.nanoTime() - started) / 1e9);
            return sealed;
        } finally {
            pool.closeAndAwait();
            vertx.closeAndAwait();
        }
    }

    private static long count(Connection db, TenantId tenant) throws Exception {
        try (PreparedStatement query =
                db.prepareStatement("SELECT count(*) FROM consent.evidence WHERE tenant_id = ?")) {
            query.setString(1, tenant.value());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
