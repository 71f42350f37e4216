package io.consentmesh.dsar.bundle;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.contracts.http.Problem;
import io.consentmesh.dsar.record.DsarRecord;
import io.consentmesh.privacy.seal.PersonalData;
import io.consentmesh.runtime.chain.SubjectRef;
import io.consentmesh.runtime.http.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The way to a person's copy: download links issued by privacy-ops, each a 256-bit token in its URL that is kept only
 * as its SHA-256, expiring ({@code mesh.dsar.bundle.link-valid-for}, never after the copy) and serving a bounded number
 * of downloads; and the download itself, counted and recorded, the ZIP opened with the person's key — refused once the
 * person is erased, as the key store (not this process's key cache) says.
 */
@ApplicationScoped
public class BundleLinks {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A link as given to privacy-ops, once: the URL holds the token. */
    public record Link(String url, Instant expiresAt, int maxDownloads) {}

    /** A download: the file's name and content. */
    public record Download(String fileName, byte[] zip) {}

    private final Pool database;
    private final Bundles bundles;
    private final PersonalData personalData;
    private final DsarRecord record;
    private final BundleConfig config;

    BundleLinks(Pool database, Bundles bundles, PersonalData personalData, DsarRecord record, BundleConfig config) {
        this.database = database;
        this.bundles = bundles;
        this.personalData = personalData;
        this.record = record;
        this.config = config;
    }

    /** A new link to the request's copy (the token is in the URL only: it is kept as its hash). */
    public Uni<Link> link(String tenant, UUID requestId, String by) {
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        String tokenText = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        Instant now = Instant.now();
        return bundles.of(tenant, requestId).chain(bundle -> {
            if (bundle.deletedAt() != null) {
                throw gone("bundle-deleted", "the copy was deleted at " + bundle.deletedAt());
            }
            Instant expiresAt = now.plus(config.linkValidFor()).isBefore(bundle.expiresAt())
                    ? now.plus(config.linkValidFor())
                    : bundle.expiresAt();
            return database.withTransaction(tx -> tx.preparedQuery(
                                    "INSERT INTO dsar_bundle_link (token_hash, bundle_id, created_by, created_at,"
                                            + " expires_at, max_downloads) VALUES ($1, $2, $3, $4, $5, $6)")
                            .execute(Tuple.from(new Object[] {
                                hash(tokenText), bundle.id(), by, utc(now), utc(expiresAt), config.downloadsPerLink()
                            }))
                            .chain(() -> subjectOf(tx, requestId))
                            .chain(subject -> record.append(
                                    tx,
                                    tenant,
                                    subject,
                                    requestId,
                                    DsarRecord.Kind.BUNDLE_LINK_ISSUED,
                                    hash(tokenText).substring(0, 16),
                                    DsarRecord.detail(
                                            "by", by,
                                            "expiresAt", expiresAt.toString(),
                                            "maxDownloads", config.downloadsPerLink()))))
                    .invoke(record::published)
                    .replaceWith(new Link(
                            config.publicBaseUrl().replaceAll("/+$", "") + "/v1/dsar/bundles/" + tokenText,
                            expiresAt,
                            config.downloadsPerLink()));
        });
    }

    private static Uni<String> subjectOf(io.vertx.mutiny.sqlclient.SqlConnection tx, UUID requestId) {
        return tx.preparedQuery("SELECT subject_id FROM dsar_request WHERE id = $1")
                .execute(Tuple.of(requestId))
                .map(rows -> rows.iterator().next().getString("subject_id").trim());
    }

    /**
     * The copy behind a link: counted against the link's downloads, recorded, then opened with the person's key.
     *
     * @throws ProblemException 404 for a token no link has; 410 for an expired or used-up link, a deleted copy, or one
     *     whose person was erased since
     */
    public Uni<Download> download(String token) {
        if (token == null || token.length() > 100) {
            return Uni.createFrom().failure(unknownLink());
        }
        String tokenHash = hash(token);
        return database.withTransaction(tx -> tx.preparedQuery(
                                """
                                SELECT l.expires_at, l.downloads, l.max_downloads, b.id, b.request_id, b.tenant_id,
                                       b.subject_id, b.deleted_at
                                FROM dsar_bundle_link l JOIN dsar_bundle b ON b.id = l.bundle_id
                                WHERE l.token_hash = $1 FOR UPDATE OF l""")
                        .execute(Tuple.of(tokenHash))
                        .chain(rows -> {
                            if (!rows.iterator().hasNext()) {
                                throw unknownLink();
                            }
                            Row link = rows.iterator().next();
                            if (link.getOffsetDateTime("deleted_at") != null) {
                                throw gone("bundle-deleted", "the copy was deleted when its retention ended");
                            }
                            if (!link.getOffsetDateTime("expires_at")
                                    .toInstant()
                                    .isAfter(Instant.now())) {
                                throw gone(
                                        "link-expired",
                                        "this link expired at "
                                                + link.getOffsetDateTime("expires_at")
                                                        .toInstant()
                                                + "; ask for a new one");
                            }
                            if (link.getInteger("downloads") >= link.getInteger("max_downloads")) {
                                throw gone(
                                        "link-used-up",
                                        "this link served its " + link.getInteger("max_downloads")
                                                + " downloads; ask for a new one");
                            }
                            UUID requestId = link.getUUID("request_id");
                            return tx.preparedQuery(
                                            "UPDATE dsar_bundle_link SET downloads = downloads + 1 WHERE token_hash = $1")
                                    .execute(Tuple.of(tokenHash))
                                    .chain(() -> record.append(
                                            tx,
                                            link.getString("tenant_id"),
                                            link.getString("subject_id").trim(),
                                            requestId,
                                            DsarRecord.Kind.BUNDLE_DOWNLOADED,
                                            tokenHash.substring(0, 16) + "/" + (link.getInteger("downloads") + 1),
                                            DsarRecord.detail(
                                                    "download",
                                                    link.getInteger("downloads") + 1,
                                                    "of",
                                                    link.getInteger("max_downloads"))))
                                    .replaceWith(link.getUUID("id"));
                        }))
                .invoke(record::published)
                .chain(bundleId -> database.preparedQuery(
                                "SELECT request_id, tenant_id, subject_id, created_at, content FROM dsar_bundle"
                                        + " WHERE id = $1")
                        .execute(Tuple.of(bundleId)))
                .chain(rows -> {
                    Row bundle = rows.iterator().next();
                    SubjectRef person = new SubjectRef(
                            bundle.getString("tenant_id"),
                            bundle.getString("subject_id").trim());
                    Instant created = bundle.getOffsetDateTime("created_at").toInstant();
                    byte[] sealed = bundle.getBuffer("content").getBytes();
                    UUID requestId = bundle.getUUID("request_id");
                    // asked of the key store itself, not of this process's key cache: an erasure made by another
                    // service a moment ago must stop the download now
                    return personalData.keys().erasedAt(person).chain(erased -> {
                        if (erased.filter(at -> at.isAfter(created)).isPresent()) {
                            throw personErased();
                        }
                        return personalData.openerForBytes(sealed).map(opener -> opener.openBytes(Bundles.FIELD, sealed)
                                .map(zip -> new Download("consent-mesh-copy-" + requestId + ".zip", zip))
                                .orElseThrow(BundleLinks::personErased));
                    });
                });
    }

    private static ProblemException personErased() {
        return gone("person-erased", "the person's data was erased since: the copy is unreadable");
    }

    private static ProblemException unknownLink() {
        return new ProblemException(Problem.of(404, "not-found", "Not found", "no such download link"));
    }

    private static ProblemException gone(String type, String detail) {
        return new ProblemException(Problem.of(410, type, "Gone", detail));
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
