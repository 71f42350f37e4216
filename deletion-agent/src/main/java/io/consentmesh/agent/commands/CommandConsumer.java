package io.consentmesh.agent.commands;

import io.consentmesh.agent.config.AgentConfig;
import io.consentmesh.agent.stores.StoreClients;
import io.consentmesh.contracts.Topics;
import io.consentmesh.messaging.consumer.DeadLetters;
import io.consentmesh.messaging.deletion.DeletionCommands;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code retention.deletion-command.v1} in batches and carries out the commands of this agent's configured
 * stores through mesh-messaging's {@link DeletionCommands} (receipts before the offsets are committed; unreadable
 * commands to {@code retention.dead-letter.v1}).
 */
@ApplicationScoped
public class CommandConsumer {

    private final DeletionCommands commands;

    CommandConsumer(
            AgentConfig config,
            StoreClients stores,
            MeterRegistry meters,
            @Channel("receipts") MutinyEmitter<String> receipts,
            @Channel("dead-letters") MutinyEmitter<String> deadLetters) {
        this.commands = new DeletionCommands(
                config.name(),
                URI.create("/deletion-agent"),
                stores.all(),
                config.concurrency(),
                receipts,
                new DeadLetters(deadLetters, Topics.RETENTION_DELETION_COMMAND),
                meters);
    }

    @Incoming("commands")
    public Uni<Void> onBatch(KafkaRecordBatch<String, String> batch) {
        return commands.onBatch(batch);
    }
}
