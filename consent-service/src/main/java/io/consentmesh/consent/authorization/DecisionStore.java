package io.consentmesh.consent.authorization;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.runtime.batching.GroupCommit;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Stores decisions. Concurrent requests' decisions go to PostgreSQL together, one statement and one commit per group
 * ({@link GroupCommit}), which is what a high authorization rate needs; a trigger queues each for publication.
 */
@ApplicationScoped
public class DecisionStore {

    /** One row of the decision table. */
    record StoredDecision(
            String tenantId, String subjectId, String channel, String sender, AuthorizationDecision d, String facts) {}

    private static final String INSERT = "INSERT INTO decision (id, tenant_id, subject_id, channel, sender, outcome,"
            + " reasons, rule_set_version, evidence_ids, decided_at, defer_until, content_class, campaign_id, decided_for,"
            + " facts, valid_until)"
            + " SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],"
            + " $7::text[], $8::text[], $9::text[], $10::timestamptz[], $11::timestamptz[], $12::text[], $13::text[],"
            + " $14::timestamptz[], $15::text[], $16::timestamptz[])";

    private final Pool database;
    private final GroupCommit<StoredDecision, Boolean> inserts;

    DecisionStore(Pool database) {
        this.database = database;
        this.inserts = new GroupCommit<>(256, 4, this::insertAll);
    }

    /** @param facts what the decision was made on, as {@link io.consentmesh.consent.authorization.rules.FactsJson} */
    public Uni<Void> store(
            String tenantId, String subjectId, String channel, String sender, AuthorizationDecision d, String facts) {
        return inserts.submit(new StoredDecision(tenantId, subjectId, channel, sender, d, facts))
                .replaceWithVoid();
    }

    private Uni<List<Boolean>> insertAll(List<StoredDecision> batch) {
        int n = batch.size();
        UUID[] ids = new UUID[n];
        String[][] text = new String[11][n];
        OffsetDateTime[] decidedAt = new OffsetDateTime[n];
        OffsetDateTime[] deferUntil = new OffsetDateTime[n];
        OffsetDateTime[] decidedFor = new OffsetDateTime[n];
        OffsetDateTime[] validUntil = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            StoredDecision row = batch.get(i);
            AuthorizationDecision d = row.d();
            ids[i] = d.decisionId();
            text[0][i] = row.tenantId();
            text[1][i] = row.subjectId();
            text[2][i] = row.channel();
            text[3][i] = row.sender();
            text[4][i] = d.outcome().name();
            text[5][i] = d.reasons().stream().map(Enum::name).collect(Collectors.joining(","));
            text[6][i] = d.ruleSetVersion();
            text[7][i] = d.evidenceIds().stream().map(UUID::toString).collect(Collectors.joining(","));
            text[8][i] = d.contentClass().name();
            text[9][i] = d.campaignId();
            text[10][i] = row.facts();
            decidedAt[i] = utc(d.decidedAt());
            deferUntil[i] = d.deferUntil() == null ? null : utc(d.deferUntil());
            decidedFor[i] = utc(d.decidedFor());
            validUntil[i] = d.validUntil() == null ? null : utc(d.validUntil());
        }
        Tuple values = Tuple.tuple()
                .addArrayOfUUID(ids)
                .addArrayOfString(text[0])
                .addArrayOfString(text[1])
                .addArrayOfString(text[2])
                .addArrayOfString(text[3])
                .addArrayOfString(text[4])
                .addArrayOfString(text[5])
                .addArrayOfString(text[6])
                .addArrayOfString(text[7])
                .addArrayOfOffsetDateTime(decidedAt)
                .addArrayOfOffsetDateTime(deferUntil)
                .addArrayOfString(text[8])
                .addArrayOfString(text[9])
                .addArrayOfOffsetDateTime(decidedFor)
                .addArrayOfString(text[10])
                .addArrayOfOffsetDateTime(validUntil);
        return database.preparedQuery(INSERT).execute(values).map(done -> Collections.nCopies(n, Boolean.TRUE));
    }
}
