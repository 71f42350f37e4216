package io.consentmesh.ingest.redaction;

/** The check-digit and plausibility rules, over ASCII digit characters. */
final class Checksums {

    private Checksums() {}

    /** ISO/IEC 7812 Luhn: from the rightmost digit, double every second one, subtract 9 above 9; sum mod 10 is 0. */
    static boolean luhn(char[] digits, int length) {
        int sum = 0;
        boolean doubled = false;
        for (int i = length - 1; i >= 0; i--) {
            int d = digits[i] - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    /** ABA routing number check: 3(d1+d4+d7) + 7(d2+d5+d8) + (d3+d6+d9) is a multiple of 10. */
    static boolean aba(char[] digits) {
        int sum = 0;
        for (int i = 0; i < 9; i += 3) {
            sum += 3 * (digits[i] - '0') + 7 * (digits[i + 1] - '0') + (digits[i + 2] - '0');
        }
        return sum % 10 == 0;
    }

    /**
     * An SSN the SSA could have issued: area (first 3) not 000, 666 or 900-999; group (next 2) not 00; serial (last 4)
     * not 0000. Anything else is some other 9-digit number and is left alone.
     */
    static boolean plausibleSsn(char[] digits) {
        int area = number(digits, 0, 3);
        int group = number(digits, 3, 5);
        int serial = number(digits, 5, 9);
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
    }

    private static int number(char[] digits, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (digits[i] - '0');
        }
        return value;
    }
}
