package io.consentmesh.dsar.bundle;

import io.consentmesh.contracts.dsar.FileExportCommanded;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.runtime.outbox.OutboxPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes the file exports {@link FileExports} planned to {@code dsar.file-export.v1}, keyed by store and item. The
 * event id derives from the export id, so a command sent again after a failed batch has one effect.
 */
@Singleton
public class FileExportPublisher extends OutboxPublisher {

    private static final URI SOURCE = URI.create("/dsar-service/bundles");

    private final MutinyEmitter<String> exports;
    private final BundleConfig config;

    FileExportPublisher(
            Pool database,
            @Channel("file-exports") MutinyEmitter<String> exports,
            BundleConfig config,
            Vertx vertx,
            MeterRegistry metrics) {
        super(
                database,
                vertx,
                metrics,
                new Outbox(
                        "DSAR file export outbox",
                        "SELECT o.seq, e.export_id, e.request_id, e.item_id, e.category, e.store, e.address, e.target,"
                                + " e.commanded_at, r.tenant_id, r.subject_id FROM dsar_file_export_outbox o"
                                + " JOIN dsar_file_export e ON e.export_id = o.export_id"
                                + " JOIN dsar_request r ON r.id = e.request_id",
                        "dsar_file_export_outbox",
                        100,
                        Duration.ofMillis(500),
                        "mesh.dsar.file-exports.commanded",
                        "File exports commanded from the deletion agents on dsar.file-export.v1"));
        this.exports = exports;
        this.config = config;
    }

    @Override
    protected Uni<Void> send(Row row) {
        String exportId = row.getUUID("export_id").toString();
        FileExportCommanded command = new FileExportCommanded(
                exportId,
                row.getUUID("request_id").toString(),
                row.getString("item_id"),
                row.getString("category"),
                row.getString("store"),
                row.getString("address"),
                row.getString("target"),
                config.maxFileBytes(),
                row.getOffsetDateTime("commanded_at").toInstant());
        EventEnvelope<FileExportCommanded> event = EventEnvelope.of(
                EventIds.of("dsar-service", "file-export", exportId),
                SOURCE,
                new TenantId(row.getString("tenant_id")),
                new SubjectId(row.getString("subject_id").trim()),
                command.issuedAt(),
                command);
        return publish(exports, event, command.key());
    }
}
