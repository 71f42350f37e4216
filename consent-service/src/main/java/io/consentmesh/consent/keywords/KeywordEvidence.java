package io.consentmesh.consent.keywords;

import io.consentmesh.consent.ledger.Channel;
import io.consentmesh.consent.ledger.EvidenceKind;
import io.consentmesh.consent.ledger.EvidenceLedger;
import io.consentmesh.consent.ledger.NewEvidence;
import io.consentmesh.consent.replies.ReplyCommands;
import io.consentmesh.consent.state.ConsentStates;
import io.consentmesh.consent.state.ConsentStatus;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Turns a keyword texted by a person into ledger evidence, a consent-state change and, where one is owed, a reply
 * command, in the caller's transaction. An opt-out covers the whole brand (tenant), every channel, whichever of its
 * numbers received it (KW-12), and gets one confirmation (KW-08); an opt-in keyword only re-opts-in someone who had
 * opted out by SMS (KW-11); HELP/INFO get the campaign's help text (KW-03). A redelivery has no second effect.
 */
@ApplicationScoped
public class KeywordEvidence {

    private final EvidenceLedger ledger;
    private final ConsentStates states;
    private final OptOuts optOuts;
    private final ReplyCommands replies;

    KeywordEvidence(EvidenceLedger ledger, ConsentStates states, OptOuts optOuts, ReplyCommands replies) {
        this.ledger = ledger;
        this.states = states;
        this.optOuts = optOuts;
        this.replies = replies;
    }

    public Uni<Void> record(Mutiny.Session session, EventEnvelope<SmsReceived> event, KeywordMatch match) {
        SmsReceived sms = event.data();
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("keyword", match.keyword());
        content.put("language", match.language());
        content.put("body", sms.body());
        content.put("provider", sms.provider().name());
        content.put("providerAccountId", sms.providerAccountId());
        content.put("providerMessageId", sms.messageId());
        content.put("tenantNumber", sms.to());
        NewEvidence evidence = new NewEvidence(
                event.tenantId(),
                event.subjectId(),
                event.id(),
                kindOf(match.intent()),
                Channel.SMS,
                sms.receivedAt(),
                content);
        return ledger.append(session, evidence)
                .chain(appended -> appended.isEmpty()
                        ? Uni.createFrom().voidItem() // already recorded: a redelivery has no second effect
                        : apply(session, event, match.intent(), appended.get()));
    }

    private Uni<Void> apply(
            Mutiny.Session session, EventEnvelope<SmsReceived> event, KeywordIntent intent, UUID evidenceId) {
        TenantId tenant = event.tenantId();
        SubjectId subject = event.subjectId();
        return switch (intent) {
            case OPT_OUT -> optOuts.revokeAndConfirm(session, event, evidenceId);
            case OPT_IN ->
                states.current(session, tenant, subject, Channel.SMS)
                        .chain(current -> current.filter(c -> c.status() == ConsentStatus.REVOKED)
                                .map(revoked -> states.change(
                                        session,
                                        tenant,
                                        subject,
                                        Channel.SMS,
                                        ConsentStatus.OPTED_IN,
                                        "EXPRESS",
                                        evidenceId,
                                        event.data().receivedAt()))
                                .orElseGet(() -> Uni.createFrom().voidItem()));
            case HELP -> replies.help(session, event);
            case NONE -> Uni.createFrom().voidItem();
        };
    }

    private static EvidenceKind kindOf(KeywordIntent intent) {
        return switch (intent) {
            case OPT_OUT -> EvidenceKind.OPT_OUT_KEYWORD;
            case OPT_IN -> EvidenceKind.OPT_IN_KEYWORD;
            case HELP -> EvidenceKind.HELP_KEYWORD;
            case NONE -> throw new IllegalArgumentException("not a keyword");
        };
    }
}
