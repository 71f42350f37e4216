package io.consentmesh.consent.registry;

/**
 * A 10DLC brand's registration status (TCR-01). Only an APPROVED brand's campaigns may send; a suspended brand
 * suspends all its campaigns (CAR-02).
 */
public enum BrandStatus {
    PENDING,
    APPROVED,
    FAILED,
    SUSPENDED
}
