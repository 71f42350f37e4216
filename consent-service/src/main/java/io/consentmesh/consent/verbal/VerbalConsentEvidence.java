package io.consentmesh.consent.verbal;

import io.consentmesh.consent.ledger.Channel;
import io.consentmesh.consent.ledger.EvidenceKind;
import io.consentmesh.consent.ledger.EvidenceLedger;
import io.consentmesh.consent.ledger.NewEvidence;
import io.consentmesh.consent.state.ConsentStates;
import io.consentmesh.consent.state.ConsentStatus;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.telephony.VerbalConsentDetected;
import io.consentmesh.contracts.telephony.VerbalIntent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;

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

    public Uni<Void> record(Mutiny.Session session, EventEnvelope<VerbalConsentDetected> event) {
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
        return ledger.append(session, evidence).chain(appended -> {
            if (appended.isEmpty()) {
                return Uni.createFrom().voidItem(); // already recorded: a redelivery has no second effect
            }
            return optOut
                    ? states.revokeEverywhere(
                            session, event.tenantId(), event.subjectId(), appended.get(), said.occurredAt())
                    : states.change(
                            session,
                            event.tenantId(),
                            event.subjectId(),
                            Channel.VOICE,
                            ConsentStatus.OPTED_IN,
                            "EXPRESS",
                            appended.get(),
                            said.occurredAt());
        });
    }
}
