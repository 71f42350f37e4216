package io.consentmesh.contracts.billing;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import java.time.Instant;

/**
 * The person linked a bank account to the tenant's billing, verified by a provider such as Plaid or Stripe. The event
 * names the verification provider's record, never the account.
 *
 * @param billingAccountId the tenant's id of the person's billing account (customer)
 */
public record BankAccountLinked(String billingAccountId, BankVerificationRecord verification, Instant occurredAt) {

    public BankAccountLinked {
        text(billingAccountId, "billingAccountId");
        value(verification, "verification");
        value(occurredAt, "occurredAt");
    }
}
