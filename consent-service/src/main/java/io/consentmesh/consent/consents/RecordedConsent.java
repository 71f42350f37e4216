package io.consentmesh.consent.consents;

import java.util.UUID;

/** @param alreadyRecorded true when the same Idempotency-Key was recorded before (nothing new was written) */
public record RecordedConsent(UUID evidenceId, boolean alreadyRecorded) {}
