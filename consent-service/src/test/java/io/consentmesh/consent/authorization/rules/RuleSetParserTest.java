package io.consentmesh.consent.authorization.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleSetParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsTheBundledRuleSet() {
        RuleSet rules = RuleSetParser.bundled();

        assertThat(rules.version()).isEqualTo("2026.12");
        assertThat(rules.effectiveFrom()).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
        assertThat(RuleSetParser.bundledHistory())
                .extracting(RuleSet::version, RuleSet::effectiveFrom)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2026.11", Instant.parse("2025-09-01T00:00:00Z")),
                        org.assertj.core.groups.Tuple.tuple("2026.12", Instant.parse("2026-12-07T00:00:00Z")));
        assertThat(rules.levelFor(ContentClass.MARKETING)).isEqualTo(ConsentGrade.EXPRESS_WRITTEN);
        assertThat(rules.levelFor(ContentClass.TRANSACTIONAL)).isEqualTo(ConsentGrade.EXPRESS);
        assertThat(rules.levelFor(ContentClass.CONVERSATIONAL)).isEqualTo(ConsentGrade.IMPLIED);
        assertThat(rules.conversationWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(rules.capLookback()).isEqualTo(Duration.ofHours(24));
        assertThat(rules.hoursIn(UsState.TX).rule()).isEqualTo("T-TX");
        assertThat(rules.hoursIn(UsState.NY).rule()).isEqualTo("T-US");
    }

    @Test
    void T_FL_stateHoursAreCombinedWithTheFederalOnes() {
        RuleSet rules = RuleSetParser.bundled();
        HoursRule florida = rules.hoursIn(UsState.FL);

        assertThat(florida.week().opens(0)).isEqualTo(8 * 3600);
        assertThat(florida.week().closes(0)).isEqualTo(20 * 3600);
        assertThat(rules.hoursIn(UsState.KY).week().opens(6)).isEqualTo(10 * 3600);
        assertThat(rules.hoursIn(UsState.KY).week().closes(6)).isEqualTo(21 * 3600);
    }

    @Test
    void theStoredDocumentReadsBackToTheSameRules() {
        RuleSet rules = RuleSetParser.bundled();
        RuleSet again = RuleSetParser.parse(rules.document());

        assertThat(again.document()).isEqualTo(rules.document());
        assertThat(again.version()).isEqualTo(rules.version());
    }

    static Stream<Arguments> invalidDocuments() {
        return Stream.of(
                invalid("a missing version", doc -> doc.remove("version"), "version: is required"),
                invalid("a version with spaces", doc -> doc.put("version", "two thousand"), "version: 1 to 64"),
                invalid(
                        "an effectiveFrom that is not an instant",
                        doc -> doc.put("effectiveFrom", "next tuesday"),
                        "effectiveFrom: not an ISO-8601 instant"),
                invalid(
                        "an unknown consent grade",
                        doc -> level(doc).put("MARKETING", "A_NOD"),
                        "consent.levels.MARKETING: must be one of"),
                invalid(
                        "a content class without a level",
                        doc -> level(doc).remove("INFORMATIONAL"),
                        "consent.levels.INFORMATIONAL: is required"),
                invalid(
                        "a zero conversation window",
                        doc -> ((ObjectNode) doc.get("consent")).put("conversationWindow", "PT0S"),
                        "consent.conversationWindow: is required, a positive ISO-8601 duration"),
                invalid(
                        "an unknown state",
                        doc -> states(doc).set("XX", states(doc).get("FL")),
                        "hours.states.XX: not a US state code"),
                invalid(
                        "hours that close before they open",
                        doc -> days(doc, "FL").put("MON-SUN", "20:00-08:00"),
                        "hours.states.FL.days.MON-SUN: must close after it opens"),
                invalid(
                        "hours in the wrong notation",
                        doc -> days(doc, "FL").put("MON-SUN", "8am to 8pm"),
                        "hours.states.FL.days.MON-SUN: expected \"HH:MM-HH:MM\""),
                invalid(
                        "a day given twice",
                        doc -> days(doc, "TX").put("SAT-SUN", "10:00-20:00"),
                        "is given more than once"),
                invalid("an unknown day", doc -> days(doc, "TX").put("SOMEDAY", "10:00-20:00"), "days are MON..SUN"),
                invalid(
                        "a cap of zero",
                        doc -> ((ObjectNode) doc.get("caps").get("states").get("MD")).put("max", 0),
                        "caps.states.MD.max: must be a whole number of at least 1"),
                invalid(
                        "an unknown purpose",
                        doc -> ((com.fasterxml.jackson.databind.node.ArrayNode)
                                        doc.get("purposes").get("allowed"))
                                .add("BECAUSE_WE_CAN"),
                        "purposes.allowed[3]: must be one of"),
                invalid(
                        "a holiday that is not a date",
                        doc -> ((com.fasterxml.jackson.databind.node.ArrayNode)
                                        doc.get("hours").get("holidays"))
                                .add("Christmas"),
                        "expected a date YYYY-MM-DD"));
    }

    @ParameterizedTest(name = "rejects {0}")
    @MethodSource("invalidDocuments")
    void rejectsNamingTheField(String name, Consumer<ObjectNode> change, String error) throws IOException {
        ObjectNode document = (ObjectNode) JSON.readTree(RuleSetParser.bundledDocument());
        change.accept(document);

        assertThatThrownBy(() -> RuleSetParser.parse(document))
                .isInstanceOfSatisfying(InvalidRuleSetException.class, e -> assertThat(e.errors())
                        .anySatisfy(message -> assertThat(message).contains(error)));
    }

    @Test
    void reportsEveryProblemAtOnce() throws IOException {
        ObjectNode document = (ObjectNode) JSON.readTree(RuleSetParser.bundledDocument());
        document.remove("version");
        document.remove("purposes");

        assertThatThrownBy(() -> RuleSetParser.parse(document))
                .isInstanceOfSatisfying(InvalidRuleSetException.class, e -> assertThat(e.errors())
                        .containsExactly("version: is required", "purposes: is required, an object"));
    }

    @Test
    void rejectsSomethingThatIsNotJson() {
        assertThatThrownBy(() -> RuleSetParser.parse("{\"version\": "))
                .isInstanceOfSatisfying(InvalidRuleSetException.class, e -> assertThat(e.errors())
                        .containsExactly("the document is not valid JSON"));
    }

    private static Arguments invalid(String name, Consumer<ObjectNode> change, String error) {
        return Arguments.of(name, change, error);
    }

    private static ObjectNode level(ObjectNode doc) {
        return (ObjectNode) doc.get("consent").get("levels");
    }

    private static ObjectNode states(ObjectNode doc) {
        return (ObjectNode) doc.get("hours").get("states");
    }

    private static ObjectNode days(ObjectNode doc, String state) {
        return (ObjectNode) states(doc).get(state).get("days");
    }
}
