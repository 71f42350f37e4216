package io.consentmesh.consent.disclosure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentmesh.consent.authorization.rules.AreaCodes;
import io.consentmesh.consent.authorization.rules.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The disclosure verdict for one call, from its facts alone (pure Java: the call timeline audit and the tests reuse
 * it; the order in which events arrived does not matter, only their own times). The all-party-consent states are
 * data ({@code disclosure/recording-consent-*.json}) with a version that every verdict names.
 *
 * <p>A call is judged by its recording's active intervals (started/resumed until paused/stopped, plus the start a
 * finished recording reports): any audio taken before the first disclosure that played to its end is
 * {@link CallVerdict#RECORDING_BEFORE_DISCLOSURE} (REC-03: notice first, never mid-call). A disclosure is owed on
 * every recorded call (REC-04: California's law follows its residents); the parties' jurisdictions and which of them
 * require all-party consent (REC-02) are stated with the verdict so that retention can weigh it.
 */
public final class DisclosureRules {

    public static final String BUNDLED = "disclosure/recording-consent-rec-2026.11.json";

    /** A disclosure played on the call, whoever reported it. */
    public record Disclosure(
            String announcementId,
            String announcementVersion,
            String language,
            Instant startedAt,
            Instant endedAt,
            boolean playedToEnd,
            String reportedBy) {}

    /** A change of the recording's state; {@code STARTED}, {@code PAUSED}, {@code RESUMED} or {@code STOPPED}. */
    public record RecordingChange(String state, Instant at) {}

    /**
     * @param recordingStarts when finished recordings say they started (they may be all we hear of a recording)
     * @param explicitConsentAt when the person first agreed on the call (as the agent runtime heard it), or null
     * @param explicitConsentRequired the tenant's REC-08 mode
     */
    public record CallFacts(
            String callId,
            List<String> partyNumbers,
            Instant answeredAt,
            Instant endedAt,
            List<Disclosure> disclosures,
            List<RecordingChange> recording,
            List<Instant> recordingStarts,
            Instant explicitConsentAt,
            boolean explicitConsentRequired) {}

    /**
     * @param disclosure the disclosure the verdict relied on (the first complete one), or null
     * @param recordingStartedAt when audio was first taken, or null when none was
     */
    public record Assessment(
            CallVerdict verdict,
            List<String> reasons,
            List<String> rules,
            Instant recordingStartedAt,
            Disclosure disclosure,
            List<String> jurisdictions,
            List<String> allPartyConsentJurisdictions,
            String dataVersion) {}

    private final AreaCodes areaCodes;
    private final String version;
    private final Set<String> allPartyStates;

    public DisclosureRules(AreaCodes areaCodes, String version, Set<String> allPartyStates) {
        this.areaCodes = areaCodes;
        this.version = version;
        this.allPartyStates = Set.copyOf(allPartyStates);
    }

    public static DisclosureRules bundled() {
        try (InputStream in = DisclosureRules.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            JsonNode data = new ObjectMapper().readTree(in);
            Set<String> states = new TreeSet<>();
            data.get("allPartyConsentStates").forEach(state -> states.add(state.asText()));
            return new DisclosureRules(AreaCodes.bundled(), data.get("version").asText(), states);
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled recording-consent data is unreadable", e);
        }
    }

    public String version() {
        return version;
    }

    public Assessment assess(CallFacts call) {
        Set<String> jurisdictions = new TreeSet<>();
        for (String number : call.partyNumbers()) {
            areaCodes.candidates(number).stream()
                    .map(Location::state)
                    .forEach(state -> jurisdictions.add(state.name()));
        }
        List<String> allParty =
                jurisdictions.stream().filter(allPartyStates::contains).toList();
        List<String> rules = new ArrayList<>(List.of("REC-01", "REC-03", "REC-04"));
        if (!allParty.isEmpty()) {
            rules.add("REC-02");
        }
        Instant recordingStart = recordingStart(call);
        List<Disclosure> disclosures = call.disclosures().stream()
                .sorted(Comparator.comparing(Disclosure::startedAt))
                .toList();
        Disclosure complete = disclosures.stream()
                .filter(d -> d.playedToEnd() && d.endedAt() != null)
                .findFirst()
                .orElse(null);
        if (recordingStart == null) {
            return assessment(
                    CallVerdict.NOT_RECORDED, "nothing was recorded", rules, null, complete, jurisdictions, allParty);
        }
        if (disclosures.isEmpty()) {
            return assessment(
                    CallVerdict.NO_DISCLOSURE,
                    "the call was recorded from " + recordingStart + " and no disclosure was played",
                    rules,
                    recordingStart,
                    null,
                    jurisdictions,
                    allParty);
        }
        if (complete == null) {
            return assessment(
                    CallVerdict.DISCLOSURE_INTERRUPTED,
                    "no disclosure played to its end (" + disclosures.size() + " cut off)",
                    rules,
                    recordingStart,
                    null,
                    jurisdictions,
                    allParty);
        }
        Instant firstAudio = firstAudioBefore(call, complete.endedAt());
        if (firstAudio != null) {
            return assessment(
                    CallVerdict.RECORDING_BEFORE_DISCLOSURE,
                    "recording at " + firstAudio + ", before the disclosure ended at " + complete.endedAt(),
                    rules,
                    recordingStart,
                    complete,
                    jurisdictions,
                    allParty);
        }
        if (call.explicitConsentRequired()) {
            rules.add("REC-08");
            if (call.explicitConsentAt() == null || call.explicitConsentAt().isAfter(recordingStart)) {
                return assessment(
                        CallVerdict.RECORDING_WITHOUT_CONSENT,
                        call.explicitConsentAt() == null
                                ? "the tenant requires explicit consent before recording and none was given"
                                : "consent was given at " + call.explicitConsentAt() + ", after recording started at "
                                        + recordingStart,
                        rules,
                        recordingStart,
                        complete,
                        jurisdictions,
                        allParty);
            }
        }
        return assessment(
                CallVerdict.COMPLIANT,
                "recording started at " + recordingStart + ", after the disclosure ended at " + complete.endedAt(),
                rules,
                recordingStart,
                complete,
                jurisdictions,
                allParty);
    }

    private Assessment assessment(
            CallVerdict verdict,
            String reason,
            List<String> rules,
            Instant recordingStart,
            Disclosure disclosure,
            Set<String> jurisdictions,
            List<String> allParty) {
        return new Assessment(
                verdict,
                List.of(reason),
                List.copyOf(rules),
                recordingStart,
                disclosure,
                List.copyOf(jurisdictions),
                allParty,
                version);
    }

    private static Instant recordingStart(CallFacts call) {
        Instant first = null;
        for (RecordingChange change : call.recording()) {
            if (change.state().equals("STARTED") || change.state().equals("RESUMED")) {
                first = first == null || change.at().isBefore(first) ? change.at() : first;
            }
        }
        for (Instant start : call.recordingStarts()) {
            first = first == null || start.isBefore(first) ? start : first;
        }
        return first;
    }

    /** The first instant audio was being taken before {@code deadline}, or null when none was. */
    private static Instant firstAudioBefore(CallFacts call, Instant deadline) {
        List<RecordingChange> changes = new ArrayList<>(call.recording());
        call.recordingStarts().forEach(start -> changes.add(new RecordingChange("STARTED", start)));
        changes.sort(Comparator.comparing(RecordingChange::at));
        for (RecordingChange change : changes) {
            boolean opens = change.state().equals("STARTED") || change.state().equals("RESUMED");
            if (opens && change.at().isBefore(deadline)) {
                return change.at();
            }
        }
        return null;
    }
}
