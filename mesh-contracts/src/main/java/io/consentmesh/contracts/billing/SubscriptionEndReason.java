package io.consentmesh.contracts.billing;

/** Why a subscription ended. */
public enum SubscriptionEndReason {
    CANCELED_BY_CUSTOMER,
    CANCELED_BY_TENANT,
    PAYMENT_FAILED,
    EXPIRED,
    OTHER
}
