package io.consentmesh.ingest.redaction;

import io.consentmesh.contracts.telephony.SensitiveDataKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The words that put a bare number in context ("cvv", "routing", "account number", "ssn"...). A 3-digit number or an
 * 8-digit number is nothing by itself; after one of these it is a security code or an account number.
 *
 * <p>Matching is case-insensitive and on whole words (so "aba" is not found in "Alabama", "transit" not in
 * "transition"); a trailing plural "s" is allowed, and the words of a phrase may be separated by up to three spaces,
 * hyphens or line breaks ("3-digit code", "security\ncode"). Found cues never overlap: at each word the longest phrase
 * wins ("cvv2" over "cvv", "checking account" over nothing).
 */
final class Cues {

    /** One occurrence of a cue in the text, {@code end} exclusive. */
    record Cue(SensitiveDataKind kind, int start, int end) {}

    private record Phrase(String words, SensitiveDataKind kind) {}

    private static final int MAX_GAP = 3;

    private static final List<Phrase> PHRASES = phrases();

    private Cues() {}

    private static List<Phrase> phrases() {
        List<Phrase> phrases = new ArrayList<>();
        for (String words : List.of(
                "cvv",
                "cvv2",
                "cvc",
                "cvc2",
                "security code",
                "card code",
                "code on the back",
                "three digit code",
                "3 digit code",
                "four digit code",
                "4 digit code")) {
            phrases.add(new Phrase(words, SensitiveDataKind.CARD_SECURITY_CODE));
        }
        for (String words : List.of("routing", "aba", "transit")) {
            phrases.add(new Phrase(words, SensitiveDataKind.BANK_ROUTING_NUMBER));
        }
        for (String words : List.of(
                "account number", "account no", "acct", "checking account", "savings account", "bank account")) {
            phrases.add(new Phrase(words, SensitiveDataKind.BANK_ACCOUNT_NUMBER));
        }
        for (String words : List.of("ssn", "social security")) {
            phrases.add(new Phrase(words, SensitiveDataKind.SSN));
        }
        phrases.sort(Comparator.comparingInt((Phrase p) -> p.words().length()).reversed());
        return List.copyOf(phrases);
    }

    /** Every cue in the text, in order. Linear: phrases are only tried where a word starts. */
    static List<Cue> find(String text) {
        List<Cue> cues = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int end = -1;
            if (startsWord(text, i)) {
                for (Phrase phrase : PHRASES) {
                    end = matchAt(text, i, phrase.words());
                    if (end > 0) {
                        cues.add(new Cue(phrase.kind(), i, end));
                        break;
                    }
                }
            }
            i = end > 0 ? end : i + 1;
        }
        return cues;
    }

    private static boolean startsWord(String text, int i) {
        return Character.isLetterOrDigit(text.charAt(i)) && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)));
    }

    /** Where the phrase ends if it is found at {@code at} as whole words, else -1. */
    private static int matchAt(String text, int at, String words) {
        int i = at;
        for (int p = 0; p < words.length(); p++) {
            char expected = words.charAt(p);
            if (expected == ' ') {
                int gap = 0;
                while (gap < MAX_GAP && i < text.length() && isGap(text.charAt(i))) {
                    i++;
                    gap++;
                }
                if (gap == 0) {
                    return -1;
                }
            } else if (i < text.length() && lowerAscii(text.charAt(i)) == expected) {
                i++;
            } else {
                return -1;
            }
        }
        char last = words.charAt(words.length() - 1);
        if (Character.isLetter(last) && i < text.length() && lowerAscii(text.charAt(i)) == 's') {
            i++; // plural: "account numbers", "routings"
        }
        if (i < text.length()) {
            char next = text.charAt(i);
            // A phrase ending in a letter must end a word; one ending in a digit ("cvv2") must end the number.
            if (Character.isLetter(last) ? Character.isLetter(next) : Character.isDigit(next)) {
                return -1;
            }
        }
        return i;
    }

    private static boolean isGap(char c) {
        return c == ' ' || c == '-' || c == '\t' || c == '\n' || c == '\r';
    }

    private static char lowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
