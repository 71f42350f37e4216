package io.consentmesh.contracts.billing;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import java.time.Instant;

/**
 * The person's subscription with the tenant ended. Its end starts the clocks that run from the end of the business
 * relationship (retention of billing and verification records, the established-business-relationship window).
 *
 * @param billingAccountId the tenant's id of the person's billing account (customer)
 * @param subscriptionId the tenant's (or its billing system's) id of the subscription
 * @param endedAt when the subscription ended, which may be before the runtime reported it
 */
public record SubscriptionEnded(
        String billingAccountId, String subscriptionId, SubscriptionEndReason reason, Instant endedAt) {

    public SubscriptionEnded {
        text(billingAccountId, "billingAccountId");
        text(subscriptionId, "subscriptionId");
        value(reason, "reason");
        value(endedAt, "endedAt");
    }
}
