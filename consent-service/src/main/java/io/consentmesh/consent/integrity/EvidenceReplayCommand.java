package io.consentmesh.consent.integrity;

import io.consentmesh.consent.audit.AuditReportFiles;
import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.envelope.EventCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Replays {@code consent.evidence.v1} from the beginning and verifies the ledger from the log alone (see
 * {@link EvidenceReplayVerifier}): no database, no service, only the broker and the checkpoints' public key. Reads up
 * to the end offsets it finds at start, shows progress and throughput on stderr, writes {@code evidence-replay.json}
 * and {@code .md}, and exits 0 when intact, 1 when something is broken. Run it with
 * {@code deploy/audit/replay-evidence.sh}.
 *
 * <pre>
 * EvidenceReplayCommand BOOTSTRAP_SERVERS REPORT_DIR   (public key from LEDGER_CHECKPOINT_PUBLIC_KEY)
 * </pre>
 */
public final class EvidenceReplayCommand {

    private EvidenceReplayCommand() {}

    /** What a replay read, and how fast. */
    public record Replay(LedgerVerifier.Report report, long events, long duplicates, double seconds) {
        public double eventsPerSecond() {
            return seconds == 0 ? 0 : events / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: EvidenceReplayCommand <bootstrap-servers> <report-dir>"
                    + "  (LEDGER_CHECKPOINT_PUBLIC_KEY)");
            System.exit(2);
        }
        Replay replay = replay(args[0], System.getenv("LEDGER_CHECKPOINT_PUBLIC_KEY"), true);
        String markdown = LedgerVerifierCommand.markdown(
                        "Evidence ledger, replayed from " + Topics.CONSENT_EVIDENCE, replay.report())
                + "\nRead %d events (%d repeats counted once) in %.1f s: %.0f events/s.%n"
                        .formatted(replay.events(), replay.duplicates(), replay.seconds(), replay.eventsPerSecond());
        AuditReportFiles.write(Path.of(args[1]), "evidence-replay", replay, markdown);
        System.out.print(markdown);
        System.exit(replay.report().intact() ? 0 : 1);
    }

    /** Reads the topic from its beginning up to its end offsets at the start, verifying as it goes. */
    public static Replay replay(String bootstrapServers, String publicKey, boolean showProgress) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(64 * 1024 * 1024));
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(16 * 1024 * 1024));
        EvidenceReplayVerifier verifier = new EvidenceReplayVerifier(publicKey);
        long events = 0;
        long started = System.nanoTime();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CONSENT_EVIDENCE).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            end.values().removeIf(offset -> offset == 0);
            long nextReport = 100_000;
            while (!end.isEmpty()) {
                ConsumerRecords<String, String> batch = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> record : batch) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Long last = end.get(partition);
                    if (last == null || record.offset() >= last) {
                        continue;
                    }
                    verifier.accept(EventCodec.decode(record.value()));
                    events++;
                }
                // by position, not by the last record seen: an offset may hold no record (e.g. a transaction marker)
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
                if (showProgress && events >= nextReport) {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    System.err.printf("... %d events verified (%.0f/s)%n", events, events / seconds);
                    nextReport += 100_000;
                }
            }
        }
        LedgerVerifier.Report report = verifier.finish();
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Replay(report, events, verifier.duplicates(), seconds);
    }
}
