package io.consentmesh.ingest.redaction;

import io.consentmesh.contracts.telephony.RedactedSpan;
import io.consentmesh.contracts.telephony.SensitiveDataKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Finds payment card numbers, card security codes, US bank routing and account numbers and SSNs in a call transcript
 * or message body and replaces each with {@code [REDACTED:<KIND>]}, before anything is published (PCI DSS 3.3.1: a
 * card security code is never retained; NACHA: account numbers unreadable). Plain JDK, stateless and thread-safe.
 *
 * <p>Numbers are read as speech-to-text writes them: digit groups joined by single spaces or hyphens (see
 * {@link DigitGroups}). Detection runs from the most to the least specific kind, and digits claimed once are not
 * claimed again, so every span is reported once with its most specific kind:
 *
 * <ol>
 *   <li><b>Payment card number</b>: 13-19 digits passing Luhn, no cue needed. Luhn is the one check every issuer's
 *       number passes, and it turns down 9 of 10 random digit runs (phone numbers, order ids). Where windows of the
 *       same sequence compete, the longest wins, so a neighbouring number cannot push part of a card out.
 *   <li><b>Bank routing number</b>: exactly 9 digits passing the ABA checksum and a routing cue ("routing", "ABA",
 *       "transit") within {@value #CONTEXT} characters before or after. The checksum alone would still flag one in ten
 *       9-digit numbers, hence the cue.
 *   <li><b>SSN</b>, by shape: a number that is exactly {@code AAA-GG-SSSS} or {@code AAA GG SSSS}, with an area that
 *       is not 000, 666 or 900-999, a group that is not 00 and a serial that is not 0000 (what the SSA never issues).
 *   <li><b>Numbers after a cue</b>, the cue nearest before the number deciding when several are within {@value
 *       #CONTEXT} characters (so "account number 12345678, security code 1234" gives an account number and a code):
 *       <ul>
 *         <li>after "ssn"/"social security": 9 digits however grouped, if the SSN rules above allow them;
 *         <li>after "account number", "acct", "checking account"...: a bank account number of 4-17 digits (a longer
 *             run is cut into runs of at most 17 digits rather than left readable);
 *         <li>after "cvv", "security code", "code on the back", "3 digit code"...: a card security code of 3-4
 *             digits. Without such a cue a 3-digit number is left alone: it is far more often a quantity or a time.
 *       </ul>
 * </ol>
 *
 * <p>Everything is a single left-to-right scan plus work bounded by the longest number kind (19 digits) per digit
 * group, with no regular expressions, so the cost is linear in the text and a megabyte transcript takes milliseconds.
 */
public final class SensitiveDataRedactor {

    /** How far (in characters) a cue reaches: a phrase like "the security code on the back is" fits. */
    static final int CONTEXT = 40;

    private static final int CARD_MIN = 13;
    private static final int CARD_MAX = 19;
    private static final int NINE = 9;
    private static final int ACCOUNT_MIN = 4;
    private static final int ACCOUNT_MAX = 17;
    private static final int CODE_MIN = 3;
    private static final int CODE_MAX = 4;

    /** Never throws; {@code null} is treated as empty text. */
    public RedactedText redact(String text) {
        if (text == null || text.isEmpty()) {
            return RedactedText.empty();
        }
        Scan scan = new Scan(text);
        scan.cardNumbers();
        scan.routingNumbers();
        scan.ssnsByShape();
        scan.numbersAfterCues();
        return scan.result();
    }

    /** One text's digit groups and cues, and which groups each detection has claimed so far. */
    private static final class Scan {

        private final String text;
        private final List<Cues.Cue> cues;
        private final DigitGroups groups;
        private final SensitiveDataKind[] claimed;
        private final List<RedactedSpan> redactions = new ArrayList<>();
        private final char[] digits = new char[CARD_MAX];

        Scan(String text) {
            this.text = text;
            this.cues = Cues.find(text);
            this.groups = DigitGroups.of(text, cues);
            this.claimed = new SensitiveDataKind[groups.count()];
        }

        void cardNumbers() {
            for (int first = 0; first < groups.count(); ) {
                int last = groups.lastOfSequence(first);
                cardNumbersIn(first, last);
                first = last + 1;
            }
        }

        /** Every Luhn-valid window of whole groups in one sequence, then the longest first (earliest on a tie). */
        private void cardNumbersIn(int first, int last) {
            long[] windows = new long[0];
            int found = 0;
            for (int g = first; g <= last; g++) {
                int length = 0;
                for (int h = g; h <= last && length + groups.length(h) <= CARD_MAX; h++) {
                    length = append(h, length);
                    if (length >= CARD_MIN && Checksums.luhn(digits, length)) {
                        if (found == windows.length) {
                            windows = Arrays.copyOf(windows, Math.max(8, found * 2));
                        }
                        // Sort key: shorter-than-maximum length, then first group, then the window's group count.
                        windows[found++] = ((long) (CARD_MAX - length) << 40) | ((long) g << 5) | (h - g);
                    }
                }
            }
            Arrays.sort(windows, 0, found);
            for (int i = 0; i < found; i++) {
                int g = (int) ((windows[i] >>> 5) & 0x7FFFFFFFL);
                int h = g + (int) (windows[i] & 0x1F);
                if (free(g, h)) {
                    claim(SensitiveDataKind.PAYMENT_CARD_NUMBER, g, h);
                }
            }
        }

        void routingNumbers() {
            for (int g = 0; g < groups.count(); g++) {
                int h = windowOfExactly(NINE, g);
                if (h >= 0 && Checksums.aba(digits) && routingCueAround(groups.start(g), groups.end(h))) {
                    claim(SensitiveDataKind.BANK_ROUTING_NUMBER, g, h);
                    g = h;
                }
            }
        }

        void ssnsByShape() {
            for (int first = 0; first < groups.count(); ) {
                int last = groups.lastOfSequence(first);
                if (last == first + 2
                        && groups.length(first) == 3
                        && groups.length(first + 1) == 2
                        && groups.length(last) == 4
                        && text.charAt(groups.end(first)) == text.charAt(groups.end(first + 1))
                        && windowOfExactly(NINE, first) == last
                        && Checksums.plausibleSsn(digits)) {
                    claim(SensitiveDataKind.SSN, first, last);
                }
                first = last + 1;
            }
        }

        /** Each run of still unclaimed groups of a sequence, classified by the cues before it. */
        void numbersAfterCues() {
            for (int first = 0; first < groups.count(); ) {
                if (claimed[first] != null) {
                    first++;
                    continue;
                }
                int last = first;
                while (last + 1 < groups.count() && groups.joinsPrevious(last + 1) && claimed[last + 1] == null) {
                    last++;
                }
                classifyByCue(first, last);
                first = last + 1;
            }
        }

        private void classifyByCue(int first, int last) {
            int at = groups.start(first);
            long length = 0;
            for (int g = first; g <= last; g++) {
                length += groups.length(g);
            }
            for (int c = lastCueEndingBy(at); c >= 0 && at - cues.get(c).end() <= CONTEXT; c--) {
                switch (cues.get(c).kind()) {
                    case SSN -> {
                        if (length == NINE && windowOfExactly(NINE, first) == last && Checksums.plausibleSsn(digits)) {
                            claim(SensitiveDataKind.SSN, first, last);
                            return;
                        }
                    }
                    case BANK_ACCOUNT_NUMBER -> {
                        if (claimAccountNumbers(first, last)) {
                            return;
                        }
                    }
                    case CARD_SECURITY_CODE -> {
                        if (length >= CODE_MIN && length <= CODE_MAX) {
                            claim(SensitiveDataKind.CARD_SECURITY_CODE, first, last);
                            return;
                        }
                    }
                    default -> {
                        // A routing cue only ever vouches for an ABA-valid number, claimed before this pass.
                    }
                }
            }
        }

        /** The run as account numbers of at most 17 digits each; a group longer than that is no account number. */
        private boolean claimAccountNumbers(int first, int last) {
            boolean any = false;
            int chunk = first;
            int length = 0;
            for (int g = first; g <= last; g++) {
                if (length + groups.length(g) > ACCOUNT_MAX) {
                    if (length >= ACCOUNT_MIN) {
                        claim(SensitiveDataKind.BANK_ACCOUNT_NUMBER, chunk, g - 1);
                        any = true;
                    }
                    chunk = g;
                    length = 0;
                }
                if (groups.length(g) > ACCOUNT_MAX) {
                    chunk = g + 1;
                } else {
                    length += groups.length(g);
                }
            }
            if (length >= ACCOUNT_MIN) {
                claim(SensitiveDataKind.BANK_ACCOUNT_NUMBER, chunk, last);
                any = true;
            }
            return any;
        }

        /** A routing cue ending at most CONTEXT characters before the number, or starting at most that after it. */
        private boolean routingCueAround(int start, int end) {
            int before = lastCueEndingBy(start);
            for (int c = before; c >= 0 && start - cues.get(c).end() <= CONTEXT; c--) {
                if (cues.get(c).kind() == SensitiveDataKind.BANK_ROUTING_NUMBER) {
                    return true;
                }
            }
            for (int c = before + 1; c < cues.size() && cues.get(c).start() - end <= CONTEXT; c++) {
                if (cues.get(c).kind() == SensitiveDataKind.BANK_ROUTING_NUMBER
                        && cues.get(c).start() >= end) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The last group of the unclaimed window starting at group {@code first} (within its sequence) that holds
         * exactly {@code wanted} digits, now in {@link #digits}; -1 if there is none.
         */
        private int windowOfExactly(int wanted, int first) {
            int length = 0;
            for (int h = first; h < groups.count() && (h == first || groups.joinsPrevious(h)); h++) {
                if (claimed[h] != null || length + groups.length(h) > wanted) {
                    return -1;
                }
                length = append(h, length);
                if (length == wanted) {
                    return h;
                }
            }
            return -1;
        }

        /** Copies a group's digits into {@link #digits} after the first {@code length}; returns the new length. */
        private int append(int group, int length) {
            text.getChars(groups.start(group), groups.end(group), digits, length);
            return length + groups.length(group);
        }

        /** Index of the last cue ending at or before {@code position}, or -1. */
        private int lastCueEndingBy(int position) {
            int low = 0;
            int high = cues.size() - 1;
            int found = -1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                if (cues.get(mid).end() <= position) {
                    found = mid;
                    low = mid + 1;
                } else {
                    high = mid - 1;
                }
            }
            return found;
        }

        private boolean free(int first, int last) {
            for (int g = first; g <= last; g++) {
                if (claimed[g] != null) {
                    return false;
                }
            }
            return true;
        }

        private void claim(SensitiveDataKind kind, int first, int last) {
            Arrays.fill(claimed, first, last + 1, kind);
            redactions.add(new RedactedSpan(kind, groups.start(first), groups.end(last)));
        }

        RedactedText result() {
            redactions.sort(Comparator.comparingInt(RedactedSpan::start));
            StringBuilder redacted = new StringBuilder(text.length());
            int copied = 0;
            for (RedactedSpan redaction : redactions) {
                redacted.append(text, copied, redaction.start())
                        .append("[REDACTED:")
                        .append(redaction.kind().name())
                        .append(']');
                copied = redaction.end();
            }
            redacted.append(text, copied, text.length());
            return new RedactedText(redacted.toString(), redactions);
        }
    }
}
