package io.consentmesh.ingest.redaction;

import java.util.Arrays;
import java.util.List;

/**
 * The numbers of a text as speech-to-text writes them: groups (maximal runs of ASCII digits) joined into a sequence
 * when exactly one space, hyphen or no-break space separates a group from the next ("4111 1111-1111 1111" is one
 * sequence of four groups; "12, 34" is two sequences). Digits inside a cue ("cvv2", "3 digit code") are not numbers.
 */
final class DigitGroups {

    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int[] sequences = new int[16];
    private int count;

    private DigitGroups() {}

    static DigitGroups of(String text, List<Cues.Cue> cues) {
        DigitGroups groups = new DigitGroups();
        int cue = 0;
        int sequence = -1;
        int i = 0;
        while (i < text.length()) {
            if (!isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < text.length() && isDigit(text.charAt(i))) {
                i++;
            }
            while (cue < cues.size() && cues.get(cue).end() <= start) {
                cue++;
            }
            if (cue < cues.size() && cues.get(cue).start() < i) {
                continue; // part of the cue's own words
            }
            boolean joined = groups.count > 0
                    && groups.ends[groups.count - 1] == start - 1
                    && isSeparator(text.charAt(start - 1));
            if (!joined) {
                sequence++;
            }
            groups.add(start, i, sequence);
        }
        return groups;
    }

    private void add(int start, int end, int sequence) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
            sequences = Arrays.copyOf(sequences, count * 2);
        }
        starts[count] = start;
        ends[count] = end;
        sequences[count] = sequence;
        count++;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-' || c == '\u00A0';
    }

    int count() {
        return count;
    }

    int start(int group) {
        return starts[group];
    }

    int end(int group) {
        return ends[group];
    }

    int length(int group) {
        return ends[group] - starts[group];
    }

    /** Whether the group continues the sequence of the one before it. */
    boolean joinsPrevious(int group) {
        return group > 0 && sequences[group] == sequences[group - 1];
    }

    /** The last group of the sequence the given group belongs to. */
    int lastOfSequence(int group) {
        int last = group;
        while (last + 1 < count && sequences[last + 1] == sequences[group]) {
            last++;
        }
        return last;
    }
}
