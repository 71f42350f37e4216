package io.consentmesh.consent.retention;

import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.retention.MeshStores;
import io.consentmesh.messaging.consumer.DeadLetters;
import io.consentmesh.messaging.deletion.DeletionCommands;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * consent-service answers retention-service for its own store ({@link CallKeyStore}: the data keys of calls) as any deletion agent does:
 * commands read in batches in group {@code consent-service-deletions}, receipts on the broker before the offsets are
 * committed, unreadable commands to {@code consent.dead-letter.v1}.
 */
@ApplicationScoped
public class DeletionCommandConsumer {

    private static final int CONCURRENCY = 8;

    private final DeletionCommands commands;

    DeletionCommandConsumer(
            CallKeyStore callKeys,
            MeterRegistry meters,
            @Channel("deletion-receipts") MutinyEmitter<String> receipts,
            @Channel("dead-letters") MutinyEmitter<String> deadLetters) {
        this.commands = new DeletionCommands(
                MeshStores.CONSENT_SERVICE,
                URI.create("/consent-service"),
                Map.of(MeshStores.CONSENT_SERVICE, callKeys),
                CONCURRENCY,
                receipts,
                new DeadLetters(deadLetters, Topics.RETENTION_DELETION_COMMAND),
                meters);
    }

    @Incoming("deletion-commands")
    public Uni<Void> onBatch(KafkaRecordBatch<String, String> batch) {
        return commands.onBatch(batch);
    }
}
