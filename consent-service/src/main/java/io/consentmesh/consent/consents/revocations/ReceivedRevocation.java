package io.consentmesh.consent.consents.revocations;

import io.consentmesh.runtime.chain.SubjectRef;
import java.time.Instant;
import java.util.UUID;

/** A revocation to enforce brand-wide and to log against KW-07: who, the evidence that revoked, when it was received. */
public record ReceivedRevocation(SubjectRef person, UUID evidenceId, Instant receivedAt) {}
