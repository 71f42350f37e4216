package io.consentmesh.ingest.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.consentmesh.contracts.telephony.RedactedSpan;
import io.consentmesh.contracts.telephony.SensitiveDataKind;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SensitiveDataRedactorTest {

    private final SensitiveDataRedactor redactor = new SensitiveDataRedactor();

    /** The redaction of {@code value}'s first occurrence in {@code text}: what a correct scanner must report. */
    private static RedactedSpan at(String text, String value, SensitiveDataKind kind) {
        int start = text.indexOf(value);
        assertThat(start).as("test set-up: %s occurs in the text", value).isNotNegative();
        return new RedactedSpan(kind, start, start + value.length());
    }

    private static String marker(SensitiveDataKind kind) {
        return "[REDACTED:" + kind.name() + "]";
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "4111111111111111", // Visa
                "4111 1111 1111 1111",
                "4111-1111-1111-1111",
                "5555 5555 5555 4444", // Mastercard
                "3782 822463 10005", // Amex, grouped 4-6-5 as printed
                "378282246310005",
                "6011-1111-1111-1117", // Discover
                "4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1", // read out digit by digit
                "4111 1111-1111 1111"
            })
    void redactsALuhnValidCardNumberSpokenInGroups(String card) {
        String transcript = "Caller: yeah my card is " + card + ", expiring next year.";

        RedactedText result = redactor.redact(transcript);

        assertThat(result.redactions()).containsExactly(at(transcript, card, SensitiveDataKind.PAYMENT_CARD_NUMBER));
        assertThat(result.text())
                .isEqualTo("Caller: yeah my card is " + marker(SensitiveDataKind.PAYMENT_CARD_NUMBER)
                        + ", expiring next year.");
        assertThat(result.changed()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "4111 1111 1111 1112", // last digit off by one
                "5555555555554445",
                "1234567890123",
                "+1 415 867 5309", // a phone number
                "4111  1111  1111  1111", // double spaces: four separate numbers, none Luhn-valid alone
                "41111111111111111111111" // 23 digits: longer than any card
            })
    void leavesALuhnInvalidNumberAlone(String number) {
        String transcript = "Agent: the reference I have is " + number + ", is that right?";

        RedactedText result = redactor.redact(transcript);

        assertThat(result.changed()).isFalse();
        assertThat(result.redactions()).isEmpty();
        assertThat(result.text()).isEqualTo(transcript);
    }

    @Test
    void findsTheCardInsideALongerRunOfNumbers() {
        String transcript = "ok 2 4111 1111 1111 1111 thanks";

        RedactedText result = redactor.redact(transcript);

        assertThat(result.redactions()).hasSize(1);
        RedactedSpan card = result.redactions().get(0);
        assertThat(card.kind()).isEqualTo(SensitiveDataKind.PAYMENT_CARD_NUMBER);
        assertThat(transcript.substring(card.start(), card.end())).contains("4111 1111 1111 1111");
        assertThat(result.text()).doesNotContain("4111").doesNotContain("1111");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            textBlock =
                    """
            the CVV is 123 I think                          | 123
            CVV2: 1234                                      | 1234
            cvc 456                                         | 456
            and the security code, it's 737                 | 737
            Security  Code 737                              | 737
            security-code: 737                              | 737
            the code on the back is 9 8 7                   | 9 8 7
            it's the three digit code, 123                  | 123
            the 3-digit code is 321                         | 321
            the four digit code on the front is 1234        | 1234
            card code 042                                   | 042
            """)
    void redactsTheSecurityCodeAfterItsCue(String transcript, String code) {
        RedactedText result = redactor.redact(transcript);

        assertThat(result.redactions()).containsExactly(at(transcript, code, SensitiveDataKind.CARD_SECURITY_CODE));
        assertThat(result.text())
                .contains(marker(SensitiveDataKind.CARD_SECURITY_CODE))
                .doesNotContain(code);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "I'd like 123 shares please",
                "call me back at 3 pm, room 737",
                "the security code, which is printed on the back of the card, is 123", // cue too far away
                "cvv 12345", // five digits is no security code
                "cvv 12", // nor is two
                "mycvv 123" // "cvv" must be a word of its own
            })
    void redactsTheSecurityCodeOnlyInContext(String transcript) {
        RedactedText result = redactor.redact(transcript);

        assertThat(result.redactions()).isEmpty();
        assertThat(result.text()).isEqualTo(transcript);
    }

    @Test
    void redactsRoutingAndAccountNumbersAfterTheirCues() {
        String transcript = "My routing number is 021000021 and my account number is 1234 5678 90.";

        RedactedText result = redactor.redact(transcript);

        assertThat(result.redactions())
                .containsExactly(
                        at(transcript, "021000021", SensitiveDataKind.BANK_ROUTING_NUMBER),
                        at(transcript, "1234 5678 90", SensitiveDataKind.BANK_ACCOUNT_NUMBER));
        assertThat(result.text())
                .isEqualTo("My routing number is [REDACTED:BANK_ROUTING_NUMBER] and my account number is "
                        + "[REDACTED:BANK_ACCOUNT_NUMBER].");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            textBlock =
                    """
            routing and account numbers: 011000015 123456789          | 011000015 | 123456789
            ABA 021000021, checking account 000123456789              | 021000021 | 000123456789
            021000021 is the routing number, acct # 4455667788        | 021000021 | 4455667788
            transit 011000015 savings account 98-7654-3210            | 011000015 | 98-7654-3210
            """)
    void tellsTheRoutingNumberFromTheAccountNumberWhenBothAreSpoken(String transcript, String routing, String account) {
        RedactedText result = redactor.redact(transcript);

        assertThat(result.redactions())
                .containsExactly(
                        at(transcript, routing, SensitiveDataKind.BANK_ROUTING_NUMBER),
                        at(transcript, account, SensitiveDataKind.BANK_ACCOUNT_NUMBER));
        assertThat(result.text()).doesNotContain(routing).doesNotContain(account);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "order 021000021 shipped", // ABA-valid but no cue
                "Alabama 021000021", // "aba" inside a word is no cue
                "the transition 021000021",
                "routing number 021000022", // cue, but the checksum fails
                "routing 1234 5678" // cue, but not nine digits
            })
    void leavesNineDigitNumbersWithoutARoutingCueOrChecksumAlone(String transcript) {
        RedactedText result = redactor.redact(transcript);

        assertThat(result.redactions()).isEmpty();
        assertThat(result.text()).isEqualTo(transcript);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            textBlock =
                    """
            my social is 123-45-6789 ok       | 123-45-6789
            it's 078 05 1120                  | 078 05 1120
            SSN: 123456789                    | 123456789
            social security number 219099999  | 219099999
            ssn is 123 456 789                | 123 456 789
            """)
    void redactsValidSsns(String transcript, String ssn) {
        RedactedText result = redactor.redact(transcript);

        assertThat(result.redactions()).containsExactly(at(transcript, ssn, SensitiveDataKind.SSN));
        assertThat(result.text()).contains(marker(SensitiveDataKind.SSN)).doesNotContain(ssn);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            textBlock =
                    """
            000-12-3456 | 000123456
            666-12-3456 | 666123456
            900-12-3456 | 900123456
            999 12 3456 | 999123456
            123-00-4567 | 123004567
            123-45-0000 | 123450000
            """)
    void redactsValidSsnsAndLeavesInvalidAreasAlone(String shaped, String contiguous) {
        // Area 000, 666 or 900-999, group 00 or serial 0000: never issued, so some other number, cue or not.
        for (String transcript : List.of(
                "the number is " + shaped + " thanks", "my ssn is " + shaped, "social security " + contiguous)) {
            RedactedText result = redactor.redact(transcript);

            assertThat(result.redactions()).as(transcript).isEmpty();
            assertThat(result.text()).isEqualTo(transcript);
        }
        String valid = "ssn 123-45-6789";
        assertThat(redactor.redact(valid).redactions())
                .containsExactly(at(valid, "123-45-6789", SensitiveDataKind.SSN));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "123-45 6789", // mixed separators: not the SSN shape
                "123456789", // nine digits without a cue
                "415-555-1234", // a phone number
                "1 123-45-6789" // part of a longer number
            })
    void leavesNumbersNotShapedLikeAnSsnAloneWithoutACue(String number) {
        String transcript = "the number is " + number + " thanks";

        RedactedText result = redactor.redact(transcript);

        assertThat(result.redactions()).isEmpty();
        assertThat(result.text()).isEqualTo(transcript);
    }

    @Test
    void reportsAnOverlapOnceWithTheMostSpecificKind() {
        String transcript = "account number 4111 1111 1111 1111, ssn 123-45-6789, routing 021000021";

        RedactedText result = redactor.redact(transcript);

        assertThat(result.redactions())
                .containsExactly(
                        at(transcript, "4111 1111 1111 1111", SensitiveDataKind.PAYMENT_CARD_NUMBER),
                        at(transcript, "123-45-6789", SensitiveDataKind.SSN),
                        at(transcript, "021000021", SensitiveDataKind.BANK_ROUTING_NUMBER));
    }

    @Test
    void letsTheNearestCueDecideBetweenAccountNumberAndSecurityCode() {
        String transcript = "account number 12345678, security code 1234";

        RedactedText result = redactor.redact(transcript);

        assertThat(result.redactions())
                .containsExactly(
                        at(transcript, "12345678", SensitiveDataKind.BANK_ACCOUNT_NUMBER),
                        new RedactedSpan(
                                SensitiveDataKind.CARD_SECURITY_CODE,
                                transcript.lastIndexOf("1234"),
                                transcript.length()));
    }

    @Test
    void redactsAWholeCallAndSortsRedactionsByStart() {
        String transcript =
                """
                Agent: Thanks. What card will you use?
                Caller: Visa, 4111 1111 1111 1111, and the CVV is 737.
                Agent: And for the refund, your bank's routing number and account number?
                Caller: Routing is 011000015, account number 000123456789.
                Agent: Finally, to verify, your SSN?
                Caller: 078-05-1120.
                """;

        RedactedText result = redactor.redact(transcript);

        assertThat(result.redactions())
                .extracting(RedactedSpan::kind)
                .containsExactly(
                        SensitiveDataKind.PAYMENT_CARD_NUMBER,
                        SensitiveDataKind.CARD_SECURITY_CODE,
                        SensitiveDataKind.BANK_ROUTING_NUMBER,
                        SensitiveDataKind.BANK_ACCOUNT_NUMBER,
                        SensitiveDataKind.SSN);
        assertThat(result.redactions()).isSortedAccordingTo((a, b) -> Integer.compare(a.start(), b.start()));
        assertThat(result.text())
                .doesNotContain("4111", "737", "011000015", "000123456789", "078-05-1120")
                .contains("Caller: Visa, [REDACTED:PAYMENT_CARD_NUMBER], and the CVV is [REDACTED:CARD_SECURITY_CODE].")
                .contains("Caller: [REDACTED:SSN].");
    }

    @Test
    void reportsPositionsNeverValues() {
        String transcript = "card 5555555555554444 cvv 123";

        RedactedText result = redactor.redact(transcript);

        assertThat(Arrays.stream(RedactedSpan.class.getRecordComponents()).map(RecordComponent::getName))
                .containsExactly("kind", "start", "end");
        assertThat(result.redactions())
                .extracting(r -> transcript.substring(r.start(), r.end()))
                .containsExactly("5555555555554444", "123");
        assertThat(result.redactions())
                .allSatisfy(r -> assertThat(r.toString()).doesNotContain("5555").doesNotContain("123"));
        assertThat(result.toString()).doesNotContain("5555555555554444").doesNotContain("cvv 123");
    }

    @Test
    void handlesNullEmptyAndHugeInput() {
        assertThat(redactor.redact(null)).isEqualTo(new RedactedText("", List.of()));
        assertThat(redactor.redact("").changed()).isFalse();
        assertThat(redactor.redact("no numbers here").text()).isEqualTo("no numbers here");

        String turn = "Caller: it's 4111 1111 1111 1111, cvv 737, account number 12345678. Agent: thank you. ";
        int turns = 1_000_000 / turn.length() + 1;
        String transcript = turn.repeat(turns);

        RedactedText result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> redactor.redact(transcript));

        assertThat(result.redactions()).hasSize(3 * turns);
        assertThat(result.redactions().stream()
                        .collect(Collectors.groupingBy(RedactedSpan::kind, Collectors.counting())))
                .containsEntry(SensitiveDataKind.PAYMENT_CARD_NUMBER, (long) turns)
                .containsEntry(SensitiveDataKind.CARD_SECURITY_CODE, (long) turns)
                .containsEntry(SensitiveDataKind.BANK_ACCOUNT_NUMBER, (long) turns);
        assertThat(result.text()).doesNotContain("4111").doesNotContain("737").doesNotContain("12345678");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 ", "9", "1-", "cvv ", "account number 1 ", "- ", "ssn"})
    void staysFastOnAMegabyteOfOneRepeatedPiece(String piece) {
        String text = piece.repeat(1_000_000 / piece.length());

        RedactedText result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> redactor.redact(text));

        assertWellFormed(text, result);
    }

    @Test
    void neverThrowsAndKeepsItsInvariantsOnArbitraryInput() {
        List<String> pieces = List.of(
                "4111",
                "1111",
                "0",
                "7",
                "123",
                "45",
                "6789",
                "021000021",
                " ",
                " ",
                "-",
                "--",
                "\n",
                "x",
                "cvv",
                "routing",
                "account number",
                "ssn",
                "security code",
                "é",
                "\uD83D\uDE00");
        Random random = new Random(20240611L);
        for (int sample = 0; sample < 3_000; sample++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(60);
            for (int i = 0; i < length; i++) {
                text.append(pieces.get(random.nextInt(pieces.size())));
            }
            assertWellFormed(text.toString(), redactor.redact(text.toString()));
        }
    }

    /** Sorted, disjoint spans of digits inside the original, and a text that is the original with them replaced. */
    private static void assertWellFormed(String original, RedactedText result) {
        StringBuilder expected = new StringBuilder();
        int copied = 0;
        for (RedactedSpan r : result.redactions()) {
            assertThat(r.start()).isGreaterThanOrEqualTo(copied);
            assertThat(r.end()).isLessThanOrEqualTo(original.length());
            String value = original.substring(r.start(), r.end());
            assertThat(value).matches("[0-9]([0-9 \\-\u00A0]*[0-9])?");
            expected.append(original, copied, r.start()).append(marker(r.kind()));
            copied = r.end();
        }
        expected.append(original, copied, original.length());
        assertThat(result.text()).isEqualTo(expected.toString());
    }
}
