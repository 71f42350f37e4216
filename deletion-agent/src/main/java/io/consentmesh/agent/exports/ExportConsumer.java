package io.consentmesh.agent.exports;

import io.consentmesh.agent.config.AgentConfig;
import io.consentmesh.agent.stores.FetchedFile;
import io.consentmesh.agent.stores.FileSource;
import io.consentmesh.agent.stores.StoreClients;
import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.dsar.FileExportCommanded;
import io.consentmesh.contracts.dsar.FileExportOutcome;
import io.consentmesh.contracts.dsar.FileExported;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.MalformedEventException;
import io.consentmesh.messaging.consumer.DeadLetters;
import io.consentmesh.messaging.deletion.Store;
import io.consentmesh.storage.S3Objects;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes {@code dsar.file-export.v1} in batches: each command for one of this agent's stores is carried out — the
 * file fetched through the store's adapter into a temporary file, written to dsar-service's staging bucket, its size
 * and SHA-256 answered on {@code dsar.task-result.v1} — before the batch's offsets are committed. A store that is busy
 * or unreachable is tried again a few times (its Retry-After honoured, up to {@link #LONGEST_WAIT}) before FAILED is
 * answered. Killed mid-batch, the batch is read again: the same target is written again with the same content, and
 * dsar-service applies one answer per export. Unreadable commands go to {@code dsar.dead-letter.v1}.
 */
@ApplicationScoped
public class ExportConsumer {

    private static final Logger LOG = Logger.getLogger(ExportConsumer.class);
    private static final URI SOURCE = URI.create("/deletion-agent/exports");
    private static final int ATTEMPTS = 3;
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    private final AgentConfig config;
    private final Map<String, Store> stores;
    private final StoreClients clients;
    private final StagingBucket staging;
    private final MutinyEmitter<String> answers;
    private final DeadLetters deadLetters;
    private final MeterRegistry meters;

    ExportConsumer(
            AgentConfig config,
            StoreClients clients,
            MeterRegistry meters,
            @Channel("export-answers") MutinyEmitter<String> answers,
            @Channel("export-dead-letters") MutinyEmitter<String> deadLetters) {
        this.config = config;
        this.clients = clients;
        this.stores = clients.all();
        this.staging = config.exports()
                .map(target -> new StagingBucket(target, config.requestTimeout()))
                .orElse(null);
        this.answers = answers;
        this.deadLetters = new DeadLetters(deadLetters, Topics.DSAR_FILE_EXPORT);
        this.meters = meters;
    }

    @PreDestroy
    void close() {
        if (staging != null) {
            staging.close();
        }
    }

    @Incoming("exports")
    public Uni<Void> onBatch(KafkaRecordBatch<String, String> batch) {
        List<EventEnvelope<FileExportCommanded>> mine = new ArrayList<>();
        List<Uni<Void>> poison = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch) {
            try {
                EventEnvelope<FileExportCommanded> command =
                        EventCodec.decode(record.getPayload(), FileExportCommanded.class);
                if (stores.containsKey(command.data().store())) {
                    mine.add(command);
                }
            } catch (MalformedEventException malformed) {
                LOG.warnf("a file export command that cannot be read was dead-lettered: %s", malformed.getMessage());
                poison.add(deadLetters.send(record, malformed));
            }
        }
        return Uni.join()
                .all(poison.isEmpty() ? List.of(Uni.createFrom().voidItem()) : poison)
                .andFailFast()
                .chain(() -> Multi.createFrom()
                        .iterable(mine)
                        .onItem()
                        .transformToUni(command -> export(command.data()).chain(answer -> send(command, answer)))
                        .merge(config.exportConcurrency())
                        .collect()
                        .asList())
                .replaceWithVoid()
                // an answer the broker did not take, or a local failure: the whole batch again, later
                .onFailure()
                .invoke(failure -> LOG.warnf("a batch of file exports failed, will retry: %s", failure))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30))
                .indefinitely()
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    private Uni<FileExported> export(FileExportCommanded command) {
        S3Objects.Address target = S3Objects.Address.parse(command.target());
        String refused = staging == null
                ? "this agent has no export bucket configured (mesh.agent.exports)"
                : staging.refusal(target);
        if (refused != null) {
            return Uni.createFrom().item(answer(command, FetchedFile.failed(refused, null), null, null));
        }
        if (!(stores.get(command.store()) instanceof FileSource source)) {
            return Uni.createFrom()
                    .item(answer(
                            command,
                            FetchedFile.not(FileExportOutcome.NOT_A_FILE, command.store() + " holds no files"),
                            null,
                            null));
        }
        return Uni.createFrom()
                .item(() -> temporaryFile())
                .runSubscriptionOn(clients.workers())
                .chain(file -> fetch(source, command, file, 1)
                        .chain(fetched -> fetched.outcome() != FileExportOutcome.EXPORTED
                                ? Uni.createFrom().item(answer(command, fetched, null, null))
                                : Uni.createFrom()
                                        .item(() -> stage(command, target, fetched))
                                        .runSubscriptionOn(clients.workers()))
                        .eventually(() -> delete(file)));
    }

    /** Fetches, trying a busy or unreachable store again after its Retry-After. */
    private Uni<FetchedFile> fetch(FileSource source, FileExportCommanded command, Path file, int attempt) {
        return Uni.createFrom()
                .completionStage(() -> source.fetch(command.address(), command.maxBytes(), file))
                .chain(fetched -> {
                    if (!fetched.transientFailure() || attempt >= ATTEMPTS) {
                        return Uni.createFrom().item(fetched);
                    }
                    Duration wait = Duration.ofSeconds(fetched.retryAfterSeconds());
                    return Uni.createFrom()
                            .voidItem()
                            .onItem()
                            .delayIt()
                            .by(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait)
                            .chain(() -> fetch(source, command, file, attempt + 1));
                });
    }

    /** Hashes the fetched file and writes it to the staging bucket. Blocks. */
    private FileExported stage(FileExportCommanded command, S3Objects.Address target, FetchedFile fetched) {
        String sha256;
        try (InputStream in = new DigestInputStream(Files.newInputStream(fetched.file()), sha256())) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            sha256 = HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            staging.put(target, fetched.file(), fetched.contentType());
            return answer(command, fetched, sha256, Files.size(fetched.file()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException unwritable) {
            LOG.warnf("writing an export to the staging bucket failed: %s", unwritable.toString());
            return answer(command, FetchedFile.failed("the export bucket could not be written", null), null, null);
        }
    }

    private FileExported answer(FileExportCommanded command, FetchedFile fetched, String sha256, Long bytes) {
        boolean exported = fetched.outcome() == FileExportOutcome.EXPORTED;
        return new FileExported(
                command.exportId(),
                command.requestId(),
                command.itemId(),
                command.store(),
                fetched.outcome(),
                exported ? command.target() : null,
                bytes,
                sha256,
                fetched.contentType(),
                fetched.detail(),
                config.name(),
                Instant.now());
    }

    private Uni<Void> send(EventEnvelope<FileExportCommanded> command, FileExported answer) {
        meters.counter(
                        "mesh.agent.exports",
                        "store",
                        answer.store(),
                        "outcome",
                        answer.outcome().name())
                .increment();
        EventEnvelope<FileExported> event = EventEnvelope.of(
                EventIds.of("deletion-agent", config.name(), "export", answer.exportId()),
                SOURCE,
                command.tenantId(),
                command.subjectId(),
                answer.completedAt(),
                answer);
        return answers.sendMessage(Message.of(EventCodec.encode(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(command.data().key())
                        .build()));
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("a temporary export file could not be deleted: %s", e.toString());
        }
    }

    private static Path temporaryFile() {
        try {
            return Files.createTempFile("export-", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }
}
