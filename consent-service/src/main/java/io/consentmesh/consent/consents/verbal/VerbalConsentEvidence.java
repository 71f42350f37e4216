package io.consentmesh.consent.consents.verbal;

import io.consentmesh.consent.consents.state.ConsentStates;
import io.consentmesh.consent.consents.state.ConsentTransition;
import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.consent.evidence.EvidenceKind;
import io.consentmesh.consent.evidence.EvidenceLedger;
import io.consentmesh.consent.evidence.NewEvidence;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.telephony.VerbalConsentDetected;
import io.consentmesh.contracts.telephony.VerbalIntent;
import io.consentmesh.runtime.chain.SubjectRef;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Words on a call become evidence: "stop calling me" is a revocation by reasonable means (KW-05, KW-06) and covers
 * every channel of the brand; "yes, you can call me" is express consent to be called (not written consent, so it
 * allows no marketing texts). The evidence keeps the call and the transcript offset so the words can be played back.
 */
@ApplicationScoped
public class VerbalConsentEvidence {

    private final EvidenceLedger ledger;
    private final ConsentStates states;

    VerbalConsentEvidence(EvidenceLedger ledger, ConsentStates states) {
        this.ledger = ledger;
        this.states = states;
    }

    public Uni<Void> record(SqlConnection connection, EventEnvelope<VerbalConsentDetected> event) {
        VerbalConsentDetected said = event.data();
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("callId", said.callId());
        content.put("provider", said.provider().name());
        content.put("transcriptOffsetMillis", said.transcriptOffsetMillis());
        content.put("utterance", said.utterance());
        content.put("confidence", said.confidence());
        boolean optOut = said.intent() == VerbalIntent.OPT_OUT;
        NewEvidence evidence = new NewEvidence(
                event.tenantId(),
                event.subjectId(),
                event.id(),
                optOut ? EvidenceKind.VERBAL_OPT_OUT : EvidenceKind.VERBAL_OPT_IN,
                Channel.VOICE,
                said.occurredAt(),
                content);
        return ledger.appendAll(connection, List.of(evidence)).chain(appended -> {
            if (appended.get(0).isEmpty()) {
                return Uni.createFrom().voidItem(); // already recorded: a redelivery has no second effect
            }
            UUID evidenceId = appended.get(0).get();
            SubjectRef person = evidence.chain();
            return states.load(connection, List.of(person)).chain(changes -> {
                ConsentTransition.apply(
                        changes.of(person),
                        ConsentTransition.Evidence.of(
                                evidenceId, evidence.kind(), evidence.channel(), evidence.occurredAt()));
                return states.save(connection, changes);
            });
        });
    }
}
