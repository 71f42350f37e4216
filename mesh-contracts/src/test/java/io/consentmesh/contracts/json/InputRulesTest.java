package io.consentmesh.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.MalformedEventException;
import io.consentmesh.contracts.http.Problem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mesh's input rules (issue 20), one regression per class of bad input the fuzzer found. */
class InputRulesTest {

    enum Colour {
        RED,
        GREEN
    }

    record Body(String name, Instant at, Colour colour, Map<String, Object> extra) {}

    record Tagged(String code, List<String> tags) {}

    private final ObjectMapper mapper = InputRules.apply(new ObjectMapper().registerModule(new JavaTimeModule()));

    @Test
    void aStringLongerThanItsFieldsLimitIsRefusedAListsStringsHaveTheListsAndEventsHaveNone() throws Exception {
        ObjectMapper limited = InputRules.apply(
                new ObjectMapper(),
                property -> property != null && property.getName().equals("code") ? 5 : 8);
        assertThat(limited.readValue("{\"code\":\"12345\"}", Tagged.class).code())
                .isEqualTo("12345");
        assertThatThrownBy(() -> limited.readValue("{\"code\":\"123456\"}", Tagged.class))
                .isInstanceOf(InputRules.InputRuleException.class)
                .hasMessageContaining("the text is longer than 5 characters")
                .hasMessageNotContaining("123456");
        assertThat(limited.readValue("{\"tags\":[\"12345678\"]}", Tagged.class).tags())
                .containsExactly("12345678");
        assertThatThrownBy(() -> limited.readValue("{\"tags\":[\"ok\",\"123456789\"]}", Tagged.class))
                .hasMessageContaining("longer than 8 characters");
        assertThat(mapper.readValue("{\"name\":\"" + "x".repeat(100_000) + "\"}", Body.class)
                        .name())
                .hasSize(100_000);
    }

    @Test
    void aDuplicateKeyIsRefusedWhicheverValueWouldHaveWon() {
        assertThatThrownBy(() -> mapper.readValue("{\"name\":\"a\",\"name\":\"b\"}", Body.class))
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageStartingWith("Duplicate field 'name'");
    }

    @Test
    void nulAndControlCharactersAreRefusedInFieldsAndInFreeFormValuesButLineBreaksAndTabsAreText() throws Exception {
        assertThatThrownBy(() -> mapper.readValue("{\"name\":\"a\\u0000b\"}", Body.class))
                .isInstanceOf(InputRules.InputRuleException.class)
                .hasMessageContaining("the text contains a NUL character");
        assertThatThrownBy(() -> mapper.readValue("{\"extra\":{\"note\":\"bell\\u0007\"}}", Body.class))
                .isInstanceOf(InputRules.InputRuleException.class)
                .hasMessageContaining("control character");
        assertThatThrownBy(() -> mapper.readValue("{\"name\":\"\\ud800x\"}", Body.class))
                .hasMessageContaining("lone surrogate");
        assertThat(mapper.readValue("{\"name\":\"line\\none\\ttab \\ud83d\\ude00\"}", Body.class)
                        .name())
                .isEqualTo("line\none\ttab \uD83D\uDE00");
    }

    @Test
    void instantsOutsideTheYears1To9999AreRefusedAndTheBoundsAccepted() throws Exception {
        for (String extreme :
                new String[] {"-999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "-0001-12-31T00:00:00Z"}) {
            assertThatThrownBy(() -> mapper.readValue("{\"at\":\"" + extreme + "\"}", Body.class))
                    .as(extreme)
                    .isInstanceOf(JsonProcessingException.class);
        }
        assertThat(mapper.readValue("{\"at\":\"0001-01-01T00:00:00Z\"}", Body.class)
                        .at())
                .isEqualTo(InputRules.EARLIEST);
        assertThat(mapper.readValue("{\"at\":\"9999-12-31T23:59:59Z\"}", Body.class)
                        .at())
                .isBefore(InputRules.LATEST);
        assertThatThrownBy(() -> InputRules.instant("at", "+1000000000-01-01T00:00:00Z"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("at ");
    }

    @Test
    void anEnumIsReadByNameOnlyAndTrailingTokensAreRefused() throws Exception {
        assertThatThrownBy(() -> mapper.readValue("{\"colour\":0}", Body.class))
                .isInstanceOf(JsonProcessingException.class);
        assertThat(mapper.readValue("{\"colour\":\"GREEN\"}", Body.class).colour())
                .isEqualTo(Colour.GREEN);
        assertThatThrownBy(() -> mapper.readValue("{\"name\":\"a\"} {\"name\":\"b\"}", Body.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void anEventWithANulIsMalformedSoItIsDeadLetteredNotRetried() {
        String event = EventCodec.encode(io.consentmesh.contracts.envelope.EventEnvelope.of(
                        "id-1",
                        java.net.URI.create("/test"),
                        new io.consentmesh.contracts.envelope.TenantId("acme"),
                        null,
                        Instant.parse("2026-01-01T00:00:00Z"),
                        new io.consentmesh.contracts.telephony.CallbackRequested(
                                "CA-nul-here",
                                io.consentmesh.contracts.telephony.Provider.TWILIO,
                                Instant.parse("2026-01-02T00:00:00Z"),
                                Instant.parse("2026-01-01T00:00:00Z"))))
                .replace("CA-nul-here", "CA\\u0000");
        assertThatThrownBy(() -> EventCodec.decode(event)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void anErrorCarriesAShortCleanExcerptNeverTheWholeInput() {
        Problem problem = Problem.invalidRequest("no campaign " + "x".repeat(1_000_000) + "\u0000");
        assertThat(problem.detail())
                .hasSize(Problem.MAX_DETAIL)
                .startsWith("no campaign xxx")
                .endsWith("…");
        assertThat(Problem.invalidRequest("a\u0000b\u001bc").detail()).isEqualTo("a?b?c");
    }
}
