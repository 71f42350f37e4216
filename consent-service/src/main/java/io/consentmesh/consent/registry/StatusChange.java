package io.consentmesh.consent.registry;

import java.time.Instant;

/**
 * One entry of a brand's or campaign's status history.
 *
 * @param source {@code API}, or {@code IMPORT:TWILIO} / {@code IMPORT:TELNYX} with the provider's own status as reason
 */
public record StatusChange(String previousStatus, String status, String source, String reason, Instant changedAt) {}
