package io.consentmesh.dsar.verification;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.contracts.http.Problem;
import io.consentmesh.privacy.seal.Sealer;
import io.consentmesh.runtime.chain.SubjectRef;
import io.consentmesh.runtime.http.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.UUID;

/**
 * The one-time codes of requests awaiting verification: issued with their text (sealed into the outbox that
 * {@link VerificationSmsPublisher} publishes), re-issued within the limits, and checked — a wrong code counted, an
 * expired one refused. Every method runs in the caller's transaction.
 */
@ApplicationScoped
public class Verifications {

    /** The sealed fields' names (bound into their ciphertext: a value cannot be moved to another field). */
    static final String TO_FIELD = "verification.to";

    static final String BODY_FIELD = "verification.body";

    /** What checking a code found. */
    public enum Check {
        MATCHED,
        INCORRECT,
        EXPIRED,
        TOO_MANY_ATTEMPTS,
        NO_CODE
    }

    /** @param attemptsLeft wrong codes still allowed before a new code is needed */
    public record Checked(Check outcome, int attemptsLeft) {}

    /** A code sent: until when it may be entered, and how many sends the request has had. */
    public record Sent(Instant expiresAt, int sends) {}

    private final VerificationConfig limits;
    private final OneTimeCodes codes;
    private final VerificationTexts texts;
    private final VerificationSmsPublisher publisher;
    private final MeterRegistry meters;

    Verifications(
            VerificationConfig config,
            OneTimeCodes codes,
            VerificationTexts texts,
            VerificationSmsPublisher publisher,
            MeterRegistry meters) {
        this.limits = config;
        this.codes = codes;
        this.texts = texts;
        this.publisher = publisher;
        this.meters = meters;
    }

    /**
     * Issues the first code of a request and queues its text to {@code e164}; 429 when a rate limit is reached.
     *
     * @param sealer the person's, made before the transaction (making it may need a connection of its own: inside a
     *     transaction that holds one, a full pool would wait on itself)
     */
    public Uni<Sent> issue(
            SqlConnection tx,
            Sealer sealer,
            String tenant,
            String subject,
            UUID requestId,
            String e164,
            String language) {
        SubjectRef person = new SubjectRef(tenant, subject);
        return withinRateLimits(tx, tenant, subject).chain(() -> {
            String code = codes.next();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Instant expires = now.plus(limits.codeValidFor());
            String toSealed = sealer.seal(person, TO_FIELD, e164);
            return tx.preparedQuery("INSERT INTO dsar_verification_code (request_id, code_mac, expires_at,"
                            + " last_sent_at, to_sealed) VALUES ($1, $2, $3, $4, $5)")
                    .execute(Tuple.of(requestId, codes.mac(requestId, code), utc(expires), utc(now), toSealed))
                    .chain(() -> queueText(
                            tx,
                            person,
                            requestId,
                            toSealed,
                            sealer.seal(person, BODY_FIELD, texts.code(language, code, limits.codeValidFor())),
                            language,
                            now,
                            expires))
                    .replaceWith(new Sent(expires, 1));
        });
    }

    /**
     * A new code for a request awaiting one, replacing the old (whose wrong attempts no longer count): refused with
     * 429 before {@code resend-after} has passed, after {@code max-sends} codes, or beyond the rate limits.
     */
    public Uni<Sent> reissue(
            SqlConnection tx, Sealer sealer, String tenant, String subject, UUID requestId, String language) {
        SubjectRef person = new SubjectRef(tenant, subject);
        return tx.preparedQuery("SELECT sends, last_sent_at, to_sealed FROM dsar_verification_code"
                        + " WHERE request_id = $1 FOR UPDATE")
                .execute(Tuple.of(requestId))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw new ProblemException(Problem.of(
                                409,
                                "no-code-to-resend",
                                "No code to resend",
                                "this request is not awaiting a code sent by SMS"));
                    }
                    Row row = rows.iterator().next();
                    int sends = row.getInteger("sends");
                    if (sends >= limits.maxSends()) {
                        throw limited(
                                "resend-limit",
                                "this request has had " + sends + " codes, the most it may; privacy-ops can verify the"
                                        + " person another way",
                                null);
                    }
                    Instant next =
                            row.getOffsetDateTime("last_sent_at").toInstant().plus(limits.resendAfter());
                    if (Instant.now().isBefore(next)) {
                        throw limited(
                                "resend-too-soon",
                                "a code was sent less than "
                                        + limits.resendAfter().toSeconds() + " s ago",
                                Duration.between(Instant.now(), next));
                    }
                    String toSealed = row.getString("to_sealed");
                    return withinRateLimits(tx, tenant, subject).chain(() -> {
                        String code = codes.next();
                        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                        Instant expires = now.plus(limits.codeValidFor());
                        return tx.preparedQuery("UPDATE dsar_verification_code SET code_mac = $2,"
                                        + " expires_at = $3, attempts = 0, sends = sends + 1,"
                                        + " last_sent_at = $4 WHERE request_id = $1")
                                .execute(Tuple.of(requestId, codes.mac(requestId, code), utc(expires), utc(now)))
                                .chain(() -> queueText(
                                        tx,
                                        person,
                                        requestId,
                                        toSealed,
                                        sealer.seal(
                                                person, BODY_FIELD, texts.code(language, code, limits.codeValidFor())),
                                        language,
                                        now,
                                        expires))
                                .replaceWith(new Sent(expires, sends + 1));
                    });
                });
    }

    /** Checks a code; a wrong one is counted (commit the transaction before refusing, so the count stays). */
    public Uni<Checked> check(SqlConnection tx, UUID requestId, String code) {
        return tx.preparedQuery("SELECT code_mac, expires_at, attempts FROM dsar_verification_code"
                        + " WHERE request_id = $1 FOR UPDATE")
                .execute(Tuple.of(requestId))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().item(new Checked(Check.NO_CODE, 0));
                    }
                    Row row = rows.iterator().next();
                    int attempts = row.getInteger("attempts");
                    if (attempts >= limits.maxAttempts()) {
                        return counted(new Checked(Check.TOO_MANY_ATTEMPTS, 0));
                    }
                    if (Instant.now()
                            .isAfter(row.getOffsetDateTime("expires_at").toInstant())) {
                        return counted(new Checked(Check.EXPIRED, limits.maxAttempts() - attempts));
                    }
                    if (codes.matches(requestId, code, row.getString("code_mac"))) {
                        return Uni.createFrom().item(new Checked(Check.MATCHED, limits.maxAttempts() - attempts));
                    }
                    return tx.preparedQuery(
                                    "UPDATE dsar_verification_code SET attempts = attempts + 1 WHERE request_id = $1")
                            .execute(Tuple.of(requestId))
                            .chain(() -> counted(new Checked(Check.INCORRECT, limits.maxAttempts() - attempts - 1)));
                });
    }

    /** The request no longer needs its code (verified or denied): the code and the sealed number go. */
    public Uni<Void> discard(SqlConnection tx, UUID requestId) {
        return tx.preparedQuery("DELETE FROM dsar_verification_code WHERE request_id = $1")
                .execute(Tuple.of(requestId))
                .replaceWithVoid();
    }

    /** Publishes what was queued (call after the transaction committed). */
    public void queued() {
        publisher.wake();
    }

    private Uni<Checked> counted(Checked checked) {
        meters.counter(
                        "mesh.dsar.verification.failures",
                        "reason",
                        checked.outcome().name().toLowerCase())
                .increment();
        return Uni.createFrom().item(checked);
    }

    private Uni<Void> withinRateLimits(SqlConnection tx, String tenant, String subject) {
        // a send older than a day no longer counts toward any limit: the tenant's are dropped as it sends
        return tx.preparedQuery(
                        "DELETE FROM dsar_code_send WHERE tenant_id = $1 AND sent_at < now() - interval '1 day'")
                .execute(Tuple.of(tenant))
                .chain(() -> tx.preparedQuery(
                                """
                        SELECT count(*) FILTER (WHERE subject_id = $2 AND sent_at > now() - interval '1 day') AS number,
                               count(*) FILTER (WHERE sent_at > now() - interval '1 minute') AS tenant
                        FROM dsar_code_send WHERE tenant_id = $1 AND sent_at > now() - interval '1 day'""")
                        .execute(Tuple.of(tenant, subject))
                        .chain(rows -> {
                            Row row = rows.iterator().next();
                            if (row.getLong("number") >= limits.sendsPerNumberPerDay()) {
                                throw limited(
                                        "number-rate-limit",
                                        "this number has been sent " + limits.sendsPerNumberPerDay()
                                                + " codes in the last day, the most it may",
                                        Duration.ofHours(1));
                            }
                            if (row.getLong("tenant") >= limits.sendsPerTenantPerMinute()) {
                                throw limited(
                                        "tenant-rate-limit",
                                        "this tenant has sent " + limits.sendsPerTenantPerMinute()
                                                + " codes in the last minute, the most it may",
                                        Duration.ofMinutes(1));
                            }
                            return tx.preparedQuery(
                                            "INSERT INTO dsar_code_send (tenant_id, subject_id, sent_at) VALUES ($1, $2, now())")
                                    .execute(Tuple.of(tenant, subject))
                                    .replaceWithVoid();
                        }));
    }

    private Uni<Void> queueText(
            SqlConnection tx,
            SubjectRef person,
            UUID requestId,
            String toSealed,
            String bodySealed,
            String language,
            Instant requestedAt,
            Instant notAfter) {
        return tx.preparedQuery("INSERT INTO dsar_sms_outbox (sms_id, request_id, tenant_id, subject_id, to_sealed,"
                        + " body_sealed, language, requested_at, not_after) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
                        + " $9)")
                .execute(Tuple.from(Arrays.asList(
                        UUID.randomUUID(),
                        requestId,
                        person.tenant(),
                        person.subject(),
                        toSealed,
                        bodySealed,
                        VerificationTexts.language(language),
                        utc(requestedAt),
                        utc(notAfter))))
                .replaceWithVoid();
    }

    private ProblemException limited(String slug, String detail, Duration retryAfter) {
        meters.counter("mesh.dsar.verification.refused", "reason", slug).increment();
        return new ProblemException(Problem.of(429, slug, "Too many codes", detail), retryAfter);
    }
}
