package io.consentmesh.messaging.deletion;

import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.MalformedEventException;
import io.consentmesh.contracts.retention.DeletionAction;
import io.consentmesh.contracts.retention.DeletionCommanded;
import io.consentmesh.contracts.retention.DeletionReceipted;
import io.consentmesh.messaging.consumer.DeadLetters;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The store side of the retention contract, for whoever answers for stores: the deletion agent, and the services that
 * hold stored items themselves. A batch of {@code retention.deletion-command.v1} is read; each command for one of
 * {@code stores} is carried out ({@code concurrency} at a time) and answered with a receipt on
 * {@code retention.deletion-receipt.v1}, keyed like the command; the batch completes only once every receipt is on the
 * broker, so its offsets are committed after them. Whoever is killed mid-batch reads the batch again: deletions are
 * idempotent (an item already deleted is ALREADY_GONE) and retention-service applies one receipt per command — nothing
 * lost, nothing done twice. Commands for other stores are left to their agents; a command that cannot be read is
 * dead-lettered with its reason. A store that fails (rather than answering FAILED) fails the batch, which is read
 * again after a back-off.
 */
public final class DeletionCommands {

    private static final Logger LOG = Logger.getLogger(DeletionCommands.class);

    private final String agent;
    private final URI source;
    private final Map<String, Store> stores;
    private final int concurrency;
    private final MutinyEmitter<String> receipts;
    private final DeadLetters deadLetters;
    private final MeterRegistry meters;

    /**
     * @param agent the name every receipt carries (which agent answered)
     * @param source the receipts' event source
     * @param stores the stores answered for, by the name retention-service gives them
     */
    public DeletionCommands(
            String agent,
            URI source,
            Map<String, Store> stores,
            int concurrency,
            MutinyEmitter<String> receipts,
            DeadLetters deadLetters,
            MeterRegistry meters) {
        this.agent = agent;
        this.source = source;
        this.stores = Map.copyOf(stores);
        this.concurrency = concurrency;
        this.receipts = receipts;
        this.deadLetters = deadLetters;
        this.meters = meters;
    }

    public Set<String> stores() {
        return stores.keySet();
    }

    /** Return from the {@code @Incoming} batch method: completes once the batch's receipts are all on the broker. */
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
                LOG.warnf("a deletion command that cannot be read was dead-lettered: %s", malformed.getMessage());
                poison.add(deadLetters.send(record, malformed));
            }
        }
        Uni<Void> deadLettered = poison.isEmpty()
                ? Uni.createFrom().voidItem()
                : Uni.join().all(poison).andFailFast().replaceWithVoid();
        return deadLettered
                // at most `concurrency` store calls at once; a receipt's wait for the broker holds no store slot
                .chain(() -> Multi.createFrom()
                        .iterable(mine)
                        .onItem()
                        .transformToUni(this::carryOut)
                        .merge(concurrency)
                        .onItem()
                        .transformToUniAndMerge(this::send)
                        .collect()
                        .asList())
                .replaceWithVoid()
                // a store that failed or a receipt the broker did not take: the whole batch again, later
                .onFailure()
                .invoke(failure -> LOG.warnf("a batch of deletion commands failed, will retry: %s", failure))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30))
                .indefinitely()
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    private record Answered(EventEnvelope<DeletionCommanded> command, StoreAnswer answer) {}

    private Uni<Answered> carryOut(EventEnvelope<DeletionCommanded> command) {
        DeletionCommanded data = command.data();
        Store store = stores.get(data.store());
        return Uni.createFrom()
                .completionStage(
                        () -> data.action() == DeletionAction.QUARANTINE ? store.quarantine(data) : store.delete(data))
                .map(answer -> new Answered(command, answer));
    }

    private Uni<Void> send(Answered answered) {
        DeletionCommanded data = answered.command().data();
        StoreAnswer said = answered.answer();
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
                agent,
                Instant.now());
        EventEnvelope<DeletionReceipted> event = EventEnvelope.of(
                EventIds.of("deletion-agent", agent, data.commandId()),
                source,
                answered.command().tenantId(),
                answered.command().subjectId(),
                receipt.completedAt(),
                receipt);
        return receipts.sendMessage(Message.of(EventCodec.encode(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(data.key())
                        .build()));
    }
}
