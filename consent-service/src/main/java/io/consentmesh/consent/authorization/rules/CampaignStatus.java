package io.consentmesh.consent.authorization.rules;

/** The 10DLC campaign's registration status as the registry knows it; only ACTIVE may send (G-01, CAR-01/02). */
public enum CampaignStatus {
    ACTIVE,
    PENDING,
    SUSPENDED,
    EXPIRED,
    REJECTED
}
