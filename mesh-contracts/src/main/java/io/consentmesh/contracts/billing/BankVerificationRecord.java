package io.consentmesh.contracts.billing;

import static io.consentmesh.contracts.Required.text;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * The bank-verification provider's record of a linked account, which billing events carry instead of any account
 * data; it is what gets inventoried and later deleted. Events never hold a bank account number, so an id that could be
 * one is refused: 4 to 17 digits (a US account number, spaces and dashes allowed) or a valid IBAN. Provider ids
 * (Plaid's mixed-case ids, Stripe's {@code fca_…} or {@code ba_…}) are never either.
 *
 * @param provider who verified the account, as the tenant names it (e.g. {@code plaid}, {@code stripe})
 * @param recordId that provider's id of its record (e.g. a Plaid item id, a Stripe Financial Connections account id)
 */
public record BankVerificationRecord(String provider, String recordId) {

    private static final Pattern US_ACCOUNT_NUMBER = Pattern.compile("[0-9](?:[ -]?[0-9]){3,16}");
    private static final Pattern IBAN = Pattern.compile("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}");
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    public BankVerificationRecord {
        text(provider, "verification.provider");
        text(recordId, "verification.recordId");
        String id = recordId.strip();
        if (US_ACCOUNT_NUMBER.matcher(id).matches() || isIban(id.replace(" ", ""))) {
            throw new IllegalArgumentException(
                    "verification.recordId must be the verification provider's record id, never an account number");
        }
    }

    /** ISO 13616: the first four characters moved to the end, letters as 10..35, the number mod 97 is 1. */
    private static boolean isIban(String candidate) {
        if (!IBAN.matcher(candidate).matches()) {
            return false;
        }
        StringBuilder digits = new StringBuilder();
        for (char c : (candidate.substring(4) + candidate.substring(0, 4)).toCharArray()) {
            digits.append(Character.getNumericValue(c));
        }
        return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue() == 1;
    }
}
