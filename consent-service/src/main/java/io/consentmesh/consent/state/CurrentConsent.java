package io.consentmesh.consent.state;

import io.consentmesh.consent.ledger.Channel;
import java.time.Instant;
import java.util.UUID;

/**
 * A subject's consent on one channel now, and the ledger record it rests on.
 *
 * @param level EXPRESS or EXPRESS_WRITTEN when opted in; null when revoked
 */
public record CurrentConsent(
        Channel channel, ConsentStatus status, String level, UUID basisEvidenceId, Instant changedAt) {}
