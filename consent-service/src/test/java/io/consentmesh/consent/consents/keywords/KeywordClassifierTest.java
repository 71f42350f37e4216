package io.consentmesh.consent.consents.keywords;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeywordClassifierTest {

    @org.junit.jupiter.api.Test
    void kw01_a_tenants_own_keywords_add_to_the_built_in_ones_in_their_language() {
        KeywordClassifier tenant = new KeywordClassifier(java.util.Map.of(
                "es", java.util.Map.of(KeywordIntent.OPT_OUT, java.util.List.of("Detengan", "no más"))));

        assertThat(tenant.classify("DETENGAN!")).isEqualTo(new KeywordMatch(KeywordIntent.OPT_OUT, "DETENGAN", "es"));
        assertThat(tenant.classify("no mas").intent()).isEqualTo(KeywordIntent.OPT_OUT);
        assertThat(tenant.classify("STOP").intent()).isEqualTo(KeywordIntent.OPT_OUT);
        assertThat(classifier.classify("DETENGAN").intent()).isEqualTo(KeywordIntent.NONE);
        assertThat(tenant.lists().get("es").get(KeywordIntent.OPT_OUT)).contains("DETENGAN", "ALTO");
    }

    @org.junit.jupiter.api.Test
    void kw01_a_keyword_cannot_mean_two_things() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new KeywordClassifier(
                        java.util.Map.of("en", java.util.Map.of(KeywordIntent.OPT_IN, java.util.List.of("stop")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already a OPT_OUT keyword");
    }

    private final KeywordClassifier classifier = new KeywordClassifier();

    @ParameterizedTest(name = "{0}: \"{1}\" is {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "KW-01 | STOP         | OPT_OUT",
                "KW-01 | stopall      | OPT_OUT",
                "KW-01 | Stop All     | OPT_OUT",
                "KW-01 | unsubscribe  | OPT_OUT",
                "KW-01 | cancel       | OPT_OUT",
                "KW-01 | END          | OPT_OUT",
                "KW-01 | quit         | OPT_OUT",
                "KW-01 | REVOKE       | OPT_OUT",
                "KW-01 | optout       | OPT_OUT",
                "KW-01 | opt out      | OPT_OUT",
                "KW-01 | OPT-OUT      | OPT_OUT",
                "KW-01 | remove       | OPT_OUT",
                "KW-01 | Arrêt        | OPT_OUT",
                "KW-01 | ARRETE       | OPT_OUT",
                "KW-01 | td           | OPT_OUT",
                "KW-02 | START        | OPT_IN",
                "KW-02 | unstop       | OPT_IN",
                "KW-02 | Yes          | OPT_IN",
                "KW-03 | HELP         | HELP",
                "KW-03 | info         | HELP",
                "KW-04 | '  sToP  '   | OPT_OUT",
                "KW-04 | Stop.        | OPT_OUT",
                "KW-04 | STOP!!       | OPT_OUT",
                "KW-04 | '🛑 stop 🛑' | OPT_OUT",
                "KW-04 | STOP PLEASE  | NONE",
                "KW-04 | don't stop   | NONE",
                "KW-04 | stopping     | NONE",
                "KW-04 | ''           | NONE",
                "KW-01 | alto         | OPT_OUT",
                "KW-01 | Baja         | OPT_OUT",
                "KW-03 | ayuda        | HELP",
                "KW-03 | aide         | HELP",
            })
    void classifiesWholeBodyKeywordsAfterNormalising(String rule, String body, KeywordIntent expected) {
        assertThat(classifier.classify(body).intent()).as(rule).isEqualTo(expected);
    }
}
