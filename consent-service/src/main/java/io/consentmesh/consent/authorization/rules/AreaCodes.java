package io.consentmesh.consent.authorization.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentmesh.consent.authorization.rules.AuthorizationFacts.KnownAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a US number may be: NANP area code → candidate states and time zones (TZ-01…TZ-03), from
 * {@code rules/nanp-area-codes.json}. An area code that spans zones (850 in the Florida panhandle, 915 in Texas)
 * has a candidate for each. Lookups return shared immutable lists and allocate nothing.
 */
public final class AreaCodes {

    public static final String BUNDLED = "rules/nanp-area-codes.json";

    private static final class Holder {
        static final AreaCodes BUNDLED_CODES = load();
    }

    @SuppressWarnings("unchecked")
    private final List<Location>[] byCode = new List[1000];

    private final Map<UsState, List<Location>> byState = new EnumMap<>(UsState.class);
    private final List<Location> everywhere;

    private AreaCodes(JsonNode states) {
        Set<Location> all = new LinkedHashSet<>();
        List<List<Location>> building = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            building.add(new ArrayList<>());
        }
        states.fields().forEachRemaining(stateEntry -> {
            UsState state = UsState.ofCode(stateEntry.getKey());
            if (state == null) {
                throw new IllegalArgumentException("area codes: unknown state " + stateEntry.getKey());
            }
            List<Location> inState = new ArrayList<>();
            stateEntry.getValue().fields().forEachRemaining(zoneEntry -> {
                Location location = new Location(state, zone(zoneEntry.getKey()));
                inState.add(location);
                all.add(location);
                zoneEntry.getValue().forEach(code -> building.get(areaCode(code.asText()))
                        .add(location));
            });
            byState.put(state, List.copyOf(inState));
        });
        this.everywhere = List.copyOf(all);
        for (int i = 0; i < 1000; i++) {
            byCode[i] = building.get(i).isEmpty() ? null : List.copyOf(building.get(i));
        }
    }

    /** The bundled table, read once. */
    public static AreaCodes bundled() {
        return Holder.BUNDLED_CODES;
    }

    private static AreaCodes load() {
        try (InputStream in = AreaCodes.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the classpath");
            }
            return new AreaCodes(new ObjectMapper().readTree(in).get("states"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("area codes: unknown time zone " + id, e);
        }
    }

    /** A zone the caller gave, or null (the state's zones are used) when it is not a valid IANA id. */
    private static ZoneId knownZone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int areaCode(String code) {
        if (code.length() != 3 || code.charAt(0) < '2' || !code.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("area codes: not a NANP area code: " + code);
        }
        return Integer.parseInt(code);
    }

    /**
     * @param e164 a number in E.164; a +1 number's area code gives its candidates
     * @return where the number may be; every known US location when the area code is unknown or the number is not
     *     in the NANP, so that the most restrictive answer is taken
     */
    public List<Location> candidates(String e164) {
        if (e164.length() == 12 && e164.startsWith("+1")) {
            int code = (e164.charAt(2) - '0') * 100 + (e164.charAt(3) - '0') * 10 + (e164.charAt(4) - '0');
            if (code >= 0 && code < 1000 && byCode[code] != null) {
                return byCode[code];
            }
        }
        return everywhere;
    }

    /**
     * Candidates narrowed by a known address: when the address's state (and zone, if given) is among the number's
     * candidates, only it remains (the address rebuts TZ-02's area-code presumption); when it is not (the person
     * moved and kept the number), both the number's and the address's candidates remain.
     */
    public List<Location> candidates(String e164, KnownAddress address) {
        List<Location> fromNumber = candidates(e164);
        if (address == null) {
            return fromNumber;
        }
        UsState state = UsState.ofCode(address.state());
        if (state == null) {
            return fromNumber;
        }
        ZoneId zone = address.zone() == null ? null : knownZone(address.zone());
        List<Location> fromAddress =
                zone == null ? byState.getOrDefault(state, List.of()) : List.of(new Location(state, zone));
        List<Location> both = new ArrayList<>(fromAddress.size());
        for (Location location : fromAddress) {
            if (fromNumber.contains(location)) {
                both.add(location);
            }
        }
        if (!both.isEmpty()) {
            return both;
        }
        Set<Location> union = new LinkedHashSet<>(fromNumber);
        union.addAll(fromAddress);
        return List.copyOf(union);
    }

    /** The locations of a state in the table (one per time zone). */
    public List<Location> inState(UsState state) {
        return byState.getOrDefault(state, List.of());
    }

    /** The states that have at least one area code in the table. */
    public Set<UsState> states() {
        return byState.keySet();
    }
}
