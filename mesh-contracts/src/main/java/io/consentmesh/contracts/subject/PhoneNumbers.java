package io.consentmesh.contracts.subject;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** Normalises phone numbers to E.164 with libphonenumber, so one person has one subject id however it is written. */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

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
        PhoneNumber parsed;
        try {
            parsed = UTIL.parse(raw.trim(), defaultRegion);
        } catch (NumberParseException e) {
            throw new InvalidPhoneNumberException("not a phone number: " + e.getErrorType());
        }
        if (!UTIL.isValidNumber(parsed)) {
            throw new InvalidPhoneNumberException("not a valid phone number for its region");
        }
        return UTIL.format(parsed, PhoneNumberFormat.E164);
    }

    /** Signals an invalid number; the message never contains the number itself. */
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
