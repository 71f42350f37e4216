package io.consentmesh.dsar.recipients;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A recorded disclosure, as access answers and privacy-ops read it. */
public record Disclosure(
        UUID id,
        String recipient,
        String recipientKind,
        String country,
        List<String> categories,
        String purpose,
        String legalBasis,
        Instant disclosedAt,
        String reference,
        String recordedBy,
        Instant recordedAt) {}
