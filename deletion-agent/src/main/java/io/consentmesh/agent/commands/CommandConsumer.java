package io.consentmesh.agent.commands;

import io.consentmesh.agent.config.AgentConfig;
import io.consentmesh.agent.stores.Stores;
import io.consentmesh.messaging.consumer.DeadLetters;
import io.consentmesh.messaging.deletion.DeletionCommands;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code retention.deletion-command.v1} in batches and carries out the commands of this agent's configured
 * stores through mesh-messaging's {@link DeletionCommands} (receipts before the offsets are committed; unreadable
 * commands to {@code retention.dead-letter.v1}).
 */
@ApplicationScoped
public class CommandConsumer {

    private final ExecutorService workers;
    private final DeletionCommands commands;

    CommandConsumer(
            AgentConfig config,
            MeterRegistry meters,
            @Channel("receipts") MutinyEmitter<String> receipts,
            @Channel("dead-letters") MutinyEmitter<String> deadLetters) {
        // the JDK's HTTP client under the S3 SDK keeps 5 idle connections per server unless told otherwise: one per
        // concurrent call, or every call beyond the fifth opens (and closes) a connection of its own
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", Integer.toString(config.concurrency()));
        }
        // blocking store clients (the S3 SDK) run here, never on the event loop: as many as run at once
        this.workers = Executors.newFixedThreadPool(config.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "agent-store-call");
            thread.setDaemon(true);
            return thread;
        });
        this.commands = new DeletionCommands(
                config.name(),
                URI.create("/deletion-agent"),
                Stores.of(config, workers),
                config.concurrency(),
                receipts,
                new DeadLetters(deadLetters),
                meters);
    }

    @PreDestroy
    void stopWorkers() {
        workers.shutdownNow();
    }

    @Incoming("commands")
    public Uni<Void> onBatch(KafkaRecordBatch<String, String> batch) {
        return commands.onBatch(batch);
    }
}
