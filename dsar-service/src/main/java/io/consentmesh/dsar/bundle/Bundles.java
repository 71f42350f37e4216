package io.consentmesh.dsar.bundle;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.dsar.answers.AnswerLetters;
import io.consentmesh.dsar.record.DsarRecord;
import io.consentmesh.dsar.requests.DsarRequestView;
import io.consentmesh.dsar.requests.DsarRequests;
import io.consentmesh.privacy.seal.PersonalData;
import io.consentmesh.runtime.chain.CheckpointKey;
import io.consentmesh.runtime.chain.SubjectRef;
import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.runtime.timing.PeriodicRun;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.qute.Engine;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The person's copy for an access or portability request. Once every service has answered (and every page of records
 * they sent is in), the copy is assembled: personal values opened with the person's keys ({@link OpenedRecords}), the
 * files written ({@link BundleFiles}, the stored files read by {@link StoredFiles}), a manifest of their hashes signed
 * with Ed25519, all zipped, and the ZIP sealed under the person's data key (erasing the person makes it unreadable)
 * and stored. Its content is deleted on retention-service's command ({@link BundleDeletions}) or, as a backstop, after
 * {@code mesh.dsar.bundle.keep-for}; links to it are {@link BundleLinks}'. Keys are read and made before any
 * transaction, never inside one (a transaction holding a connection while the key store waits for another deadlocks
 * the pool under load).
 */
@ApplicationScoped
public class Bundles {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Bundles.class);
    /** The field the ZIP is sealed under (bound into its ciphertext). */
    static final String FIELD = "dsar-bundle";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    /** What a bundle is, for privacy-ops and auditors (never its content). */
    public record BundleView(
            UUID id,
            UUID requestId,
            long bytes,
            Instant createdAt,
            Instant expiresAt,
            Instant deletedAt,
            Manifest manifest,
            String signature) {}

    private final Pool database;
    private final DsarRequests requests;
    private final AnswerLetters letters;
    private final PersonalData personalData;
    private final DsarRecord record;
    private final Engine templates;
    private final StoredFiles storedFiles;
    private final FileExports fileExports;
    private final BundleConfig config;
    private final CheckpointKey key;
    private final PeriodicRun assemble;
    private final Timer assembly;

    Bundles(
            Pool database,
            DsarRequests requests,
            AnswerLetters letters,
            PersonalData personalData,
            DsarRecord record,
            Engine templates,
            StoredFiles storedFiles,
            FileExports fileExports,
            BundleConfig config,
            Vertx vertx,
            MeterRegistry metrics) {
        this.database = database;
        this.requests = requests;
        this.letters = letters;
        this.personalData = personalData;
        this.record = record;
        this.templates = templates;
        this.storedFiles = storedFiles;
        this.fileExports = fileExports;
        this.config = config;
        this.key = CheckpointKey.fromSeed(config.signingKey());
        this.assemble = new PeriodicRun(
                vertx, "assembling DSAR bundles and deleting expired ones", config.checkEvery(), () -> assembleReady()
                        .chain(this::deleteExpired));
        this.assembly = Timer.builder("mesh.dsar.bundle.assembly")
                .description("Time to assemble, sign and seal a person's copy")
                .register(metrics);
    }

    void start(@Observes StartupEvent started) {
        assemble.start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        assemble.stop();
    }

    /** Look for requests ready for their copy now (an answer just completed one). */
    public void wake() {
        assemble.wake();
    }

    public CheckpointKey key() {
        return key;
    }

    /** Every access or portability request whose answers (and their records) are all in and that has no copy yet. */
    Uni<Void> assembleReady() {
        return database.preparedQuery(
                        """
                        SELECT r.id, r.tenant_id FROM dsar_request r
                        WHERE r.status = 'RESULTS_COMPLETE' AND r.request_type IN ('ACCESS', 'PORTABILITY')
                          AND NOT EXISTS (SELECT 1 FROM dsar_bundle b WHERE b.request_id = r.id)
                          AND (SELECT coalesce(sum(t.record_pages), 0) FROM dsar_task_result t
                               WHERE t.request_id = r.id)
                              = (SELECT count(*) FROM dsar_held_record h WHERE h.request_id = r.id)
                        ORDER BY r.received_at LIMIT 20""")
                .execute()
                .chain(rows -> {
                    Uni<Void> all = Uni.createFrom().voidItem();
                    for (Row row : rows) {
                        UUID id = row.getUUID("id");
                        String tenant = row.getString("tenant_id");
                        all = all.chain(() -> assemble(tenant, id)
                                .onFailure()
                                .invoke(failure -> LOG.errorf(failure, "assembling the copy of request %s failed", id))
                                .onFailure()
                                .recoverWithNull()
                                .replaceWithVoid());
                    }
                    return all;
                });
    }

    /** Copies whose time is up: their content deleted (the manifest stays, as proof of what was given), on the record. */
    Uni<Void> deleteExpired() {
        return delete("expires_at <= now()", Tuple.tuple(), "its keeping period ended")
                .replaceWithVoid();
    }

    /**
     * One copy deleted on retention-service's command (the copy is a DSAR_EXPORT item of store dsar-service).
     *
     * @return whether it was deleted now (false: deleted before, or no such copy of this tenant)
     */
    public Uni<Boolean> delete(String tenant, UUID bundleId, String why) {
        return delete("tenant_id = $1 AND id = $2", Tuple.of(tenant, bundleId), why)
                .map(deleted -> deleted > 0);
    }

    /** Deletes the content of the undeleted copies {@code where} says, each with a BUNDLE_DELETED step. */
    private Uni<Integer> delete(String where, Tuple arguments, String why) {
        return database.withTransaction(tx -> tx.preparedQuery(
                                """
                                UPDATE dsar_bundle SET content = NULL, deleted_at = now()
                                WHERE id IN (SELECT id FROM dsar_bundle WHERE deleted_at IS NULL AND %s
                                             ORDER BY expires_at LIMIT 100 FOR UPDATE SKIP LOCKED)
                                RETURNING id, request_id, tenant_id, subject_id"""
                                        .formatted(where))
                        .execute(arguments)
                        .chain(rows -> {
                            Uni<Void> all = Uni.createFrom().voidItem();
                            for (Row row : rows) {
                                all = all.chain(() -> record.append(
                                        tx,
                                        row.getString("tenant_id"),
                                        row.getString("subject_id").trim(),
                                        row.getUUID("request_id"),
                                        DsarRecord.Kind.BUNDLE_DELETED,
                                        row.getUUID("id").toString(),
                                        DsarRecord.detail(
                                                "bundleId", row.getUUID("id").toString(), "why", why)));
                            }
                            return all.replaceWith(rows.rowCount());
                        }))
                .invoke(deleted -> {
                    if (deleted > 0) {
                        record.published();
                    }
                });
    }

    /**
     * Assembles, signs, seals and stores one request's copy once the files only the deletion agents can read are in
     * (a second assembly of the same request keeps the first).
     *
     * @return whether a copy was stored now (false: still waiting for the agents, or assembled before)
     */
    Uni<Boolean> assemble(String tenant, UUID requestId) {
        long started = System.nanoTime();
        return requests.get(tenant, requestId).chain(request -> held(requestId).chain(held -> fileExports
                .settled(tenant, requestId, storedItems(held))
                .chain(exports -> exports == null
                        ? Uni.createFrom().item(false)
                        : assemble(request, held, exports).invoke(stored -> {
                            assembly.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
                            record.published();
                        }))));
    }

    private Uni<Boolean> assemble(
            DsarRequestView request, List<BundleFiles.Held> held, Map<String, FileExports.Export> exports) {
        String tenant = request.tenantId();
        UUID requestId = request.id();
        return personalData
                .opener(OpenedRecords.values(held))
                .map(opener -> {
                    List<BundleFiles.Held> open = new ArrayList<>();
                    for (BundleFiles.Held category : held) {
                        open.add(new BundleFiles.Held(
                                category.service(),
                                category.category(),
                                category.records().stream()
                                        .map(r -> OpenedRecords.open(r, opener))
                                        .toList()));
                    }
                    return open;
                })
                .chain(open -> storedFiles.of(storedItems(held), exports).map(stored -> Map.entry(open, stored)))
                .chain(opened -> {
                    List<BundleFiles.Held> open = opened.getKey();
                    StoredFiles.Listing stored = opened.getValue();
                    Instant now = Instant.now();
                    UUID bundleId = UUID.randomUUID();
                    Instant expiresAt = now.plus(config.keepFor());
                    Map<String, byte[]> files = BundleFiles.of(
                            request,
                            readme(request, now, expiresAt),
                            letters.render(request, null).text(),
                            open,
                            stored);
                    Manifest manifest = new Manifest(
                            Manifest.FORMAT,
                            bundleId.toString(),
                            requestId.toString(),
                            tenant,
                            request.type(),
                            now,
                            new Manifest.Signer(CheckpointKey.ALGORITHM, key.keyId(), key.publicKeyBase64()),
                            Manifest.filesOf(files));
                    byte[] manifestBytes = manifest.bytes();
                    String signature = key.sign(manifestBytes);
                    byte[] zip = BundleZip.write(files, manifestBytes, signature);
                    SubjectRef person = new SubjectRef(tenant, request.subjectId());
                    return personalData
                            .sealer(List.of(person))
                            .chain(sealer -> store(
                                    request,
                                    bundleId,
                                    sealer.sealBytes(person, FIELD, zip),
                                    zip.length,
                                    manifestBytes,
                                    signature,
                                    now,
                                    expiresAt,
                                    files.size()))
                            // the agents' copies are in the sealed copy now: not kept beside it in clear
                            .call(() -> storedFiles.discardStaged(stored));
                });
    }

    private Uni<Boolean> store(
            DsarRequestView request,
            UUID bundleId,
            byte[] sealed,
            long bytes,
            byte[] manifest,
            String signature,
            Instant now,
            Instant expiresAt,
            int files) {
        return database.withTransaction(tx -> tx.preparedQuery(
                        """
                                INSERT INTO dsar_bundle (id, request_id, tenant_id, subject_id, content, bytes, manifest,
                                                         signature, key_id, created_at, expires_at)
                                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                                ON CONFLICT (request_id) DO NOTHING RETURNING id""")
                .execute(Tuple.from(new Object[] {
                    bundleId,
                    request.id(),
                    request.tenantId(),
                    request.subjectId(),
                    io.vertx.core.buffer.Buffer.buffer(sealed),
                    bytes,
                    new String(manifest, StandardCharsets.UTF_8),
                    signature,
                    key.keyId(),
                    utc(now),
                    utc(expiresAt)
                }))
                .chain(inserted -> !inserted.iterator().hasNext()
                        ? Uni.createFrom().item(false)
                        : record.append(
                                        tx,
                                        request.tenantId(),
                                        request.subjectId(),
                                        request.id(),
                                        DsarRecord.Kind.BUNDLE_READY,
                                        bundleId.toString(),
                                        DsarRecord.detail(
                                                "bundleId", bundleId.toString(),
                                                "files", files,
                                                "bytes", bytes,
                                                "manifestSha256", Manifest.sha256(manifest),
                                                "keyId", key.keyId(),
                                                "expiresAt", expiresAt.toString()))
                                .replaceWith(true)));
    }

    /** The pages each service sent, joined per service and category, in the order they were sent. */
    private Uni<List<BundleFiles.Held>> held(UUID requestId) {
        return database.preparedQuery("SELECT responding_service, category, records FROM dsar_held_record"
                        + " WHERE request_id = $1 ORDER BY responding_service, category, page")
                .execute(Tuple.of(requestId))
                .map(rows -> {
                    Map<String, BundleFiles.Held> held = new LinkedHashMap<>();
                    for (Row row : rows) {
                        String service = row.getString("responding_service");
                        String category = row.getString("category");
                        BundleFiles.Held into = held.computeIfAbsent(
                                service + "/" + category,
                                ignored -> new BundleFiles.Held(service, category, new ArrayList<>()));
                        into.records().addAll(recordsOf(row.getValue("records").toString()));
                    }
                    return List.copyOf(held.values());
                });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> recordsOf(String json) {
        try {
            return EventCodec.mapper().readValue(json, List.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored pages are JSON arrays", e);
        }
    }

    /** retention-service's list of the person's stored items: the files that may go into the copy. */
    private static List<Map<String, Object>> storedItems(List<BundleFiles.Held> held) {
        return held.stream()
                .filter(category -> category.service().equals("retention-service")
                        && category.category().equals("stored-items"))
                .flatMap(category -> category.records().stream())
                .toList();
    }

    private String readme(DsarRequestView request, Instant now, Instant expiresAt) {
        String language = request.language() == null ? "en" : request.language();
        return templates
                .getTemplate("bundle/readme." + language + ".txt")
                .data("requestId", request.id().toString())
                .data("typeName", AnswerLetters.typeName(language, request.type()))
                .data("generatedOn", DAY.format(now))
                .data("expiresOn", DAY.format(expiresAt))
                .data("keyId", key.keyId())
                .data("erasedExample", "{\"erased\": true}")
                .render();
    }

    /** The request's copy, as privacy-ops and auditors see it (its manifest and signature, never its content). */
    public Uni<BundleView> of(String tenant, UUID requestId) {
        return requests.get(tenant, requestId) // 404 for another tenant's request
                .chain(request -> database.preparedQuery(
                                "SELECT id, bytes, manifest, signature, created_at, expires_at, deleted_at"
                                        + " FROM dsar_bundle WHERE request_id = $1")
                        .execute(Tuple.of(requestId))
                        .map(rows -> {
                            if (!rows.iterator().hasNext()) {
                                throw noBundleYet(request);
                            }
                            Row row = rows.iterator().next();
                            try {
                                return new BundleView(
                                        row.getUUID("id"),
                                        requestId,
                                        row.getLong("bytes"),
                                        row.getOffsetDateTime("created_at").toInstant(),
                                        row.getOffsetDateTime("expires_at").toInstant(),
                                        row.getOffsetDateTime("deleted_at") == null
                                                ? null
                                                : row.getOffsetDateTime("deleted_at")
                                                        .toInstant(),
                                        Manifest.parse(row.getString("manifest").getBytes(StandardCharsets.UTF_8)),
                                        row.getString("signature"));
                            } catch (java.io.IOException e) {
                                throw new IllegalStateException("a stored manifest is JSON", e);
                            }
                        }));
    }

    private static ProblemException noBundleYet(DsarRequestView request) {
        if (!List.of("ACCESS", "PORTABILITY").contains(request.type())) {
            return new ProblemException(Problem.of(
                    409,
                    "no-copy-for-this-right",
                    "No copy for this right",
                    "only access and portability requests are answered with a copy of the person's data"));
        }
        return new ProblemException(Problem.of(
                409,
                "copy-not-ready",
                "The copy is not ready",
                "the copy is assembled once every service has answered; the request is " + request.status()));
    }
}
