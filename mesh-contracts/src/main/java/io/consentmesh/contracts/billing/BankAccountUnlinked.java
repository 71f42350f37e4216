package io.consentmesh.contracts.billing;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import java.time.Instant;

/**
 * The person's bank account was unlinked from the tenant's billing; from now on the verification provider's record is
 * kept only as long as its retention rule allows. Names the same record as the {@link BankAccountLinked} it ends.
 */
public record BankAccountUnlinked(String billingAccountId, BankVerificationRecord verification, Instant occurredAt) {

    public BankAccountUnlinked {
        text(billingAccountId, "billingAccountId");
        value(verification, "verification");
        value(occurredAt, "occurredAt");
    }
}
