package io.consentmesh.privacy.seal;

import io.consentmesh.privacy.keys.DataKeys;
import io.consentmesh.runtime.chain.SubjectRef;
import io.smallrye.mutiny.Uni;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Where services seal and open personal data. Both work per batch: one trip to the key store for all the subjects (or
 * sealed values) of a batch, none when their keys are cached.
 */
public class PersonalData {

    private final DataKeys keys;

    public PersonalData(DataKeys keys) {
        this.keys = keys;
    }

    /** A sealer for these subjects (their keys created when they have none). */
    public Uni<Sealer> sealer(Collection<SubjectRef> subjects) {
        return keys.currentKeys(new LinkedHashSet<>(subjects)).map(Sealer::new);
    }

    /** An opener for these values (any value: those not sealed need no key). */
    public Uni<Opener> opener(Collection<?> values) {
        Set<UUID> keyIds = new LinkedHashSet<>();
        values.stream().filter(Objects::nonNull).filter(Envelope::isSealed).forEach(value -> Envelope.parse(
                        (String) value)
                .ifPresent(e -> keyIds.add(e.keyId())));
        if (keyIds.isEmpty()) {
            return Uni.createFrom().item(new Opener(Map.of()));
        }
        return keys.keysById(keyIds).map(Opener::new);
    }

    /** An opener for a value sealed in binary form ({@link Sealer#sealBytes}). */
    public Uni<Opener> openerForBytes(byte[] sealedBytes) {
        return Envelope.parseBytes(sealedBytes)
                .map(envelope -> keys.keysById(Set.of(envelope.keyId())).map(Opener::new))
                .orElseGet(() -> Uni.createFrom().item(new Opener(Map.of())));
    }

    /** An opener for the personal entries of these contents. */
    public Uni<Opener> openerForEntries(Collection<Map<String, Object>> contents, Set<String> personal) {
        return opener(contents.stream()
                .flatMap(content -> personal.stream().map(content::get))
                .toList());
    }

    public DataKeys keys() {
        return keys;
    }
}
