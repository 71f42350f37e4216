package io.consentmesh.consent.consents.reported;

import java.util.UUID;

/** @param alreadyRecorded true when the same Idempotency-Key was recorded before (nothing new was written) */
public record RecordedRevocation(UUID evidenceId, boolean alreadyRecorded) {}
