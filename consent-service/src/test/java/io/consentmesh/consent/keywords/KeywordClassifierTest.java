package io.consentmesh.consent.keywords;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeywordClassifierTest {

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
            })
    void classifiesWholeBodyKeywordsAfterNormalising(String rule, String body, KeywordIntent expected) {
        assertThat(classifier.classify(body).intent()).as(rule).isEqualTo(expected);
    }
}
