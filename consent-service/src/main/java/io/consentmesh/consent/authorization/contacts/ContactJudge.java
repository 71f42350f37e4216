package io.consentmesh.consent.authorization.contacts;

import io.consentmesh.contracts.consent.DecisionOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Judges a contact against the decisions made for it. Pure: {@link Contacts} reads the decisions and writes the
 * outcome.
 *
 * <ul>
 *   <li>A contact that names a decision is judged by that one; one made for another person, channel or sender is a
 *       violation whatever it said.
 *   <li>Otherwise the latest decision for the same person, channel and sender before the contact decides, except
 *       that ALLOWs other contacts already used are passed over (one ALLOW is one contact).
 *   <li>An ALLOW holds from its send time (a minute's clock skew) to its validUntil (plus the late-status
 *       tolerance); a DENY never; a DEFER from its deferUntil for the defer window.
 * </ul>
 */
final class ContactJudge {

    /** A provider's clock and ours may differ this much. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    /**
     * @param decision the decision the contact was matched to, if any
     * @param violation why it was not allowed, if it was not
     * @param confirms whether the contact uses the decision's reservation (an ALLOW it keeps to)
     */
    record Verdict(Optional<MadeDecision> decision, Optional<ContactViolation> violation, boolean confirms) {

        static Verdict allowed(MadeDecision decision, boolean confirms) {
            return new Verdict(Optional.of(decision), Optional.empty(), confirms);
        }

        static Verdict violated(MadeDecision decision, ContactViolation violation) {
            return new Verdict(Optional.ofNullable(decision), Optional.of(violation), false);
        }
    }

    private final Duration deferWindow;
    private final Duration lateStatusTolerance;

    ContactJudge(Duration deferWindow, Duration lateStatusTolerance) {
        this.deferWindow = deferWindow;
        this.lateStatusTolerance = lateStatusTolerance;
    }

    /** A contact that named a decision: {@code named} is empty when no such decision of the tenant exists. */
    Verdict judgeNamed(Contact contact, Optional<MadeDecision> named) {
        if (named.isEmpty()) {
            return Verdict.violated(null, ContactViolation.NO_DECISION);
        }
        MadeDecision decision = named.get();
        if (!decision.isFor(contact)) {
            return Verdict.violated(decision, ContactViolation.DECISION_FOR_ANOTHER_CONTACT);
        }
        if (decision.outcome() == DecisionOutcome.ALLOW && decision.used()) {
            return Verdict.violated(decision, ContactViolation.DECISION_ALREADY_USED);
        }
        return judge(contact, decision);
    }

    /** A contact that named no decision: {@code latestFirst} are the decisions made for it before, latest first. */
    Verdict judgeLatest(Contact contact, List<MadeDecision> latestFirst) {
        MadeDecision used = null;
        for (MadeDecision decision : latestFirst) {
            if (decision.outcome() == DecisionOutcome.ALLOW && decision.used()) {
                used = used == null ? decision : used; // another contact's: an older one may still be unused
                continue;
            }
            return judge(contact, decision);
        }
        return used == null
                ? Verdict.violated(null, ContactViolation.NO_DECISION)
                : Verdict.violated(used, ContactViolation.DECISION_ALREADY_USED);
    }

    private Verdict judge(Contact contact, MadeDecision decision) {
        Instant at = contact.contactedAt();
        return switch (decision.outcome()) {
            case DENY -> Verdict.violated(decision, ContactViolation.SENT_AFTER_DENY);
            case DEFER ->
                at.isBefore(decision.deferUntil().minus(CLOCK_SKEW))
                                || at.isAfter(decision.deferUntil().plus(deferWindow))
                        ? Verdict.violated(decision, ContactViolation.SENT_OUTSIDE_DEFER_WINDOW)
                        : Verdict.allowed(decision, false);
            case ALLOW -> {
                if (at.isBefore(decision.decidedFor().minus(CLOCK_SKEW))) {
                    yield Verdict.violated(decision, ContactViolation.SENT_BEFORE_PLANNED_TIME);
                }
                Instant validUntil = decision.validUntil() == null ? decision.decidedFor() : decision.validUntil();
                if (at.isAfter(validUntil.plus(lateStatusTolerance))) {
                    yield Verdict.violated(decision, ContactViolation.SENT_AFTER_VALIDITY);
                }
                yield Verdict.allowed(decision, true);
            }
        };
    }
}
