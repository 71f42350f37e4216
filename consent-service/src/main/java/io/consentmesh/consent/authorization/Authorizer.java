package io.consentmesh.consent.authorization;

import io.consentmesh.consent.authorization.interactions.Interactions;
import io.consentmesh.consent.authorization.interactions.PersonFacts;
import io.consentmesh.consent.authorization.rules.AreaCodes;
import io.consentmesh.consent.authorization.rules.AuthorizationFacts;
import io.consentmesh.consent.authorization.rules.AuthorizationFacts.Consent;
import io.consentmesh.consent.authorization.rules.AuthorizationFacts.EvidenceRef;
import io.consentmesh.consent.authorization.rules.AuthorizationFacts.Revocation;
import io.consentmesh.consent.authorization.rules.AuthorizationFacts.SenderCampaign;
import io.consentmesh.consent.authorization.rules.ConsentGrade;
import io.consentmesh.consent.authorization.rules.Evaluation;
import io.consentmesh.consent.authorization.rules.FactsJson;
import io.consentmesh.consent.authorization.rules.RuleEvaluator;
import io.consentmesh.consent.authorization.rules.RuleSet;
import io.consentmesh.consent.authorization.rules.RuleSetRepository;
import io.consentmesh.consent.consents.state.ConsentStatus;
import io.consentmesh.consent.consents.state.CurrentConsent;
import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.consent.registry.SenderCampaigns;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.subject.PhoneNumbers;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.runtime.subject.SubjectConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides ALLOW, DENY or DEFER before a send: gathers the facts (consent state, the facts besides consent and the
 * sender's campaign: one database round trip and a cache lookup), applies the rule set in effect at the send time
 * ({@link RuleEvaluator}, pure), and stores the decision, which the outbox then publishes.
 */
@ApplicationScoped
public class Authorizer {

    /** A scheduler may ask ahead, but not so far that consent or the campaign will surely have changed. */
    static final Duration MAX_AHEAD = Duration.ofDays(14);

    /** A sendAt this far in the past is a clock's skew, taken as now; further back it is refused. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final Interactions interactions;
    private final SenderCampaigns campaigns;
    private final RuleSetRepository ruleSets;
    private final DecisionStore decisions;
    private final DecisionPublisher publisher;
    private final SubjectKeys subjectKeys;
    private final SubjectConfig config;
    private final RuleEvaluator evaluator = new RuleEvaluator(AreaCodes.bundled());
    private final Clock clock = Clock.systemUTC();

    Authorizer(
            Interactions interactions,
            SenderCampaigns campaigns,
            RuleSetRepository ruleSets,
            DecisionStore decisions,
            DecisionPublisher publisher,
            SubjectKeys subjectKeys,
            SubjectConfig config) {
        this.interactions = interactions;
        this.campaigns = campaigns;
        this.ruleSets = ruleSets;
        this.decisions = decisions;
        this.publisher = publisher;
        this.subjectKeys = subjectKeys;
        this.config = config;
    }

    public Uni<AuthorizationDecision> authorize(AuthorizationRequest request) {
        String recipient = e164(request.to(), "to");
        String sender = e164(request.from(), "from");
        SubjectId subject = subjectKeys.subjectOf(request.tenantId(), recipient);
        Instant now = clock.instant();
        Instant at = sendTime(request, now);
        RuleSet rules = ruleSets.ruleSetInEffectAt(at)
                .orElseThrow(() -> new IllegalStateException("no rule set is in effect at " + at));
        Uni<PersonFacts> person = interactions.factsOf(
                request.tenantId(),
                subject,
                at.minus(rules.capLookback()),
                at,
                rules.capMostContacts(),
                request.channel(),
                sender);
        Uni<Optional<SenderCampaign>> campaign = request.channel() == Channel.SMS
                ? campaigns.campaignOf(request.tenantId(), sender)
                : Uni.createFrom().item(Optional.empty());
        return Uni.combine().all().unis(person, campaign).asTuple().chain(known -> {
            // The rules read where the number is, never whose it is: the facts (and so the stored decision) hold only
            // its routing prefix, which places it in the same candidate locations.
            AuthorizationFacts facts =
                    facts(request, PhoneNumbers.routingPrefix(recipient), at, known.getItem1(), known.getItem2());
            Evaluation evaluation = evaluator.evaluate(rules, facts);
            AuthorizationDecision decision = new AuthorizationDecision(
                    DecisionIds.next(now),
                    evaluation.outcome(),
                    evaluation.deferUntil(),
                    evaluation.reasons(),
                    evaluation.rules(),
                    evaluation.ruleSetVersion(),
                    evaluation.evidenceIds(),
                    request.contentClass(),
                    known.getItem2().map(SenderCampaign::campaignId).orElse(null),
                    at,
                    now,
                    evaluation.validUntil());
            return decisions
                    .store(
                            request.tenantId().value(),
                            subject.value(),
                            request.channel().name(),
                            sender,
                            decision,
                            FactsJson.write(facts))
                    .invoke(publisher::wake)
                    .replaceWith(decision);
        });
    }

    private static Instant sendTime(AuthorizationRequest request, Instant now) {
        if (request.sendAt() == null) {
            return now;
        }
        if (request.sendAt().isBefore(now.minus(CLOCK_SKEW))) {
            // a decision for a time already gone would hold for a send that can no longer happen then
            throw ProblemException.invalidRequest(
                    "sendAt is in the past; omit it to ask for now, or give the planned send time");
        }
        if (request.sendAt().isBefore(now)) {
            return now;
        }
        if (request.sendAt().isAfter(now.plus(MAX_AHEAD))) {
            throw ProblemException.invalidRequest("sendAt may be at most " + MAX_AHEAD.toDays() + " days ahead");
        }
        return request.sendAt();
    }

    /** What is known, in the rules' terms. */
    static AuthorizationFacts facts(
            AuthorizationRequest request,
            String recipient,
            Instant at,
            PersonFacts person,
            Optional<SenderCampaign> campaign) {
        AuthorizationFacts.Builder facts =
                AuthorizationFacts.builder(request.channel(), request.contentClass(), recipient, at);
        campaign.ifPresent(facts::senderCampaign);
        for (CurrentConsent consent : person.consents()) {
            if (consent.status() == ConsentStatus.OPTED_IN) {
                facts.consent(new Consent(
                        consent.channel(),
                        consent.campaignId(),
                        grade(consent.level()),
                        consent.basisEvidenceId(),
                        consent.changedAt(),
                        consent.expiresAt()));
            } else if (consent.campaignId() == null) { // a revoked campaign row repeats its brand's revocation
                facts.revocation(new Revocation(consent.basisEvidenceId(), consent.changedAt(), consent.channel()));
            }
        }
        if (request.knownAddress() != null) {
            facts.knownAddress(request.knownAddress());
        }
        person.recentContacts().forEach(facts::contactedAt);
        facts.lastInbound(ref(person.lastInbound()));
        if (person.callbackRequestedAt() != null) {
            facts.callback(new AuthorizationFacts.CallbackRequest(
                    person.callbackRequestedAt(), person.callbackPreferredAt(), person.callbackUsedAt()));
        }
        facts.doNotContact(ref(person.doNotContactSince()));
        facts.processingRestriction(ref(person.restrictedSince()));
        facts.marketingObjection(ref(person.objectedToMarketingSince()));
        return facts.build();
    }

    /** Consent recorded without a level (a START keyword) is express: the person asked for the messages. */
    private static ConsentGrade grade(String level) {
        return level == null ? ConsentGrade.EXPRESS : ConsentGrade.valueOf(level);
    }

    private static EvidenceRef ref(Instant at) {
        return at == null ? null : new EvidenceRef(null, at);
    }

    private String e164(String number, String field) {
        try {
            return PhoneNumbers.toE164(number, config.defaultRegion());
        } catch (PhoneNumbers.InvalidPhoneNumberException e) {
            throw e.in(field);
        }
    }
}
