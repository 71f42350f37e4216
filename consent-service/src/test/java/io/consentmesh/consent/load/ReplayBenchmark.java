package io.consentmesh.consent.load;

import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.consent.evidence.EvidenceKind;
import io.consentmesh.consent.evidence.NewEvidence;
import io.consentmesh.consent.evidence.integrity.EvidenceReplayCommand;
import io.consentmesh.contracts.KafkaLogin;
import io.consentmesh.contracts.consent.EvidenceRecorded;
import io.consentmesh.contracts.consent.LedgerCheckpointSigned;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.runtime.chain.ChainHash;
import io.consentmesh.runtime.chain.CheckpointKey;
import io.consentmesh.runtime.chain.CheckpointStatement;
import io.consentmesh.testkit.load.OpenLoop;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Replay-and-verify speed (issue: at least 50,000 events/s from Kafka). Writes a ledger log to its own topic — chains
 * of {@code --records-per-subject} records for {@code --subjects} subjects, hashed with the ledger's {@link ChainHash},
 * interleaved the way many people's events interleave, with a signed checkpoint over every 2,000 chain heads — and
 * then replays it with the same code as {@code deploy/audit/replay-evidence.sh}, timing the replay alone. The topic is
 * recreated each run, so the service's own {@code consent.evidence.v1} is never touched. Talks only to 127.0.0.1.
 */
public final class ReplayBenchmark {

    private static final TenantId TENANT = new TenantId("bench-replay");
    private static final URI SOURCE = URI.create("/consent-service/ledger");

    public static void main(String[] args) {
        OpenLoop.exit(() -> benchmark(args));
    }

    private static int benchmark(String[] args) throws Exception {
        Map<String, String> options = OpenLoop.options(args);
        String bootstrap = options.getOrDefault("bootstrap", "127.0.0.1:9092");
        String topic = options.getOrDefault("topic", "bench.consent.evidence.v1");
        int subjects = Integer.parseInt(options.getOrDefault("subjects", "100000"));
        int perSubject = Integer.parseInt(options.getOrDefault("records-per-subject", "10"));
        int partitions = Integer.parseInt(options.getOrDefault("partitions", "6"));
        CheckpointKey key = CheckpointKey.fromSeed(Base64.getEncoder()
                .encodeToString("replay-benchmark-seed-0123456789".getBytes(StandardCharsets.UTF_8)));

        recreate(bootstrap, topic, partitions);
        long written = write(bootstrap, topic, subjects, perSubject, key);
        System.out.printf(
                "wrote %d events (%d subjects x %d records + checkpoints) to %s%n",
                written, subjects, perSubject, topic);

        OpenLoop.RssWatch rss = new OpenLoop.RssWatch(ProcessHandle.current().pid());
        rss.start();
        EvidenceReplayCommand.Replay replay = EvidenceReplayCommand.replay(
                KafkaLogin.clientConfigFromEnvironment(bootstrap), topic, key.publicKeyBase64(), true);
        long peakKb = rss.finish();
        System.out.printf(
                "replayed and verified %d events in %.2f s: %.0f events/s; %d records, %d chains, %d checkpoints,"
                        + " %d breaks; replaying JVM peak RSS %d MB%n",
                replay.events(),
                replay.seconds(),
                replay.eventsPerSecond(),
                replay.report().records(),
                replay.report().subjects(),
                replay.report().checkpoints(),
                replay.report().breaks().size(),
                peakKb / 1024);
        return replay.report().intact() && replay.events() == written ? 0 : 1;
    }

    private static void recreate(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(KafkaLogin.clientConfigFromEnvironment(bootstrap))) {
            if (admin.listTopics().names().get().contains(topic)) {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                while (admin.listTopics().names().get().contains(topic)) {
                    TimeUnit.MILLISECONDS.sleep(200); // deletion completes asynchronously on the broker
                }
            }
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static long write(String bootstrap, String topic, int subjects, int perSubject, CheckpointKey key)
            throws Exception {
        Properties config = new Properties();
        config.putAll(KafkaLogin.clientConfigFromEnvironment(bootstrap));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        String[] ids = new String[subjects];
        String[] heads = new String[subjects];
        for (int s = 0; s < subjects; s++) {
            ids[s] = sha256("bench-subject-" + s);
        }
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        long events = 0;
        long sequence = 0;
        String previousRoot = null;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (int round = 0; round < perSubject; round++) {
                List<CheckpointStatement.Head> changed = new ArrayList<>();
                for (int s = 0; s < subjects; s++) {
                    Instant at = start.plusSeconds((long) round * 86_400 + s);
                    EvidenceKind kind = round % 2 == 0 ? EvidenceKind.EXPRESS_CONSENT : EvidenceKind.OPT_OUT_KEYWORD;
                    Map<String, Object> content = new LinkedHashMap<>();
                    if (kind == EvidenceKind.EXPRESS_CONSENT) {
                        content.put("level", "EXPRESS_WRITTEN");
                        content.put("source", "WEB_FORM");
                        content.put("disclosureVersion", "web-2026-01");
                    } else {
                        content.put("keyword", "STOP");
                        content.put("providerMessageId", "SM" + round + "x" + s);
                    }
                    String sourceEventId = "bench-" + round + "-" + s;
                    UUID id = UUID.fromString(EventIds.of("consent-evidence", TENANT.value(), sourceEventId));
                    NewEvidence evidence = new NewEvidence(
                            TENANT, new SubjectId(ids[s]), sourceEventId, kind, Channel.SMS, at, content);
                    String hash = ChainHash.next(heads[s], evidence.canonical(id));
                    EvidenceRecorded recorded = new EvidenceRecorded(
                            id.toString(), sourceEventId, kind.name(), "SMS", at, at, content, heads[s], hash);
                    heads[s] = hash;
                    producer.send(new ProducerRecord<>(
                            topic,
                            ids[s],
                            EventCodec.encode(EventEnvelope.of(
                                    EventIds.of("consent-service", "evidence", id.toString()),
                                    SOURCE,
                                    TENANT,
                                    new SubjectId(ids[s]),
                                    at,
                                    recorded))));
                    events++;
                    changed.add(new CheckpointStatement.Head(ids[s], round + 1, hash));
                    if (changed.size() == 2_000 || s == subjects - 1) {
                        CheckpointStatement statement =
                                new CheckpointStatement(TENANT.value(), ++sequence, at, previousRoot, changed);
                        String root = statement.root();
                        producer.send(new ProducerRecord<>(
                                topic,
                                "checkpoint:" + TENANT.value(),
                                EventCodec.encode(EventEnvelope.of(
                                        EventIds.of("consent-service", "checkpoint", TENANT.value(), "" + sequence),
                                        SOURCE,
                                        TENANT,
                                        null,
                                        at,
                                        new LedgerCheckpointSigned(
                                                sequence,
                                                previousRoot,
                                                root,
                                                statement.heads().stream()
                                                        .map(h -> new LedgerCheckpointSigned.ChainHead(
                                                                h.subjectId(), h.length(), h.headHash()))
                                                        .toList(),
                                                at,
                                                key.keyId(),
                                                CheckpointKey.ALGORITHM,
                                                key.sign(statement.bytes()))))));
                        events++;
                        previousRoot = root;
                        changed = new ArrayList<>();
                    }
                }
            }
            producer.flush();
        }
        return events;
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
