package io.consentmesh.consent.evidence.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.consent.evidence.EvidenceKind;
import io.consentmesh.consent.evidence.NewEvidence;
import io.consentmesh.consent.evidence.integrity.ChainBreak.Kind;
import io.consentmesh.contracts.consent.EvidenceRecorded;
import io.consentmesh.contracts.consent.LedgerCheckpointSigned;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.runtime.chain.ChainHash;
import io.consentmesh.runtime.chain.CheckpointKey;
import io.consentmesh.runtime.chain.CheckpointStatement;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The replay verifier over hand-built events: what the log must show, and each way it can be wrong. */
class EvidenceReplayVerifierTest {

    private static final TenantId TENANT = new TenantId("acme");
    private static final SubjectId SUBJECT = new SubjectId("a".repeat(64));
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final CheckpointKey KEY =
            CheckpointKey.fromSeed(Base64.getEncoder().encodeToString("unit-test-checkpoint-seed-000001".getBytes()));

    @Test
    void an_intact_log_verifies_even_when_a_record_arrives_before_its_predecessor() {
        List<EventEnvelope<EvidenceRecorded>> chain = chain("STOP", "START", "STOP");
        EvidenceReplayVerifier verifier = new EvidenceReplayVerifier(KEY.publicKeyBase64());
        verifier.accept(chain.get(0));
        verifier.accept(chain.get(2));
        verifier.accept(chain.get(1));
        verifier.accept(checkpoint(1, null, chain.get(2).data().hash(), 3, KEY));

        LedgerVerifier.Report report = verifier.finish();

        assertThat(report.breaks()).isEmpty();
        assertThat(report.records()).isEqualTo(3);
        assertThat(report.checkpoints()).isEqualTo(1);
    }

    @Test
    void a_repeated_record_counts_once() {
        List<EventEnvelope<EvidenceRecorded>> chain = chain("STOP", "START");
        EvidenceReplayVerifier verifier = new EvidenceReplayVerifier(KEY.publicKeyBase64());
        chain.forEach(verifier::accept);
        chain.forEach(verifier::accept);

        assertThat(verifier.finish().breaks()).isEmpty();
        assertThat(verifier.duplicates()).isEqualTo(2);
    }

    @Test
    void an_altered_record_is_found() {
        List<EventEnvelope<EvidenceRecorded>> chain = chain("STOP", "START");
        EvidenceRecorded genuine = chain.get(1).data();
        EvidenceRecorded altered = new EvidenceRecorded(
                genuine.evidenceId(),
                genuine.sourceEventId(),
                genuine.kind(),
                genuine.channel(),
                genuine.occurredAt(),
                genuine.recordedAt(),
                Map.of("keyword", "YES"),
                genuine.prevHash(),
                genuine.hash());
        EvidenceReplayVerifier verifier = new EvidenceReplayVerifier(KEY.publicKeyBase64());
        verifier.accept(chain.get(0));
        verifier.accept(envelope(altered));

        assertThat(verifier.finish().breaks()).singleElement().satisfies(found -> {
            assertThat(found.kind()).isEqualTo(Kind.CHANGED);
            assertThat(found.recordId()).isEqualTo(genuine.evidenceId());
        });
    }

    @Test
    void a_record_missing_from_the_log_is_found_at_its_successor() {
        List<EventEnvelope<EvidenceRecorded>> chain = chain("STOP", "START", "STOP");
        EvidenceReplayVerifier verifier = new EvidenceReplayVerifier(KEY.publicKeyBase64());
        verifier.accept(chain.get(0));
        verifier.accept(chain.get(2));

        assertThat(verifier.finish().breaks()).singleElement().satisfies(found -> assertThat(found.kind())
                .isEqualTo(Kind.MISSING_PREDECESSOR));
    }

    @Test
    void a_checkpoint_signed_by_another_key_is_invalid() {
        List<EventEnvelope<EvidenceRecorded>> chain = chain("STOP");
        CheckpointKey other = CheckpointKey.fromSeed(
                Base64.getEncoder().encodeToString("another-key-that-is-not-the-one!".getBytes()));
        EvidenceReplayVerifier verifier = new EvidenceReplayVerifier(KEY.publicKeyBase64());
        verifier.accept(chain.get(0));
        verifier.accept(checkpoint(1, null, chain.get(0).data().hash(), 1, other));

        assertThat(verifier.finish().breaks()).singleElement().satisfies(found -> assertThat(found.kind())
                .isEqualTo(Kind.CHECKPOINT_INVALID));
    }

    @Test
    void a_consistently_rewritten_chain_contradicts_its_checkpoint() {
        List<EventEnvelope<EvidenceRecorded>> genuine = chain("STOP", "START");
        List<EventEnvelope<EvidenceRecorded>> rewritten = chain("STOP", "STOP"); // every link valid on its own
        EvidenceReplayVerifier verifier = new EvidenceReplayVerifier(KEY.publicKeyBase64());
        rewritten.forEach(verifier::accept);
        verifier.accept(checkpoint(1, null, genuine.get(1).data().hash(), 2, KEY));

        assertThat(verifier.finish().breaks()).singleElement().satisfies(found -> assertThat(found.kind())
                .isEqualTo(Kind.NOT_AS_CHECKPOINTED));
    }

    @Test
    void a_missing_checkpoint_breaks_the_tenant_sequence() {
        List<EventEnvelope<EvidenceRecorded>> chain = chain("STOP");
        String hash = chain.get(0).data().hash();
        EvidenceReplayVerifier verifier = new EvidenceReplayVerifier(KEY.publicKeyBase64());
        verifier.accept(chain.get(0));
        verifier.accept(checkpoint(2, "b".repeat(64), hash, 1, KEY));

        assertThat(verifier.finish().breaks()).singleElement().satisfies(found -> assertThat(found.expected())
                .isEqualTo("sequence 1"));
    }

    /** A subject's records with these keywords, chained as the ledger chains them. */
    private static List<EventEnvelope<EvidenceRecorded>> chain(String... keywords) {
        List<EventEnvelope<EvidenceRecorded>> events = new ArrayList<>();
        String previous = null;
        for (int i = 0; i < keywords.length; i++) {
            UUID id = UUID.nameUUIDFromBytes(("record-" + i).getBytes());
            Map<String, Object> content = Map.of("keyword", keywords[i]);
            NewEvidence evidence = new NewEvidence(
                    TENANT,
                    SUBJECT,
                    "event-" + i,
                    keywords[i].equals("START") ? EvidenceKind.OPT_IN_KEYWORD : EvidenceKind.OPT_OUT_KEYWORD,
                    Channel.SMS,
                    T0.plusSeconds(i),
                    content);
            String hash = ChainHash.next(previous, evidence.canonical(id));
            events.add(envelope(new EvidenceRecorded(
                    id.toString(),
                    evidence.sourceEventId(),
                    evidence.kind().name(),
                    "SMS",
                    evidence.occurredAt(),
                    evidence.occurredAt(),
                    content,
                    previous,
                    hash)));
            previous = hash;
        }
        return events;
    }

    private static EventEnvelope<EvidenceRecorded> envelope(EvidenceRecorded recorded) {
        return EventEnvelope.of(
                "evidence-" + recorded.evidenceId() + recorded.hash(),
                URI.create("/test"),
                TENANT,
                SUBJECT,
                recorded.recordedAt(),
                recorded);
    }

    private static EventEnvelope<LedgerCheckpointSigned> checkpoint(
            long sequence, String previousRoot, String headHash, long length, CheckpointKey key) {
        CheckpointStatement statement = new CheckpointStatement(
                TENANT.value(),
                sequence,
                T0.plusSeconds(60),
                previousRoot,
                List.of(new CheckpointStatement.Head(SUBJECT.value(), length, headHash)));
        return EventEnvelope.of(
                "checkpoint-" + sequence,
                URI.create("/test"),
                TENANT,
                null,
                statement.createdAt(),
                new LedgerCheckpointSigned(
                        sequence,
                        previousRoot,
                        statement.root(),
                        List.of(new LedgerCheckpointSigned.ChainHead(SUBJECT.value(), length, headHash)),
                        statement.createdAt(),
                        key.keyId(),
                        CheckpointKey.ALGORITHM,
                        key.sign(statement.bytes())));
    }
}
