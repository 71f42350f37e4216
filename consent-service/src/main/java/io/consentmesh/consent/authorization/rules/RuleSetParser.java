package io.consentmesh.consent.authorization.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a rule-set document (see docs/consent.md, "Rule-set format"), checks every field and compiles it into a
 * {@link RuleSet}. All problems are reported at once, each naming its field path; nothing of the document is echoed
 * besides names.
 */
public final class RuleSetParser {

    /** The bundled versions, oldest first: each is stored at start when absent, so a new database has the history. */
    public static final List<String> BUNDLED = List.of("rules/2026.11.json", "rules/2026.12.json");

    /** How long an ALLOW holds under a version that does not say (those before 2026.12). */
    static final Duration DEFAULT_ALLOW_VALIDITY = Duration.ofMinutes(15);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._-]{0,63}");
    private static final Pattern RULE_ID = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*");
    private static final Pattern HOURS = Pattern.compile("(\\d\\d:\\d\\d)-(\\d\\d:\\d\\d)");

    private final List<String> errors = new ArrayList<>();

    private RuleSetParser() {}

    public static RuleSet parse(String json) {
        try {
            return parse(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new InvalidRuleSetException(List.of("the document is not valid JSON"));
        }
    }

    public static RuleSet parse(JsonNode document) {
        return new RuleSetParser().compile(document);
    }

    /** The newest rule set bundled with the service. */
    public static RuleSet bundled() {
        return parse(bundledDocument());
    }

    /** Every bundled version, oldest first. */
    public static List<RuleSet> bundledHistory() {
        return BUNDLED.stream()
                .map(RuleSetParser::document)
                .map(RuleSetParser::parse)
                .toList();
    }

    /** The newest bundled version's document. */
    public static String bundledDocument() {
        return document(BUNDLED.get(BUNDLED.size() - 1));
    }

    private static String document(String resource) {
        try (InputStream in = RuleSetParser.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RuleSet compile(JsonNode doc) {
        if (doc == null || !doc.isObject()) {
            throw new InvalidRuleSetException(List.of("the document must be a JSON object"));
        }
        String version = text(doc, "version", "version");
        if (version != null && !VERSION.matcher(version).matches()) {
            errors.add("version: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        Instant effectiveFrom = instant(doc.get("effectiveFrom"), "effectiveFrom");

        JsonNode consent = object(doc, "consent", "consent");
        String consentRule = ruleId(consent, "consent");
        ConsentGrade[] levels = new ConsentGrade[ContentClass.values().length];
        JsonNode levelsNode = object(consent, "levels", "consent.levels");
        Set<ContentClass> legal = EnumSet.noneOf(ContentClass.class);
        JsonNode legalNode = object(doc, "legallyRequired", "legallyRequired");
        String legalRule = ruleId(legalNode, "legallyRequired");
        legal.addAll(contentClasses(legalNode, "contentClasses", "legallyRequired.contentClasses"));
        Duration legalWindow = duration(legalNode, "window", "legallyRequired.window");
        for (ContentClass contentClass : ContentClass.values()) {
            JsonNode level = levelsNode == null ? null : levelsNode.get(contentClass.name());
            if (level == null) {
                if (!legal.contains(contentClass)) {
                    errors.add(
                            "consent.levels." + contentClass + ": is required (IMPLIED, EXPRESS or EXPRESS_WRITTEN)");
                }
                continue;
            }
            levels[contentClass.ordinal()] = enumValue(ConsentGrade.class, level, "consent.levels." + contentClass);
        }
        unknownKeys(levelsNode, ContentClass.class, "consent.levels");
        Duration conversationWindow = duration(consent, "conversationWindow", "consent.conversationWindow");

        Map<String, Set<ContentClass>> useCases = new HashMap<>();
        JsonNode useCasesNode = object(doc, "campaignUseCases", "campaignUseCases");
        if (useCasesNode != null) {
            useCasesNode
                    .fields()
                    .forEachRemaining(entry -> useCases.put(
                            entry.getKey(),
                            contentClasses(useCasesNode, entry.getKey(), "campaignUseCases." + entry.getKey())));
        }

        JsonNode hoursNode = object(doc, "hours", "hours");
        Set<ContentClass> hoursApply = contentClasses(hoursNode, "appliesTo", "hours.appliesTo");
        long[] holidays = holidays(hoursNode);
        HoursRule federal = hoursRule(object(hoursNode, "federal", "hours.federal"), "hours.federal");
        HoursRule[] hours = new HoursRule[UsState.values().length];
        JsonNode statesNode = object(hoursNode, "states", "hours.states");
        if (statesNode != null && federal != null) {
            statesNode.fields().forEachRemaining(entry -> {
                String path = "hours.states." + entry.getKey();
                UsState state = state(entry.getKey(), path);
                HoursRule own = hoursRule(entry.getValue(), path);
                if (state != null && own != null) {
                    hours[state.ordinal()] = own.within(federal);
                }
            });
        }
        for (int i = 0; i < hours.length; i++) {
            if (hours[i] == null) {
                hours[i] = federal;
            }
        }

        JsonNode capsNode = object(doc, "caps", "caps");
        Set<ContentClass> capsApply = contentClasses(capsNode, "appliesTo", "caps.appliesTo");
        CapRule[] caps = new CapRule[UsState.values().length];
        JsonNode capStates = object(capsNode, "states", "caps.states");
        if (capStates != null) {
            capStates.fields().forEachRemaining(entry -> {
                String path = "caps.states." + entry.getKey();
                UsState state = state(entry.getKey(), path);
                CapRule cap = capRule(entry.getValue(), path);
                if (state != null && cap != null) {
                    caps[state.ordinal()] = cap;
                }
            });
        }

        JsonNode purposesNode = object(doc, "purposes", "purposes");
        String purposeRule = ruleId(purposesNode, "purposes");
        boolean[] purposes = new boolean[Purpose.values().length];
        JsonNode allowed = array(purposesNode, "allowed", "purposes.allowed");
        if (allowed != null) {
            for (int i = 0; i < allowed.size(); i++) {
                Purpose purpose = enumValue(Purpose.class, allowed.get(i), "purposes.allowed[" + i + "]");
                if (purpose != null) {
                    purposes[purpose.ordinal()] = true;
                }
            }
        }
        Duration inboundWindow = duration(purposesNode, "inboundResponseWindow", "purposes.inboundResponseWindow");

        // optional sections, added in 2026.12: a version without them decides as its day did
        CallbackRule callbacks = null;
        if (doc.has("callbacks")) {
            JsonNode node = object(doc, "callbacks", "callbacks");
            String rule = ruleId(node, "callbacks");
            Duration before = duration(node, "before", "callbacks.before");
            Duration after = duration(node, "after", "callbacks.after");
            Duration open = duration(node, "withoutPreferredTime", "callbacks.withoutPreferredTime");
            callbacks = node == null ? null : new CallbackRule(rule, before, after, open);
        }
        Duration allowValidity = DEFAULT_ALLOW_VALIDITY;
        if (doc.has("decisions")) {
            allowValidity = duration(object(doc, "decisions", "decisions"), "allowValidFor", "decisions.allowValidFor");
        }

        if (!errors.isEmpty()) {
            throw new InvalidRuleSetException(errors);
        }
        return new RuleSet(
                version,
                effectiveFrom,
                canonical(doc),
                consentRule,
                levels,
                conversationWindow,
                legalRule,
                flags(legal),
                legalWindow,
                useCases,
                flags(hoursApply),
                holidays,
                federal,
                hours,
                flags(capsApply),
                caps,
                purposeRule,
                purposes,
                inboundWindow,
                callbacks,
                allowValidity);
    }

    private static String canonical(JsonNode doc) {
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean[] flags(Set<ContentClass> classes) {
        boolean[] flags = new boolean[ContentClass.values().length];
        classes.forEach(c -> flags[c.ordinal()] = true);
        return flags;
    }

    private HoursRule hoursRule(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            errors.add(path + ": must be an object with rule and days");
            return null;
        }
        String rule = ruleId(node, path);
        JsonNode days = object(node, "days", path + ".days");
        WeeklyHours week = WeeklyHours.closedAllWeek();
        if (days != null) {
            Iterator<Map.Entry<String, JsonNode>> entries = days.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                week = withDays(week, entry.getKey(), entry.getValue(), path + ".days." + entry.getKey());
            }
        }
        JsonNode holidays = node.get("closedOnHolidays");
        if (holidays != null && !holidays.isBoolean()) {
            errors.add(path + ".closedOnHolidays: must be true or false");
        }
        return new HoursRule(rule, week, holidays != null && holidays.asBoolean());
    }

    private WeeklyHours withDays(WeeklyHours week, String days, JsonNode value, String path) {
        List<DayOfWeek> list = dayList(days, path);
        var matcher = value.isTextual() ? HOURS.matcher(value.asText()) : null;
        if (matcher == null || !matcher.matches()) {
            errors.add(path + ": expected \"HH:MM-HH:MM\"");
            return week;
        }
        int opens = secondOfDay(matcher.group(1), path);
        int closes = secondOfDay(matcher.group(2), path);
        if (opens < 0 || closes < 0) {
            return week;
        }
        if (opens >= closes) {
            errors.add(path + ": must close after it opens");
            return week;
        }
        for (DayOfWeek day : list) {
            if (week.isSet(day.ordinal())) {
                errors.add(path + ": " + day + " is given more than once");
            }
            week = week.withDay(day.ordinal(), opens, closes);
        }
        return week;
    }

    private List<DayOfWeek> dayList(String days, String path) {
        List<DayOfWeek> list = new ArrayList<>();
        for (String part : days.split(",")) {
            String[] range = part.trim().split("-");
            DayOfWeek from = day(range[0]);
            DayOfWeek to = range.length == 2 ? day(range[1]) : from;
            if (range.length > 2 || from == null || to == null) {
                errors.add(path + ": days are MON..SUN, a range like MON-FRI, or a list like SAT,SUN");
                return List.of();
            }
            for (DayOfWeek d = from; ; d = d.plus(1)) {
                list.add(d);
                if (d == to) {
                    break;
                }
            }
        }
        return list;
    }

    private static DayOfWeek day(String abbreviation) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().substring(0, 3).equals(abbreviation.trim())) {
                return day;
            }
        }
        return null;
    }

    private int secondOfDay(String time, String path) {
        try {
            return LocalTime.parse(time).toSecondOfDay();
        } catch (DateTimeException e) {
            errors.add(path + ": not a time of day (00:00 to 23:59)");
            return -1;
        }
    }

    private CapRule capRule(JsonNode node, String path) {
        if (!node.isObject()) {
            errors.add(path + ": must be an object with rule, max and window");
            return null;
        }
        String rule = ruleId(node, path);
        JsonNode max = node.get("max");
        if (max == null || !max.canConvertToInt() || !max.isIntegralNumber() || max.asInt() < 1) {
            errors.add(path + ".max: must be a whole number of at least 1");
        }
        Duration window = duration(node, "window", path + ".window");
        return max == null || window == null ? null : new CapRule(rule, max.asInt(), window);
    }

    private long[] holidays(JsonNode hoursNode) {
        JsonNode list =
                hoursNode != null && hoursNode.has("holidays") ? array(hoursNode, "holidays", "hours.holidays") : null;
        if (list == null) {
            return new long[0];
        }
        long[] days = new long[list.size()];
        for (int i = 0; i < list.size(); i++) {
            try {
                days[i] = LocalDate.parse(list.get(i).asText()).toEpochDay();
            } catch (DateTimeException e) {
                errors.add("hours.holidays[" + i + "]: expected a date YYYY-MM-DD");
            }
        }
        return days;
    }

    private UsState state(String code, String path) {
        UsState state = UsState.ofCode(code);
        if (state == null || !state.name().equals(code)) {
            errors.add(path + ": not a US state code (USPS, upper case)");
            return null;
        }
        return state;
    }

    private Set<ContentClass> contentClasses(JsonNode parent, String field, String path) {
        Set<ContentClass> classes = EnumSet.noneOf(ContentClass.class);
        JsonNode list = array(parent, field, path);
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                ContentClass contentClass = enumValue(ContentClass.class, list.get(i), path + "[" + i + "]");
                if (contentClass != null) {
                    classes.add(contentClass);
                }
            }
        }
        return classes;
    }

    private <E extends Enum<E>> E enumValue(Class<E> type, JsonNode node, String path) {
        if (node != null && node.isTextual()) {
            for (E value : type.getEnumConstants()) {
                if (value.name().equals(node.asText())) {
                    return value;
                }
            }
        }
        errors.add(path + ": must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        return null;
    }

    private <E extends Enum<E>> void unknownKeys(JsonNode node, Class<E> type, String path) {
        if (node == null) {
            return;
        }
        node.fieldNames().forEachRemaining(name -> {
            boolean known = false;
            for (E value : type.getEnumConstants()) {
                known |= value.name().equals(name);
            }
            if (!known) {
                errors.add(path + "." + name + ": not one of " + java.util.Arrays.toString(type.getEnumConstants()));
            }
        });
    }

    private String ruleId(JsonNode parent, String path) {
        if (parent == null) {
            return null;
        }
        String rule = text(parent, "rule", path + ".rule");
        if (rule != null && !RULE_ID.matcher(rule).matches()) {
            errors.add(path + ".rule: a rule id such as T-FL or G-03");
        }
        return rule;
    }

    private Instant instant(JsonNode node, String path) {
        if (node == null || !node.isTextual()) {
            errors.add(path + ": is required, an ISO-8601 instant such as 2026-11-01T00:00:00Z");
            return null;
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeException e) {
            errors.add(path + ": not an ISO-8601 instant such as 2026-11-01T00:00:00Z");
            return null;
        }
    }

    private Duration duration(JsonNode parent, String field, String path) {
        if (parent == null) {
            return null;
        }
        JsonNode node = parent.get(field);
        try {
            Duration duration = node != null && node.isTextual() ? Duration.parse(node.asText()) : null;
            if (duration != null && !duration.isNegative() && !duration.isZero()) {
                return duration;
            }
        } catch (DateTimeException e) {
            // reported below
        }
        errors.add(path + ": is required, a positive ISO-8601 duration such as PT24H");
        return null;
    }

    private String text(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            errors.add(path + ": is required");
            return null;
        }
        return node.asText();
    }

    private JsonNode object(JsonNode parent, String field, String path) {
        if (parent == null) {
            return null;
        }
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            errors.add(path + ": is required, an object");
            return null;
        }
        return node;
    }

    private JsonNode array(JsonNode parent, String field, String path) {
        if (parent == null) {
            return null;
        }
        JsonNode node = parent.get(field);
        if (node == null || !node.isArray()) {
            errors.add(path + ": is required, an array");
            return null;
        }
        return node;
    }
}
