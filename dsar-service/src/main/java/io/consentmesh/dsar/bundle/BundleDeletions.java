package io.consentmesh.dsar.bundle;

import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.retention.DeletionCommanded;
import io.consentmesh.contracts.retention.MeshStores;
import io.consentmesh.messaging.consumer.DeadLetters;
import io.consentmesh.messaging.deletion.DeletionCommands;
import io.consentmesh.messaging.deletion.Store;
import io.consentmesh.messaging.deletion.StoreAnswer;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * dsar-service answers retention-service for its own store — the persons' copies, inventoried as DSAR_EXPORT items
 * from their BUNDLE_READY steps — as any deletion agent does: commands read in batches in group
 * {@code dsar-service-deletions}, the copy's content deleted (its manifest kept as proof of what was given), receipts
 * on the broker before the offsets are committed, unreadable commands to {@code dsar.dead-letter.v1}. A quarantine
 * deletes too (stricter than asked). The copy's own keeping period ({@code mesh.dsar.bundle.keep-for}) stays as a
 * backstop: whichever comes first deletes it, and the other finds it gone.
 *
 * <p>Address: {@link MeshStores#dsarBundle} ({@code tenants/<tenantId>/dsar-bundles/<bundleId>}).
 */
@ApplicationScoped
public class BundleDeletions implements Store {

    private static final Pattern ADDRESS =
            Pattern.compile("tenants/([a-z0-9][a-z0-9-]{0,62})/dsar-bundles/([0-9a-f-]{36})");
    private static final int CONCURRENCY = 8;

    private final Bundles bundles;
    private final DeletionCommands commands;

    BundleDeletions(
            Bundles bundles,
            MeterRegistry meters,
            @Channel("deletion-receipts") MutinyEmitter<String> receipts,
            @Channel("dead-letters") MutinyEmitter<String> deadLetters) {
        this.bundles = bundles;
        this.commands = new DeletionCommands(
                MeshStores.DSAR_SERVICE,
                URI.create("/dsar-service"),
                Map.of(MeshStores.DSAR_SERVICE, this),
                CONCURRENCY,
                receipts,
                new DeadLetters(deadLetters, Topics.RETENTION_DELETION_COMMAND),
                meters);
    }

    @Incoming("deletion-commands")
    public Uni<Void> onBatch(KafkaRecordBatch<String, String> batch) {
        return commands.onBatch(batch);
    }

    @Override
    public CompletionStage<StoreAnswer> delete(DeletionCommanded command) {
        Matcher address = ADDRESS.matcher(command.address());
        if (!address.matches()) {
            return Uni.createFrom()
                    .item(StoreAnswer.failed(
                            "not an address of this store (expected tenants/<tenant>/dsar-bundles/<bundle>)", null))
                    .subscribeAsCompletionStage();
        }
        return bundles.delete(
                        address.group(1),
                        UUID.fromString(address.group(2)),
                        "retention: " + command.reason().name())
                .map(deleted -> deleted
                        ? StoreAnswer.deleted("the copy's content was deleted; its signed manifest is kept")
                        : StoreAnswer.gone("the copy was deleted before"))
                .subscribeAsCompletionStage();
    }
}
