package io.consentmesh.consent.authorization.rules;

import io.consentmesh.consent.authorization.rules.AuthorizationFacts.Consent;
import io.consentmesh.consent.authorization.rules.AuthorizationFacts.EvidenceRef;
import io.consentmesh.consent.authorization.rules.AuthorizationFacts.Revocation;
import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.contracts.consent.DecisionOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The authorization rules: pure, with no I/O and no clock of its own, so that a decision can be re-run later under
 * the rule set of its day. Every rule is checked and every failing reason reported; DENY wins over DEFER. Hours are
 * checked in every candidate location of the recipient; a contact is allowed only when allowed in all of them, and
 * otherwise deferred to the earliest instant allowed in all of them (TZ-03).
 */
public final class RuleEvaluator {

    /** How far ahead a common allowed instant is looked for before giving up (NO_COMMON_WINDOW). */
    static final Duration HORIZON = Duration.ofDays(14);

    private static final int SECONDS_PER_DAY = 86_400;

    private final AreaCodes areaCodes;

    public RuleEvaluator(AreaCodes areaCodes) {
        this.areaCodes = areaCodes;
    }

    public Evaluation evaluate(RuleSet rules, AuthorizationFacts facts) {
        Findings findings = new Findings();
        findings.holdsUntil(facts.now().plus(rules.allowValidity));
        ContentClass content = facts.contentClass();
        if (rules.legallyRequired[content.ordinal()]) {
            legallyRequired(rules, facts, findings);
            return findings.result(rules, null);
        }
        if (facts.processingRestriction() != null) {
            findings.fail(
                    ReasonCode.PROCESSING_RESTRICTED,
                    "DSAR",
                    facts.processingRestriction().evidenceId());
        }
        if (facts.marketingObjection() != null && content == ContentClass.MARKETING) {
            findings.fail(
                    ReasonCode.OBJECTED_TO_MARKETING,
                    "DSAR",
                    facts.marketingObjection().evidenceId());
        }
        if (facts.channel() == Channel.SMS) {
            sender(rules, facts, findings);
        }
        Instant revokedAt = suppression(facts, findings);
        consent(rules, facts, revokedAt, findings);
        purpose(rules, facts, revokedAt, findings);
        List<Location> where = areaCodes.candidates(facts.recipient(), facts.knownAddress());
        caps(rules, facts, where, findings);
        boolean open = hours(rules, facts, where, findings);
        if (open || findings.denied()) {
            return findings.result(rules, null);
        }
        Instant until = commonOpening(rules, where, facts.now());
        if (until == null) {
            findings.fail(ReasonCode.NO_COMMON_WINDOW, "TZ-03", null);
        }
        return findings.result(rules, until);
    }

    /** KW-08: the opt-out confirmation goes out whatever else applies, but only shortly after an opt-out. */
    private static void legallyRequired(RuleSet rules, AuthorizationFacts facts, Findings findings) {
        Instant from = facts.now().minus(rules.legalWindow);
        Revocation latest = null;
        for (Revocation revocation : facts.revocations()) {
            if (!revocation.at().isAfter(facts.now())
                    && !revocation.at().isBefore(from)
                    && (latest == null || revocation.at().isAfter(latest.at()))) {
                latest = revocation;
            }
        }
        if (latest == null) {
            findings.fail(ReasonCode.NO_RECENT_OPT_OUT, rules.legalRule, null);
        } else {
            findings.support(ReasonCode.LEGALLY_REQUIRED, rules.legalRule, latest.evidenceId());
            findings.holdsUntil(latest.at().plus(rules.legalWindow));
        }
    }

    /** G-01: an active 10DLC campaign whose use cases cover the content. */
    private static void sender(RuleSet rules, AuthorizationFacts facts, Findings findings) {
        AuthorizationFacts.SenderCampaign campaign = facts.senderCampaign();
        if (campaign == null) {
            findings.fail(ReasonCode.SENDER_NOT_REGISTERED, "G-01", null);
            return;
        }
        if (campaign.status() != CampaignStatus.ACTIVE) {
            findings.fail(ReasonCode.CAMPAIGN_NOT_ACTIVE, "G-01", null);
        }
        if (!rules.covers(campaign.useCases(), facts.contentClass())) {
            findings.fail(ReasonCode.CONTENT_NOT_COVERED_BY_CAMPAIGN, "G-01", null);
        }
    }

    /**
     * G-04: a revocation on any channel or sender of the brand stands until the person opts in again on this
     * channel (KW-11); the do-not-contact list always stands.
     *
     * @return when the latest revocation was made, or null when there is none
     */
    private static Instant suppression(AuthorizationFacts facts, Findings findings) {
        if (facts.doNotContact() != null) {
            findings.fail(
                    ReasonCode.ON_DO_NOT_CONTACT_LIST,
                    "G-04",
                    facts.doNotContact().evidenceId());
        }
        Revocation latest = null;
        for (Revocation revocation : facts.revocations()) {
            if (latest == null || revocation.at().isAfter(latest.at())) {
                latest = revocation;
            }
        }
        if (latest == null) {
            return null;
        }
        for (Consent consent : facts.consents()) {
            if (consent.channel() == facts.channel() && consent.givenAt().isAfter(latest.at())) {
                return latest.at();
            }
        }
        findings.fail(ReasonCode.OPTED_OUT, "G-04", latest.evidenceId());
        return latest.at();
    }

    /** G-02 and G-03: consent of the right scope and grade, given after any revocation. */
    private static void consent(RuleSet rules, AuthorizationFacts facts, Instant revokedAt, Findings findings) {
        ConsentGrade required = rules.levelFor(facts.contentClass());
        if (required == ConsentGrade.IMPLIED) {
            EvidenceRef inbound = facts.lastInbound();
            if (within(inbound, rules.conversationWindow, facts.now())) {
                findings.support(ReasonCode.IN_CONVERSATION, rules.consentRule, inbound.evidenceId());
                findings.holdsUntil(inbound.at().plus(rules.conversationWindow));
            } else {
                findings.fail(ReasonCode.CONVERSATION_WINDOW_CLOSED, rules.consentRule, null);
            }
            return;
        }
        Consent best = null;
        boolean expired = false;
        for (Consent consent : facts.consents()) {
            if (!inScope(consent, facts, revokedAt)) {
                continue;
            }
            if (consent.expiresAt() != null && !facts.now().isBefore(consent.expiresAt())) {
                expired = true;
            } else if (best == null || consent.grade().compareTo(best.grade()) > 0) {
                best = consent;
            }
        }
        boolean callback = callbackApplies(rules, facts, required);
        if (best != null && best.grade().satisfies(required)) {
            findings.support(ReasonCode.CONSENT_ON_RECORD, "G-02", best.evidenceId());
            if (best.expiresAt() != null) {
                findings.holdsUntil(best.expiresAt());
            }
        } else if (callback && callbackOpen(rules.callbacks, facts)) {
            // the person's request is the permission for this one call (T-US "prior invitation or permission")
            findings.support(
                    ReasonCode.CALLBACK_REQUESTED,
                    rules.callbacks.rule(),
                    facts.callbackRequested().evidenceId());
            findings.holdsUntil(callbackCloses(rules.callbacks, facts.callback()));
        } else if (best != null) {
            findings.fail(ReasonCode.CONSENT_LEVEL_TOO_LOW, rules.consentRule, best.evidenceId());
        } else if (expired) {
            findings.fail(ReasonCode.CONSENT_EXPIRED, "G-02", null);
        } else if (callback && findings.lacks(ReasonCode.OPTED_OUT)) {
            findings.fail(ReasonCode.CALLBACK_OUTSIDE_WINDOW, rules.callbacks.rule(), null);
        } else if (revokedAt == null || findings.lacks(ReasonCode.OPTED_OUT)) {
            // after a revocation in force, OPTED_OUT already says why there is no consent
            findings.fail(ReasonCode.NO_CONSENT, "G-02", null);
        }
    }

    /**
     * CB-01 (rule sets from 2026.12): a voice call to a person who asked to be called back, for content that needs no
     * more than express consent (a requested callback is no written consent to marketing).
     */
    private static boolean callbackApplies(RuleSet rules, AuthorizationFacts facts, ConsentGrade required) {
        return rules.callbacks != null
                && facts.channel() == Channel.VOICE
                && facts.callback() != null
                && ConsentGrade.EXPRESS.satisfies(required);
    }

    /** Inside the callback's window, and no call has used it yet. */
    private static boolean callbackOpen(CallbackRule window, AuthorizationFacts facts) {
        AuthorizationFacts.CallbackRequest callback = facts.callback();
        return callback.usedAt() == null
                && !facts.now().isBefore(window.opens(callback.requestedAt(), callback.preferredAt()))
                && facts.now().isBefore(callbackCloses(window, callback));
    }

    private static Instant callbackCloses(CallbackRule window, AuthorizationFacts.CallbackRequest callback) {
        return window.closes(callback.requestedAt(), callback.preferredAt());
    }

    private static boolean inScope(Consent consent, AuthorizationFacts facts, Instant revokedAt) {
        if (consent.channel() != facts.channel() || consent.givenAt().isAfter(facts.now())) {
            return false;
        }
        if (revokedAt != null && !consent.givenAt().isAfter(revokedAt)) {
            return false;
        }
        return consent.campaignId() == null
                || (facts.senderCampaign() != null
                        && consent.campaignId().equals(facts.senderCampaign().campaignId()));
    }

    /** The tenant's purpose limits: an inbound interaction, a requested callback, or SMS to an opted-in person. */
    private static void purpose(RuleSet rules, AuthorizationFacts facts, Instant revokedAt, Findings findings) {
        if (rules.purposes[Purpose.INBOUND_RESPONSE.ordinal()]
                && within(facts.lastInbound(), rules.inboundResponseWindow, facts.now())) {
            findings.rely(facts.lastInbound().evidenceId());
            findings.holdsUntil(facts.lastInbound().at().plus(rules.inboundResponseWindow));
            return;
        }
        if (rules.purposes[Purpose.REQUESTED_CALLBACK.ordinal()] && facts.channel() == Channel.VOICE) {
            if (rules.callbacks == null) { // before CB-01: any callback ever requested served, with no window
                if (facts.callbackRequested() != null
                        && !facts.callbackRequested().at().isAfter(facts.now())) {
                    findings.rely(facts.callbackRequested().evidenceId());
                    return;
                }
            } else if (facts.callback() != null && callbackOpen(rules.callbacks, facts)) {
                findings.rely(facts.callbackRequested().evidenceId());
                findings.holdsUntil(callbackCloses(rules.callbacks, facts.callback()));
                return;
            }
        }
        if (rules.purposes[Purpose.SMS_TO_OPTED_IN.ordinal()] && facts.channel() == Channel.SMS) {
            for (Consent consent : facts.consents()) {
                if (inScope(consent, facts, revokedAt)
                        && consent.grade().satisfies(ConsentGrade.EXPRESS)
                        && (consent.expiresAt() == null || facts.now().isBefore(consent.expiresAt()))) {
                    return;
                }
            }
        }
        if (findings.lacks(ReasonCode.OPTED_OUT)) {
            // after a revocation in force, OPTED_OUT already says why the person is not opted in
            findings.fail(ReasonCode.PURPOSE_NOT_PERMITTED, rules.purposeRule, null);
        }
    }

    /** TZ-04: calls and texts by any sender count; a state that may be the recipient's caps them. */
    private static void caps(RuleSet rules, AuthorizationFacts facts, List<Location> where, Findings findings) {
        if (!rules.capsApply[facts.contentClass().ordinal()]) {
            return;
        }
        for (Location location : where) {
            CapRule cap = rules.caps[location.state().ordinal()];
            if (cap == null || findings.hasRule(cap.rule())) {
                continue;
            }
            Instant from = facts.now().minus(cap.window());
            int count = 0;
            for (Instant contact : facts.recentContacts()) {
                if (contact.isAfter(from) && !contact.isAfter(facts.now())) {
                    count++;
                }
            }
            if (count >= cap.max()) {
                findings.fail(ReasonCode.FREQUENCY_CAP_REACHED, cap.rule(), null);
            }
        }
    }

    /** T-US and the state table in each candidate's local time. @return whether every candidate is open now */
    private static boolean hours(RuleSet rules, AuthorizationFacts facts, List<Location> where, Findings findings) {
        if (!rules.hoursApply[facts.contentClass().ordinal()]) {
            return true;
        }
        boolean open = true;
        long epochSecond = facts.now().getEpochSecond();
        for (Location location : where) {
            long local = epochSecond
                    + location.zone().getRules().getOffset(facts.now()).getTotalSeconds();
            long epochDay = Math.floorDiv(local, SECONDS_PER_DAY);
            int second = (int) Math.floorMod(local, SECONDS_PER_DAY);
            int day = (int) Math.floorMod(epochDay + 3, 7); // 1970-01-01 was a Thursday
            if (!openAt(rules, rules.federal, epochDay, day, second)) {
                findings.defer(ReasonCode.OUTSIDE_FEDERAL_HOURS, rules.federal.rule());
                open = false;
            } else if (!openAt(rules, rules.hoursIn(location.state()), epochDay, day, second)) {
                findings.defer(
                        ReasonCode.OUTSIDE_STATE_HOURS,
                        rules.hoursIn(location.state()).rule());
                open = false;
            } else {
                // open here: an ALLOW holds until the hours close (the state's, within the federal ones)
                int closes = rules.hoursIn(location.state()).week().closes(day);
                findings.holdsUntil(Instant.ofEpochSecond((epochDay * SECONDS_PER_DAY + closes)
                        - location.zone().getRules().getOffset(facts.now()).getTotalSeconds()));
            }
        }
        return open;
    }

    private static boolean openAt(RuleSet rules, HoursRule hours, long epochDay, int day, int second) {
        return hours.week().isOpen(day, second) && !(hours.closedOnHolidays() && rules.isHoliday(epochDay));
    }

    /**
     * The earliest instant from {@code now} at which every candidate is open: each candidate's next opening is
     * found in its own zone (DST through {@link ZoneId}), the latest of them is tried, and so on until all agree.
     */
    static Instant commonOpening(RuleSet rules, List<Location> where, Instant now) {
        Instant horizon = now.plus(HORIZON);
        Instant at = now;
        while (!at.isAfter(horizon)) {
            Instant latest = at;
            for (Location location : where) {
                Instant next = nextOpening(rules, rules.hoursIn(location.state()), location.zone(), at);
                if (next == null) {
                    return null;
                }
                if (next.isAfter(latest)) {
                    latest = next;
                }
            }
            if (latest.equals(at)) {
                return at;
            }
            at = latest;
        }
        return null;
    }

    private static Instant nextOpening(RuleSet rules, HoursRule hours, ZoneId zone, Instant at) {
        LocalDate today = LocalDate.ofInstant(at, zone);
        for (int offset = 0; offset <= 8; offset++) {
            LocalDate date = today.plusDays(offset);
            int day = date.getDayOfWeek().ordinal();
            if (hours.week().closedOn(day) || (hours.closedOnHolidays() && rules.isHoliday(date.toEpochDay()))) {
                continue;
            }
            Instant opens = localInstant(date, hours.week().opens(day), zone);
            Instant closes = localInstant(date, hours.week().closes(day), zone);
            if (at.isBefore(closes)) {
                return at.isBefore(opens) ? opens : at;
            }
        }
        return null;
    }

    private static Instant localInstant(LocalDate date, int secondOfDay, ZoneId zone) {
        return ZonedDateTime.of(date, LocalTime.ofSecondOfDay(secondOfDay), zone)
                .toInstant();
    }

    private static boolean within(EvidenceRef event, Duration window, Instant now) {
        return event != null && !event.at().isAfter(now) && !event.at().isBefore(now.minus(window));
    }

    /** What one evaluation found; lists are tiny, so membership is checked by scanning. */
    private static final class Findings {
        private final List<ReasonCode> failed = new ArrayList<>(4);
        private final List<ReasonCode> deferred = new ArrayList<>(2);
        private final List<ReasonCode> supporting = new ArrayList<>(2);
        private final List<String> failedRules = new ArrayList<>(4);
        private final List<String> supportingRules = new ArrayList<>(2);
        private final List<UUID> against = new ArrayList<>(2);
        private final List<UUID> relied = new ArrayList<>(2);
        private Instant holdsUntil;

        /** An ALLOW holds no longer than {@code at}. */
        void holdsUntil(Instant at) {
            if (holdsUntil == null || at.isBefore(holdsUntil)) {
                holdsUntil = at;
            }
        }

        void fail(ReasonCode reason, String rule, UUID evidence) {
            add(failed, reason);
            add(failedRules, rule);
            add(against, evidence);
        }

        void defer(ReasonCode reason, String rule) {
            add(deferred, reason);
            add(failedRules, rule);
        }

        void support(ReasonCode reason, String rule, UUID evidence) {
            add(supporting, reason);
            add(supportingRules, rule);
            add(relied, evidence);
        }

        void rely(UUID evidence) {
            add(relied, evidence);
        }

        boolean denied() {
            return !failed.isEmpty();
        }

        boolean lacks(ReasonCode reason) {
            return !failed.contains(reason);
        }

        boolean hasRule(String rule) {
            return failedRules.contains(rule);
        }

        Evaluation result(RuleSet rules, Instant deferUntil) {
            if (!failed.isEmpty()) {
                List<ReasonCode> reasons = new ArrayList<>(failed.size() + deferred.size());
                reasons.addAll(failed);
                reasons.addAll(deferred);
                return new Evaluation(
                        DecisionOutcome.DENY,
                        null,
                        List.copyOf(reasons),
                        List.copyOf(against),
                        rules.version(),
                        List.copyOf(failedRules),
                        null);
            }
            if (!deferred.isEmpty()) {
                return new Evaluation(
                        DecisionOutcome.DEFER,
                        deferUntil,
                        List.copyOf(deferred),
                        List.copyOf(relied),
                        rules.version(),
                        List.copyOf(failedRules),
                        null);
            }
            return new Evaluation(
                    DecisionOutcome.ALLOW,
                    null,
                    List.copyOf(supporting),
                    List.copyOf(relied),
                    rules.version(),
                    List.copyOf(supportingRules),
                    holdsUntil);
        }

        private static <T> void add(List<T> list, T value) {
            if (value != null && !list.contains(value)) {
                list.add(value);
            }
        }
    }
}
