package io.consentmesh.consent.keywords;

import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.runtime.http.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** The review queue of doubtful free-text revocations: list them, confirm or dismiss each, once. */
@ApplicationScoped
public class RevocationReviews {

    /** A queued message and what became of it. */
    public record Review(
            String id,
            String tenantId,
            String subjectId,
            String body,
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

    private final Mutiny.SessionFactory sessions;
    private final FreeTextRevocations revocations;

    RevocationReviews(Mutiny.SessionFactory sessions, FreeTextRevocations revocations) {
        this.sessions = sessions;
        this.revocations = revocations;
    }

    public Uni<List<Review>> list(TenantId tenant, String status) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "SELECT " + COLUMNS + " FROM revocation_review WHERE tenant_id = :tenant"
                                        + " AND status = :status ORDER BY received_at LIMIT 1000",
                                Object[].class)
                        .setParameter("tenant", tenant.value())
                        .setParameter("status", status)
                        .getResultList())
                .map(rows -> rows.stream().map(RevocationReviews::review).toList());
    }

    /** The person meant it: a revocation from the moment they sent the message, enforced now. */
    public Uni<Review> confirm(UUID id, String reviewer) {
        return sessions.withTransaction(session -> pending(session, id).chain(review -> revocations
                .confirmed(
                        session,
                        new TenantId(review.tenantId()),
                        new SubjectId(review.subjectId()),
                        id,
                        review.body(),
                        review.tenantNumber(),
                        review.phrase(),
                        review.confidence(),
                        review.receivedAt(),
                        reviewer)
                .chain(evidence -> decide(
                        session,
                        id,
                        "CONFIRMED",
                        reviewer,
                        evidence.map(UUID::toString).orElse(null)))
                .chain(() -> read(session, id))));
    }

    /** The person did not mean it: recorded, nothing changes. */
    public Uni<Review> dismiss(UUID id, String reviewer) {
        return sessions.withTransaction(session -> pending(session, id)
                .chain(review -> decide(session, id, "DISMISSED", reviewer, null))
                .chain(() -> read(session, id)));
    }

    private Uni<Review> pending(Mutiny.Session session, UUID id) {
        return session.createNativeQuery(
                        "SELECT " + COLUMNS + " FROM revocation_review WHERE id = :id FOR UPDATE", Object[].class)
                .setParameter("id", id)
                .getResultList()
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw new ProblemException(Problem.of(
                                404, "review-not-found", "No such review", "no message is queued under this id"));
                    }
                    Review review = review(rows.get(0));
                    if (!review.status().equals("PENDING")) {
                        throw new ProblemException(Problem.of(
                                409, "review-decided", "Already decided", "this message was " + review.status()));
                    }
                    return review;
                });
    }

    private static Uni<Void> decide(Mutiny.Session session, UUID id, String status, String reviewer, String evidence) {
        return session.createNativeQuery("UPDATE revocation_review SET status = :status, decided_by = :reviewer,"
                        + " decided_at = now(), evidence_id = CAST(:evidence AS uuid) WHERE id = :id")
                .setParameter("status", status)
                .setParameter("reviewer", reviewer)
                .setParameter("evidence", evidence)
                .setParameter("id", id)
                .executeUpdate()
                .replaceWithVoid();
    }

    private static Uni<Review> read(Mutiny.Session session, UUID id) {
        return session.createNativeQuery("SELECT " + COLUMNS + " FROM revocation_review WHERE id = :id", Object[].class)
                .setParameter("id", id)
                .getSingleResult()
                .map(RevocationReviews::review);
    }

    private static Review review(Object[] row) {
        return new Review(
                row[0].toString(),
                (String) row[1],
                ((String) row[2]).trim(),
                (String) row[3],
                (String) row[4],
                ((BigDecimal) row[5]).doubleValue(),
                (String) row[6],
                instant(row[7]),
                (String) row[8],
                (String) row[9],
                instant(row[10]),
                row[11] == null ? null : row[11].toString());
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.time.LocalDateTime local) {
            return local.toInstant(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return (Instant) value;
    }
}
