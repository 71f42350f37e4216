package io.consentmesh.consent.keywords;

import io.consentmesh.consent.ledger.Channel;
import io.consentmesh.consent.replies.ReplyCommands;
import io.consentmesh.consent.state.ConsentStates;
import io.consentmesh.consent.state.ConsentStatus;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * An opt-out texted by the person, by keyword or in other words: every channel of the brand is revoked (KW-12) and,
 * unless the person had opted out already (a repeated STOP), the one confirmation reply is queued (KW-08).
 */
@ApplicationScoped
public class OptOuts {

    private final ConsentStates states;
    private final ReplyCommands replies;

    OptOuts(ConsentStates states, ReplyCommands replies) {
        this.states = states;
        this.replies = replies;
    }

    public Uni<Void> revokeAndConfirm(Mutiny.Session session, EventEnvelope<SmsReceived> event, UUID evidenceId) {
        return states.current(session, event.tenantId(), event.subjectId(), Channel.SMS)
                .chain(before -> states.revokeEverywhere(
                                session,
                                event.tenantId(),
                                event.subjectId(),
                                evidenceId,
                                event.data().receivedAt())
                        .chain(() -> before.filter(c -> c.status() == ConsentStatus.REVOKED)
                                        .isPresent()
                                ? Uni.createFrom().voidItem()
                                : replies.optOutConfirmation(session, event)));
    }
}
