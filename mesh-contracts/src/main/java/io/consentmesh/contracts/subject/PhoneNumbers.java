package io.consentmesh.contracts.subject;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Normalises phone numbers to E.164 with libphonenumber, so one person has one subject id however it is written. */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /**
     * Parsing is regular-expression work (about a sixth of an authorization's CPU when every request parsed its two
     * numbers afresh), and a sender texts the same people again and again; the outcome depends on nothing but the
     * text and the region, so it is remembered. Bounded in entries (when full it starts over, which costs a re-parse,
     * not memory) and in size: only texts a phone number could be written in are kept, not whatever a body held.
     */
    public static final int MEMO_SIZE = 16_384;

    static final int MEMO_MAX_LENGTH = 32;

    private static final Map<String, Object> MEMO = new ConcurrentHashMap<>();

    private PhoneNumbers() {}

    /**
     * @param raw a number as a provider or a user wrote it ("+1 (415) 555-0100", "415.555.0100")
     * @param defaultRegion ISO 3166 region for numbers written without a country code, e.g. "US"
     * @throws InvalidPhoneNumberException if it is not a valid number
     */
    public static String toE164(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidPhoneNumberException("phone number is missing");
        }
        if (raw.length() > MEMO_MAX_LENGTH) {
            return answer(parse(raw, defaultRegion));
        }
        String key = defaultRegion + '|' + raw;
        Object known = MEMO.get(key);
        if (known == null) {
            known = parse(raw, defaultRegion);
            if (MEMO.size() >= MEMO_SIZE) {
                MEMO.clear();
            }
            MEMO.put(key, known);
        }
        return answer(known);
    }

    private static String answer(Object known) {
        if (known instanceof String e164) {
            return e164;
        }
        throw new InvalidPhoneNumberException(((Problem) known).message()); // fresh: its stack is the caller's
    }

    private record Problem(String message) {}

    /** @return the E.164 form, or why it is not a number */
    private static Object parse(String raw, String defaultRegion) {
        PhoneNumber parsed;
        try {
            parsed = UTIL.parse(raw.trim(), defaultRegion);
        } catch (NumberParseException e) {
            return new Problem("not a phone number: " + e.getErrorType());
        }
        if (!UTIL.isValidNumber(parsed)) {
            return new Problem("not a valid phone number for its region");
        }
        return UTIL.format(parsed, PhoneNumberFormat.E164);
    }

    /** Signals an invalid number; the message never contains the number itself. */
    /** How much of a number the mesh's rules read: country code and, in the NANP, area code and exchange. */
    public static final int ROUTING_PREFIX = 8;

    /**
     * The number cut to its routing prefix, the subscriber digits masked ({@code +14155550123} → {@code
     * +1415555****}): where it is, not who it is. What the mesh keeps where it needs a location but not the person.
     */
    public static String routingPrefix(String e164) {
        if (e164 == null || e164.length() <= ROUTING_PREFIX) {
            return e164;
        }
        return e164.substring(0, ROUTING_PREFIX) + "*".repeat(e164.length() - ROUTING_PREFIX);
    }

    public static final class InvalidPhoneNumberException extends IllegalArgumentException {
        public InvalidPhoneNumberException(String message) {
            super(message);
        }

        /** The same problem, named after the request field that held the number (e.g. "to: not a phone number"). */
        public InvalidPhoneNumberException in(String field) {
            return new InvalidPhoneNumberException(field + ": " + getMessage());
        }
    }
}
