package io.consentmesh.consent.retention;

import io.consentmesh.contracts.retention.DeletionCommanded;
import io.consentmesh.contracts.retention.MeshStores;
import io.consentmesh.messaging.deletion.Store;
import io.consentmesh.messaging.deletion.StoreAnswer;
import io.consentmesh.privacy.keys.DataKeys;
import io.consentmesh.privacy.keys.Erasure;
import io.consentmesh.privacy.seal.PersonalEvents;
import io.consentmesh.runtime.chain.SubjectRef;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * consent-service as a store of the mesh's own: a transcript that reached the mesh before its call's person was known
 * is sealed under a data key of the call ({@code call:<callId>}), which erasing the person cannot reach. Deleting the
 * item destroys that key (crypto-shredding, as an erasure does), so every copy of those transcripts the mesh still
 * holds — on {@code telephony.call.v1} until the topic's retention drops it — can never be opened again. No table
 * of the mesh keeps a transcript's text. A quarantine destroys the key too (stricter than asked; retention accepts it).
 *
 * <p>Address: {@link MeshStores#callDataKey} ({@code tenants/<tenantId>/calls/<callId>/data-key}).
 */
@ApplicationScoped
public class CallKeyStore implements Store {

    private static final Pattern ADDRESS = Pattern.compile("tenants/([a-z0-9][a-z0-9-]{0,62})/calls/([^/]+)/data-key");

    private final DataKeys keys;

    CallKeyStore(DataKeys keys) {
        this.keys = keys;
    }

    @Override
    public CompletionStage<StoreAnswer> delete(DeletionCommanded command) {
        Matcher address = ADDRESS.matcher(command.address());
        if (!address.matches()) {
            return Uni.createFrom()
                    .item(StoreAnswer.failed(
                            "not an address of this store (expected tenants/<tenant>/calls/<call>/data-key)", null))
                    .subscribeAsCompletionStage();
        }
        SubjectRef call = new SubjectRef(address.group(1), PersonalEvents.CALL_KEY_PREFIX + address.group(2));
        return keys.shred(call, "retention:" + command.reason().name(), command.commandId())
                .map(CallKeyStore::answer)
                .subscribeAsCompletionStage();
    }

    private static StoreAnswer answer(Erasure shred) {
        return switch (shred.outcome()) {
            case ERASED -> StoreAnswer.deleted("the call's data key was destroyed (" + shred.keysDestroyed() + ")");
            case ALREADY_ERASED -> StoreAnswer.gone("the call's data key was destroyed at " + shred.erasedAt());
            case UNKNOWN_SUBJECT -> StoreAnswer.gone("the mesh holds no data key of this call");
        };
    }
}
