package io.consentmesh.consent.keywords;

import io.consentmesh.consent.ledger.Channel;
import io.consentmesh.consent.ledger.EvidenceKind;
import io.consentmesh.consent.ledger.EvidenceLedger;
import io.consentmesh.consent.ledger.NewEvidence;
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
 * Turns a keyword texted by a person into ledger evidence and a consent-state change, in the caller's transaction.
 * An opt-out covers the whole brand (tenant), every channel, whichever of its numbers received it (KW-12); an opt-in
 * keyword
 * only re-opts-in someone who had opted out by SMS (KW-11).
 */
@ApplicationScoped
public class KeywordEvidence {

    private final EvidenceLedger ledger;
    private final ConsentStates states;

    KeywordEvidence(EvidenceLedger ledger, ConsentStates states) {
        this.ledger = ledger;
        this.states = states;
    }

    public Uni<Void> record(Mutiny.Session session, EventEnvelope<SmsReceived> event, KeywordMatch match) {
        SmsReceived sms = event.data();
        TenantId tenant = event.tenantId();
        SubjectId subject = event.subjectId();
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("keyword", match.keyword());
        content.put("body", sms.body());
        content.put("provider", sms.provider().name());
        content.put("providerAccountId", sms.providerAccountId());
        content.put("providerMessageId", sms.messageId());
        content.put("tenantNumber", sms.to());
        NewEvidence evidence = new NewEvidence(
                tenant, subject, event.id(), kindOf(match.intent()), Channel.SMS, sms.receivedAt(), content);

        return ledger.append(session, evidence)
                .chain(appended -> appended.isEmpty()
                        ? Uni.createFrom().voidItem() // already recorded: a redelivery has no second effect
                        : applyToState(session, tenant, subject, match.intent(), appended.get(), sms));
    }

    private Uni<Void> applyToState(
            Mutiny.Session session,
            TenantId tenant,
            SubjectId subject,
            KeywordIntent intent,
            UUID evidenceId,
            SmsReceived sms) {
        return switch (intent) {
            case OPT_OUT -> states.revokeEverywhere(session, tenant, subject, evidenceId, sms.receivedAt());
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
                                        sms.receivedAt()))
                                .orElseGet(() -> Uni.createFrom().voidItem()));
            case HELP, NONE -> Uni.createFrom().voidItem();
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
