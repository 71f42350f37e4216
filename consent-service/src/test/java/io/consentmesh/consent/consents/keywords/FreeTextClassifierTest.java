package io.consentmesh.consent.consents.keywords;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FreeTextClassifierTest {

    private final FreeTextClassifier classifier = new FreeTextClassifier();

    @ParameterizedTest(name = "KW-05: \"{0}\" is {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "please stop texting me                 | REVOKE",
                "Stop calling me!!                       | REVOKE",
                "no more messages please                 | REVOKE",
                "Don't text me again                     | REVOKE",
                "do not call me                          | REVOKE",
                "unsubscribe me from this list           | REVOKE",
                "take me off your list                   | REVOKE",
                "please stop                             | REVOKE",
                "No me escribas más                      | REVOKE",
                "no más mensajes                         | REVOKE",
                "deja de enviarme mensajes               | REVOKE",
                "no me llames                            | REVOKE",
                "quiero darme de baja                    | REVOKE",
                "Arrêtez de m'envoyer des messages       | REVOKE",
                "ne m'écrivez plus                       | REVOKE",
                "STIP                                    | REVIEW",
                "please stop texting me after 6pm thanks | REVIEW",
                "no me llames antes de las 9             | REVIEW",
                "stpo                                    | REVIEW",
                "unsubscrib                              | REVIEW",
                "can you stop by the store tomorrow?     | REVIEW",
                "thanks, see you at 5                    | NOTHING",
                "what time is my appointment             | NOTHING",
                "stopping by later                       | NOTHING",
            })
    void kw05_reads_revocations_in_other_words(String body, String expected) {
        FreeTextMatch match = classifier.classify(body);
        String verdict = match.isRevocation() ? "REVOKE" : match.needsReview() ? "REVIEW" : "NOTHING";
        assertThat(verdict)
                .as("%s (%s, %.2f)", body, match.phrase(), match.confidence())
                .isEqualTo(expected);
    }

    @Test
    void kw05_a_verdict_names_the_rule_and_language_that_read_it() {
        FreeTextMatch match = classifier.classify("No me llames más");
        assertThat(match.phrase()).isEqualTo("no me escribas/llames");
        assertThat(match.language()).isEqualTo("es");
        assertThat(match.confidence()).isGreaterThanOrEqualTo(FreeTextClassifier.REVOKE);
    }

    @Test
    void typos_are_one_edit_from_a_keyword() {
        assertThat(FreeTextClassifier.oneEditApart("STIP", "STOP")).isTrue();
        assertThat(FreeTextClassifier.oneEditApart("STPO", "STOP")).isTrue();
        assertThat(FreeTextClassifier.oneEditApart("SSTOP", "STOP")).isTrue();
        assertThat(FreeTextClassifier.oneEditApart("STOP", "STOP")).isFalse();
        assertThat(FreeTextClassifier.oneEditApart("SHOP", "STOP")).isTrue();
        assertThat(FreeTextClassifier.oneEditApart("SHIP", "STOP")).isFalse();
    }
}
