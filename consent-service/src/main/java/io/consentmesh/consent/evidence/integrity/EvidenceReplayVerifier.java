package io.consentmesh.consent.evidence.integrity;

import io.consentmesh.consent.evidence.integrity.ChainBreak.Kind;
import io.consentmesh.contracts.consent.EvidenceRecorded;
import io.consentmesh.contracts.consent.LedgerCheckpointSigned;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.runtime.chain.ChainHash;
import io.consentmesh.runtime.chain.CheckpointStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Verifies the ledger from {@code consent.evidence.v1} alone, without the database: every record's hash is recomputed
 * from its content, every subject's records must link into one chain, and every signed checkpoint must verify and
 * match the chains. Records of a subject normally arrive in chain order (one partition); a record that arrives before
 * its predecessor waits for it, and is reported as {@link Kind#MISSING_PREDECESSOR} if the predecessor never comes.
 * Feed it events with {@link #accept}, then call {@link #finish}. Pure Java; not thread-safe.
 */
public final class EvidenceReplayVerifier {

    private static final class Chain {
        final List<String> hashes = new ArrayList<>();
        final Map<String, EvidenceRecorded> waiting = new HashMap<>();
        String head;
        ChainBreak broken;
    }

    private static final int REPEAT_WINDOW = 1_000; // the evidence outbox's batch size

    private final String publicKey;
    private final Map<String, Chain> chains = new HashMap<>();
    private final Map<String, List<CheckpointCheck.SignedCheckpoint>> checkpoints = new TreeMap<>();
    private long records;
    private long duplicates;

    /** @param publicKey the checkpoints' Ed25519 public key (raw, base64), as the operator gave it to the auditor */
    public EvidenceReplayVerifier(String publicKey) {
        this.publicKey = publicKey;
    }

    /** @return whether the event was a ledger event (others on the topic are ignored) */
    public boolean accept(EventEnvelope<?> event) {
        if (event.data() instanceof EvidenceRecorded recorded) {
            record(event.tenantId().value(), event.subject(), recorded);
            return true;
        }
        if (event.data() instanceof LedgerCheckpointSigned checkpoint) {
            checkpoint(event.tenantId().value(), checkpoint);
            return true;
        }
        return false;
    }

    private void record(String tenant, String subject, EvidenceRecorded recorded) {
        records++;
        Chain chain = chains.computeIfAbsent(tenant + '\u0000' + subject, k -> new Chain());
        if (chain.broken != null) {
            return;
        }
        if (seenRecently(chain, recorded.hash())) {
            duplicates++; // an outbox batch published again after a failure: the same record twice, one effect
            return;
        }
        String recomputed = recompute(tenant, subject, recorded);
        if (!recomputed.equals(recorded.hash())) {
            chain.broken = new ChainBreak(
                    tenant,
                    subject,
                    Kind.CHANGED,
                    recorded.evidenceId(),
                    recomputed,
                    recorded.hash(),
                    "the published record's content, links or identity do not hash to its hash");
            return;
        }
        if (!Objects.equals(chain.head, recorded.prevHash())) {
            EvidenceRecorded other = chain.waiting.put(Objects.toString(recorded.prevHash(), ""), recorded);
            if (other != null && !other.hash().equals(recorded.hash())) {
                chain.broken = new ChainBreak(
                        tenant,
                        subject,
                        Kind.FORKED,
                        recorded.evidenceId(),
                        "one successor of " + recorded.prevHash(),
                        "also " + other.evidenceId(),
                        "two records follow the same predecessor");
            }
            return;
        }
        append(chain, recorded);
        EvidenceRecorded next;
        while ((next = chain.waiting.remove(chain.head)) != null) {
            append(chain, next);
        }
    }

    /** A repeat comes from a republished outbox batch, so it is among the chain's last batch-size records. */
    private static boolean seenRecently(Chain chain, String hash) {
        for (int i = chain.hashes.size() - 1; i >= Math.max(0, chain.hashes.size() - REPEAT_WINDOW); i--) {
            if (chain.hashes.get(i).equals(hash)) {
                return true;
            }
        }
        return false;
    }

    private static void append(Chain chain, EvidenceRecorded recorded) {
        chain.hashes.add(recorded.hash());
        chain.head = recorded.hash();
    }

    private void checkpoint(String tenant, LedgerCheckpointSigned checkpoint) {
        List<CheckpointCheck.SignedCheckpoint> tenantCheckpoints =
                checkpoints.computeIfAbsent(tenant, t -> new ArrayList<>());
        if (tenantCheckpoints.stream().anyMatch(c -> c.sequence() == checkpoint.sequence())) {
            duplicates++;
            return;
        }
        tenantCheckpoints.add(new CheckpointCheck.SignedCheckpoint(
                tenant,
                checkpoint.sequence(),
                checkpoint.createdAt(),
                checkpoint.previousRoot(),
                checkpoint.root(),
                checkpoint.signature(),
                checkpoint.heads().stream()
                        .map(h -> new CheckpointStatement.Head(h.subjectId(), h.length(), h.headHash()))
                        .toList()));
    }

    private static String recompute(String tenant, String subject, EvidenceRecorded recorded) {
        String canonical = LedgerVerifier.canonical(
                tenant,
                subject,
                recorded.evidenceId(),
                recorded.sourceEventId(),
                recorded.kind(),
                recorded.channel(),
                recorded.occurredAt(),
                recorded.content());
        return canonical == null ? "unreadable record" : ChainHash.next(recorded.prevHash(), canonical);
    }

    /** What the replay found; the same report shape as the database verifier's. */
    public LedgerVerifier.Report finish() {
        List<ChainBreak> breaks = new ArrayList<>();
        Map<String, List<CheckpointCheck.SignedHead>> signedHeads = new HashMap<>();
        checkpoints.forEach((tenant, tenantCheckpoints) -> {
            List<ChainBreak> invalid = CheckpointCheck.verifyTenant(publicKey, tenantCheckpoints);
            breaks.addAll(invalid);
            for (CheckpointCheck.SignedCheckpoint checkpoint : tenantCheckpoints) {
                if (invalid.isEmpty()) {
                    checkpoint.heads().forEach(head -> signedHeads
                            .computeIfAbsent(tenant + '\u0000' + head.subjectId(), k -> new ArrayList<>())
                            .add(new CheckpointCheck.SignedHead(
                                    checkpoint.sequence(), head.length(), head.headHash())));
                }
            }
        });
        chains.forEach((key, chain) -> {
            String[] parts = key.split("\u0000");
            List<CheckpointCheck.SignedHead> signed = signedHeads.remove(key);
            if (chain.broken != null) {
                breaks.add(chain.broken);
            } else if (!chain.waiting.isEmpty()) {
                EvidenceRecorded orphan = chain.waiting.values().iterator().next();
                breaks.add(new ChainBreak(
                        parts[0],
                        parts[1],
                        Kind.MISSING_PREDECESSOR,
                        orphan.evidenceId(),
                        orphan.prevHash(),
                        "not in the log",
                        "the record before this one was never published (or was removed from the log)"));
            } else if (signed != null) {
                breaks.addAll(CheckpointCheck.verifyHeads(parts[0], parts[1], chain.hashes, signed));
            }
        });
        signedHeads.forEach((key, signed) -> {
            String[] parts = key.split("\u0000");
            breaks.addAll(CheckpointCheck.verifyHeads(parts[0], parts[1], List.of(), signed));
        });
        long checkpointCount =
                checkpoints.values().stream().mapToLong(List::size).sum();
        return new LedgerVerifier.Report(Instant.now(), chains.size(), records, checkpointCount, List.copyOf(breaks));
    }

    /** Records seen twice (an outbox batch republished after a failure), counted once. */
    public long duplicates() {
        return duplicates;
    }
}
