package io.consentmesh.consent.authorization.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * One version of the authorization rules, compiled from its JSON document ({@link RuleSetParser}) into lookup tables
 * so that {@link RuleEvaluator} needs no parsing, maps or I/O per decision. Immutable; a past decision is re-checked
 * by evaluating its facts under the version it names.
 */
public final class RuleSet {

    private final String version;
    private final Instant effectiveFrom;
    private final String document;

    final String consentRule;
    /** Indexed by {@link ContentClass#ordinal()}. */
    final ConsentGrade[] levels;

    final Duration conversationWindow;
    final String legalRule;
    final boolean[] legallyRequired;
    final Duration legalWindow;
    final Map<String, Set<ContentClass>> useCases;

    final boolean[] hoursApply;
    /** Sorted epoch days. */
    final long[] holidays;

    final HoursRule federal;
    /** Indexed by {@link UsState#ordinal()}: the state's own hours within the federal ones, or the federal ones. */
    final HoursRule[] hours;

    final boolean[] capsApply;
    /** Indexed by {@link UsState#ordinal()}; null where the state has no cap. */
    final CapRule[] caps;

    final String purposeRule;
    final boolean[] purposes;
    final Duration inboundResponseWindow;
    /** Null in a rule set that predates it: a requested callback is then a purpose only, with no window. */
    final CallbackRule callbacks;
    /** The longest an ALLOW holds, however long its grounds last (its {@code validUntil}). */
    final Duration allowValidity;

    private final Duration capLookback;
    private final int capMostContacts;

    RuleSet(
            String version,
            Instant effectiveFrom,
            String document,
            String consentRule,
            ConsentGrade[] levels,
            Duration conversationWindow,
            String legalRule,
            boolean[] legallyRequired,
            Duration legalWindow,
            Map<String, Set<ContentClass>> useCases,
            boolean[] hoursApply,
            long[] holidays,
            HoursRule federal,
            HoursRule[] hours,
            boolean[] capsApply,
            CapRule[] caps,
            String purposeRule,
            boolean[] purposes,
            Duration inboundResponseWindow,
            CallbackRule callbacks,
            Duration allowValidity) {
        this.version = version;
        this.effectiveFrom = effectiveFrom;
        this.document = document;
        this.consentRule = consentRule;
        this.levels = levels;
        this.conversationWindow = conversationWindow;
        this.legalRule = legalRule;
        this.legallyRequired = legallyRequired;
        this.legalWindow = legalWindow;
        this.useCases = Map.copyOf(useCases);
        this.hoursApply = hoursApply;
        this.holidays = holidays.clone();
        Arrays.sort(this.holidays);
        this.federal = federal;
        this.hours = hours;
        this.capsApply = capsApply;
        this.caps = caps;
        this.purposeRule = purposeRule;
        this.purposes = purposes;
        this.inboundResponseWindow = inboundResponseWindow;
        this.callbacks = callbacks;
        this.allowValidity = allowValidity;
        Duration longest = Duration.ZERO;
        int most = 0;
        for (CapRule cap : caps) {
            if (cap != null && cap.window().compareTo(longest) > 0) {
                longest = cap.window();
            }
            if (cap != null) {
                most = Math.max(most, cap.max());
            }
        }
        this.capLookback = longest;
        this.capMostContacts = most;
    }

    public String version() {
        return version;
    }

    public Instant effectiveFrom() {
        return effectiveFrom;
    }

    /** The JSON document this rule set was compiled from, as stored and served. */
    public String document() {
        return document;
    }

    /** How far back the caller must gather {@link AuthorizationFacts#recentContacts()}: the longest cap window. */
    public Duration capLookback() {
        return capLookback;
    }

    /**
     * How many of the latest contacts up to the send time the caller must gather: the largest cap. Every cap window
     * ends at the send time, so a cap of {@code max} is reached exactly when the {@code max}-th latest contact is inside
     * its window; older ones can change no answer.
     */
    public int capMostContacts() {
        return capMostContacts;
    }

    /** How long after the person's last inbound message a conversational reply is allowed. */
    public Duration conversationWindow() {
        return conversationWindow;
    }

    /** The grade of consent the content class needs (G-03). */
    public ConsentGrade levelFor(ContentClass contentClass) {
        return levels[contentClass.ordinal()];
    }

    /** Whether the rule set lists the date as a (US federal) holiday. */
    public boolean isHoliday(java.time.LocalDate date) {
        return isHoliday(date.toEpochDay());
    }

    boolean isHoliday(long epochDay) {
        return Arrays.binarySearch(holidays, epochDay) >= 0;
    }

    HoursRule hoursIn(UsState state) {
        return hours[state.ordinal()];
    }

    /** G-01: whether any of the campaign's use cases (or MIXED sub-use-cases) covers the content class. */
    public boolean covers(Set<String> campaignUseCases, ContentClass contentClass) {
        for (String useCase : campaignUseCases) {
            Set<ContentClass> covered = useCases.get(useCase);
            if (covered != null && covered.contains(contentClass)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "RuleSet[" + version + " from " + effectiveFrom + "]";
    }
}
