package io.consentmesh.consent.evidence.integrity;

import io.consentmesh.consent.audit.AuditReportFiles;
import io.consentmesh.consent.audit.EvidenceLog;
import io.consentmesh.contracts.KafkaLogin;
import io.consentmesh.contracts.Topics;
import java.nio.file.Path;
import java.util.Map;

/**
 * Replays {@code consent.evidence.v1} from the beginning and verifies the ledger from the log alone (see
 * {@link EvidenceReplayVerifier}): no database, no service, only the broker and the checkpoints' public key. Reads up
 * to the end offsets it finds at start, shows progress and throughput on stderr, writes {@code evidence-replay.json}
 * and {@code .md}, and exits 0 when intact, 1 when something is broken. Run it with
 * {@code deploy/audit/replay-evidence.sh}.
 *
 * <pre>
 * EvidenceReplayCommand BOOTSTRAP_SERVERS REPORT_DIR [TOPIC]   (public key from LEDGER_CHECKPOINT_PUBLIC_KEY)
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
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: EvidenceReplayCommand <bootstrap-servers> <report-dir> [topic]"
                    + "  (LEDGER_CHECKPOINT_PUBLIC_KEY; KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD)");
            System.exit(2);
        }
        String topic = args.length == 3 ? args[2] : Topics.CONSENT_EVIDENCE;
        Replay replay = replay(
                KafkaLogin.clientConfigFromEnvironment(args[0]),
                topic,
                System.getenv("LEDGER_CHECKPOINT_PUBLIC_KEY"),
                true);
        String markdown = LedgerVerifierCommand.markdown("Evidence ledger, replayed from " + topic, replay.report())
                + "\nRead %d events (%d repeats counted once) in %.1f s: %.0f events/s.%n"
                        .formatted(replay.events(), replay.duplicates(), replay.seconds(), replay.eventsPerSecond());
        AuditReportFiles.write(Path.of(args[1]), "evidence-replay", replay, markdown);
        System.out.print(markdown);
        System.exit(replay.report().intact() ? 0 : 1);
    }

    /**
     * Reads the topic from its beginning up to its end offsets at the start, verifying as it goes.
     *
     * @param kafka client properties: {@code bootstrap.servers} and a login that may read the topic
     */
    public static Replay replay(Map<String, ?> kafka, String topic, String publicKey, boolean showProgress) {
        EvidenceReplayVerifier verifier = new EvidenceReplayVerifier(publicKey);
        long started = System.nanoTime();
        long events = EvidenceLog.read(kafka, topic, verifier::accept, read -> {
            if (showProgress) {
                System.err.printf(
                        "... %d events verified (%.0f/s)%n", read, read / ((System.nanoTime() - started) / 1e9));
            }
        });
        LedgerVerifier.Report report = verifier.finish();
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Replay(report, events, verifier.duplicates(), seconds);
    }
}
