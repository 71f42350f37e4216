package io.consentmesh.consent.consents.keywords;

import static io.consentmesh.runtime.sql.Timestamps.instant;

import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.privacy.seal.PersonalData;
import io.consentmesh.runtime.http.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

/** The review queue of doubtful free-text revocations: list them, confirm or dismiss each, once. */
@ApplicationScoped
public class RevocationReviews {

    /**
     * A queued message and what became of it; {@code body} is the text (sealed as stored, opened in answers: the
     * text, or {@code {"erased": true}} once the person was erased).
     */
    public record Review(
            String id,
            String tenantId,
            String subjectId,
            Object body,
            String tenantNumber,
            double confidence,
            String phrase,
            Instant receivedAt,
            String status,
            String decidedBy,
            Instant decidedAt,
            String evidenceId) {}

    private static final String COLUMNS = "id, tenant_id, subject_id, body, tenant_number, confidence, phrase,"
            + " received_at, status, decided_by, decided_at, evidence_id";

    private final Pool database;
    private final FreeTextRevocations revocations;
    private final PersonalData personalData;

    RevocationReviews(Pool database, FreeTextRevocations revocations, PersonalData personalData) {
        this.database = database;
        this.revocations = revocations;
        this.personalData = personalData;
    }

    public Uni<List<Review>> list(TenantId tenant, String status) {
        return database.preparedQuery("SELECT " + COLUMNS + " FROM revocation_review WHERE tenant_id = $1"
                        + " AND status = $2 ORDER BY received_at LIMIT 1000")
                .execute(Tuple.of(tenant.value(), status))
                .map(rows -> {
                    List<Review> reviews = new ArrayList<>();
                    rows.forEach(row -> reviews.add(review(row)));
                    return reviews;
                })
                .chain(this::opened);
    }

    /** The reviews as privacy-ops reads them: each text opened with its person's key (or erased). */
    private Uni<List<Review>> opened(List<Review> reviews) {
        return personalData.opener(reviews.stream().map(Review::body).toList()).map(opener -> reviews.stream()
                .map(review -> new Review(
                        review.id(),
                        review.tenantId(),
                        review.subjectId(),
                        opener.open("body", review.body()).json(),
                        review.tenantNumber(),
                        review.confidence(),
                        review.phrase(),
                        review.receivedAt(),
                        review.status(),
                        review.decidedBy(),
                        review.decidedAt(),
                        review.evidenceId()))
                .toList());
    }

    private Uni<Review> opened(Review review) {
        return opened(List.of(review)).map(one -> one.get(0));
    }

    /** The person meant it: a revocation from the moment they sent the message, enforced now. */
    public Uni<Review> confirm(TenantId tenant, UUID id, String reviewer) {
        return database.withTransaction(
                        connection -> pending(connection, tenant, id).chain(review -> revocations
                                .confirmed(
                                        connection,
                                        new TenantId(review.tenantId()),
                                        new SubjectId(review.subjectId()),
                                        id,
                                        (String) review.body(),
                                        review.tenantNumber(),
                                        review.phrase(),
                                        review.confidence(),
                                        review.receivedAt(),
                                        reviewer)
                                .chain(evidence -> decide(connection, id, "CONFIRMED", reviewer, evidence.orElse(null)))
                                .chain(() -> read(connection, id))))
                .chain(this::opened);
    }

    /** The person did not mean it: recorded, nothing changes. */
    public Uni<Review> dismiss(TenantId tenant, UUID id, String reviewer) {
        return database.withTransaction(connection -> pending(connection, tenant, id)
                        .chain(review -> decide(connection, id, "DISMISSED", reviewer, null))
                        .chain(() -> read(connection, id)))
                .chain(this::opened);
    }

    /** Another tenant's review is "not found": its existence is not the caller's to learn. */
    private Uni<Review> pending(SqlConnection connection, TenantId tenant, UUID id) {
        return connection
                .preparedQuery(
                        "SELECT " + COLUMNS + " FROM revocation_review WHERE id = $1 AND tenant_id = $2 FOR UPDATE")
                .execute(Tuple.of(id, tenant.value()))
                .map(rows -> {
                    Iterator<Row> found = rows.iterator();
                    if (!found.hasNext()) {
                        throw new ProblemException(Problem.of(
                                404, "review-not-found", "No such review", "no message is queued under this id"));
                    }
                    Review review = review(found.next());
                    if (!review.status().equals("PENDING")) {
                        throw new ProblemException(Problem.of(
                                409, "review-decided", "Already decided", "this message was " + review.status()));
                    }
                    return review;
                });
    }

    private static Uni<Void> decide(SqlConnection connection, UUID id, String status, String reviewer, UUID evidence) {
        return connection
                .preparedQuery("UPDATE revocation_review SET status = $1, decided_by = $2, decided_at = now(),"
                        + " evidence_id = $3 WHERE id = $4")
                .execute(Tuple.of(status, reviewer, evidence, id))
                .replaceWithVoid();
    }

    private static Uni<Review> read(SqlConnection connection, UUID id) {
        return connection
                .preparedQuery("SELECT " + COLUMNS + " FROM revocation_review WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> review(rows.iterator().next()));
    }

    private static Review review(Row row) {
        UUID evidence = row.getUUID("evidence_id");
        return new Review(
                row.getUUID("id").toString(),
                row.getString("tenant_id"),
                row.getString("subject_id").trim(),
                row.getString("body"),
                row.getString("tenant_number"),
                row.getBigDecimal("confidence").doubleValue(),
                row.getString("phrase"),
                row.getOffsetDateTime("received_at").toInstant(),
                row.getString("status"),
                row.getString("decided_by"),
                instant(row.getOffsetDateTime("decided_at")),
                evidence == null ? null : evidence.toString());
    }
}
