package io.consentmesh.privacy.keys;

import io.consentmesh.runtime.chain.SubjectRef;
import java.util.UUID;

/** A subject's data key, unwrapped: held only in memory, briefly (see {@link DataKeys}). */
public record DataKey(UUID keyId, SubjectRef subject, byte[] key) {}
