package io.consentmesh.consent.consents.revocations;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.consent.authorization.rules.RuleSetRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Records, in the enforcing transaction, when each revocation was received and when it took effect, with its KW-07
 * deadline; a timer ({@code mesh.consent.revocation.enforcement}) shows the delay. A redelivered revocation keeps its
 * first record.
 */
@ApplicationScoped
public class RevocationLog {

    private final RuleSetRepository ruleSets;
    private final Timer enforcement;
    private final Clock clock = Clock.systemUTC();

    RevocationLog(RuleSetRepository ruleSets, MeterRegistry metrics) {
        this.ruleSets = ruleSets;
        this.enforcement = Timer.builder("mesh.consent.revocation.enforcement")
                .description("from a revocation's receipt to its enforcement (KW-07 allows 10 business days)")
                .register(metrics);
    }

    /**
     * A batch's revocations (a single one as a batch of one), enforced in the connection's transaction; each keeps its
     * first record.
     */
    public Uni<Void> enforcedAll(SqlConnection connection, List<ReceivedRevocation> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        return connection
                .preparedQuery(
                        """
                        INSERT INTO revocation_enforcement (evidence_id, tenant_id, subject_id, received_at,
                                                            enforced_at, deadline)
                        SELECT evidence_id, tenant_id, subject_id, received_at, $5, deadline
                          FROM unnest($1::uuid[], $2::text[], $3::char(64)[], $4::timestamptz[], $6::timestamptz[])
                            AS r (evidence_id, tenant_id, subject_id, received_at, deadline)
                        ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(
                        batch.stream().map(ReceivedRevocation::evidenceId).toArray(UUID[]::new),
                        batch.stream().map(r -> r.person().tenant()).toArray(String[]::new),
                        batch.stream().map(r -> r.person().subject()).toArray(String[]::new),
                        batch.stream().map(r -> utc(r.receivedAt())).toArray(OffsetDateTime[]::new),
                        utc(now),
                        batch.stream()
                                .map(r -> utc(deadlineOf(r.receivedAt(), now)))
                                .toArray(OffsetDateTime[]::new)))
                .replaceWithVoid();
    }

    /** The KW-07 deadline under the rules in effect when the revocation was received; the delay goes to the timer. */
    private Instant deadlineOf(Instant receivedAt, Instant now) {
        enforcement.record(
                Duration.between(receivedAt, now).isNegative() ? Duration.ZERO : Duration.between(receivedAt, now));
        return ruleSets.ruleSetInEffectAt(receivedAt)
                .or(() -> ruleSets.ruleSetInEffectAt(now))
                .map(rules -> HonorDeadline.of(receivedAt, rules))
                .orElseThrow(() -> new IllegalStateException("no rule set is in effect"));
    }
}
