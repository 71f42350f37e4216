package io.consentmesh.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentmesh.contracts.billing.BankVerificationRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Billing events name the verification provider's record and can never carry a bank account number. */
class BillingEventsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "eVBnVMp7zdTJLkRNr33Rs6zr7KNJqBFL9DrE6", // Plaid item id
                "fca_1MwVK82eZvKYlo2Cjw8FMxXf", // Stripe Financial Connections account
                "ba_1MvQTs2eZvKYlo2C8LOJRbqS", // Stripe bank account object
                "123", // too short to be an account number
                "123456789012345678", // 18 digits: longer than any US account number
                "DE89370400440532013001" // shaped like an IBAN, but its check digits are wrong
            })
    void providerRecordIdsAreAccepted(String recordId) {
        assertThat(new BankVerificationRecord("plaid", recordId).recordId()).isEqualTo(recordId);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "000123456789", // US account number
                "1234", // the shortest
                "12345678901234567", // the longest
                "0001-2345-6789",
                "DE89370400440532013000", // a valid IBAN
                "GB82 WEST 1234 5698 7654 32"
            })
    void anythingThatCouldBeAnAccountNumberIsRefused(String accountNumber) {
        assertThatThrownBy(() -> new BankVerificationRecord("plaid", accountNumber))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("verification.recordId must be the verification provider's record id, never an account "
                        + "number")
                .hasMessageNotContaining(accountNumber);
    }
}
