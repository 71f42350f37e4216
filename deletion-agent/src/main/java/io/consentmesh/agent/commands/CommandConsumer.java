package io.consentmesh.agent.commands;

import io.consentmesh.agent.config.AgentConfig;
import io.consentmesh.agent.stores.Store;
import io.consentmesh.agent.stores.StoreAnswer;
import io.consentmesh.agent.stores.Stores;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.MalformedEventException;
import io.consentmesh.contracts.retention.DeletionAction;
import io.consentmesh.contracts.retention.DeletionCommanded;
import io.consentmesh.contracts.retention.DeletionReceipted;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes {@code retention.deletion-command.v1} in batches. Each command for a store this agent answers for is
 * carried out ({@code concurrency} at a time) and answered with a receipt on {@code retention.deletion-receipt.v1},
 * keyed like the command; the batch's offsets are committed only after every receipt is on the broker. So an agent
 * killed mid-batch reads the batch again: the deletions are idempotent (an item already deleted is ALREADY_GONE) and
 * retention-service applies one receipt per command — nothing lost, nothing done twice. Commands for other stores
 * are left to their agents; a command that cannot be read goes to {@code retention.dead-letter.v1} with its reason.
 */
@ApplicationScoped
public class CommandConsumer {

    private static final Logger LOG = Logger.getLogger(CommandConsumer.class);
    private static final URI SOURCE = URI.create("/deletion-agent");

    private final AgentConfig config;
    private final Map<String, Store> stores = new HashMap<>();
    private final MutinyEmitter<String> receipts;
    private final MutinyEmitter<String> deadLetters;
    private final MeterRegistry meters;
    private final ExecutorService workers;

    CommandConsumer(
            AgentConfig config,
            MeterRegistry meters,
            @Channel("receipts") MutinyEmitter<String> receipts,
            @Channel("dead-letters") MutinyEmitter<String> deadLetters) {
        this.config = config;
        this.meters = meters;
        this.receipts = receipts;
        this.deadLetters = deadLetters;
        // blocking store clients (the S3 SDK) run here, never on the event loop: as many as run at once
        this.workers = Executors.newFixedThreadPool(config.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "agent-store-call");
            thread.setDaemon(true);
            return thread;
        });
        this.stores.putAll(Stores.of(config, workers));
    }

    @PreDestroy
    void stopWorkers() {
        workers.shutdownNow();
    }

    @Incoming("commands")
    public Uni<Void> onBatch(KafkaRecordBatch<String, String> batch) {
        List<EventEnvelope<DeletionCommanded>> mine = new ArrayList<>();
        List<Uni<Void>> poison = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch) {
            try {
                EventEnvelope<DeletionCommanded> command =
                        EventCodec.decode(record.getPayload(), DeletionCommanded.class);
                if (stores.containsKey(command.data().store())) {
                    mine.add(command);
                }
            } catch (MalformedEventException malformed) {
                poison.add(deadLetter(record, malformed));
            }
        }
        Uni<Void> deadLettered = poison.isEmpty()
                ? Uni.createFrom().voidItem()
                : Uni.join().all(poison).andFailFast().replaceWithVoid();
        return deadLettered
                .chain(() -> Multi.createFrom()
                        .iterable(mine)
                        .onItem()
                        .transformToUni(this::carryOut)
                        .merge(config.concurrency())
                        .collect()
                        .asList())
                .replaceWithVoid()
                // a receipt the broker did not take: the whole batch again, later (its deletions are idempotent)
                .onFailure()
                .retry()
                .withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30))
                .indefinitely()
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    private Uni<Void> carryOut(EventEnvelope<DeletionCommanded> command) {
        DeletionCommanded data = command.data();
        Store store = stores.get(data.store());
        Uni<StoreAnswer> answer = Uni.createFrom()
                .completionStage(
                        () -> data.action() == DeletionAction.QUARANTINE ? store.quarantine(data) : store.delete(data));
        return answer.chain(said -> {
            meters.counter(
                            "mesh.agent.commands",
                            "store",
                            data.store(),
                            "outcome",
                            said.outcome().name())
                    .increment();
            DeletionReceipted receipt = new DeletionReceipted(
                    data.commandId(),
                    data.itemId(),
                    data.store(),
                    data.action(),
                    said.outcome(),
                    said.detail(),
                    said.retryAfterSeconds(),
                    config.name(),
                    Instant.now());
            EventEnvelope<DeletionReceipted> event = EventEnvelope.of(
                    EventIds.of("deletion-agent", config.name(), data.commandId()),
                    SOURCE,
                    command.tenantId(),
                    command.subjectId(),
                    receipt.completedAt(),
                    receipt);
            return receipts.sendMessage(Message.of(EventCodec.encode(event))
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                            .withKey(data.key())
                            .build()));
        });
    }

    /** The poison record, as the connector's dead-letter strategy would send it (same key and reason headers). */
    private Uni<Void> deadLetter(KafkaRecord<String, String> record, MalformedEventException reason) {
        LOG.warnf("a deletion command that cannot be read was dead-lettered: %s", reason.getMessage());
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", String.valueOf(reason.getMessage()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.getTopic().getBytes(StandardCharsets.UTF_8));
        record.getMetadata(IncomingKafkaRecordMetadata.class)
                .ifPresent(incoming -> headers.add(
                        "dead-letter-offset",
                        Long.toString(incoming.getOffset()).getBytes(StandardCharsets.UTF_8)));
        return deadLetters.sendMessage(Message.of(record.getPayload())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(record.getKey())
                        .withHeaders(headers)
                        .build()));
    }
}
