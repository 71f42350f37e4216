package io.consentmesh.consent.consents.state;

import static io.consentmesh.runtime.sql.Timestamps.instant;
import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.consent.consents.revocations.ReceivedRevocation;
import io.consentmesh.consent.consents.revocations.RevocationLog;
import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.runtime.chain.SubjectRef;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The consent-state projection: one row per tenant, subject, channel and scope, derived from the ledger. Evidence from
 * events (keywords, words on a call, confirmed reviews) changes brand-wide rows through {@link #load}, {@link
 * StateChanges} and {@link #save}, a single event as a batch of one; consent the tenant records, which may be scoped to a
 * campaign and expire, is written by {@link #change}.
 */
@ApplicationScoped
public class ConsentStates {

    private final RevocationLog revocations;

    ConsentStates(RevocationLog revocations) {
        this.revocations = revocations;
    }

    /** Every kind of record that revokes: a consent captured before one of them, recorded after, stays revoked. */
    private static final String REVOCATION_KINDS = ConsentTransition.REVOKING.stream()
            .map(kind -> "'" + kind.name() + "'")
            .collect(java.util.stream.Collectors.joining(", ", "(", ")"));

    /**
     * Applies consent the tenant recorded (or imported), by {@link ConsentTransition}: its channel and scope move to
     * opted-in unless a later change is already recorded.
     */
    public Uni<Void> record(
            SqlConnection connection, TenantId tenant, SubjectId subject, ConsentTransition.Evidence recorded) {
        List<CurrentConsent> rows = new ArrayList<>();
        ConsentTransition.apply(
                new ConsentTransition.Consents() {
                    @Override
                    public Optional<CurrentConsent> brandWide(Channel channel) {
                        throw new IllegalStateException("recorded consent does not read earlier state");
                    }

                    @Override
                    public void revokeEverywhere(UUID basis, Instant at) {
                        throw new IllegalStateException("revocations are applied in batches (StateChanges)");
                    }

                    @Override
                    public void put(CurrentConsent consent) {
                        rows.add(consent);
                    }
                },
                recorded);
        return Multi.createFrom()
                .iterable(rows)
                .onItem()
                .transformToUniAndConcatenate(row -> change(connection, tenant, subject, row))
                .collect()
                .last()
                .replaceWithVoid();
    }

    /**
     * Moves the state of the consent's channel and scope to {@code consent} unless a later change is already
     * recorded: events that arrive out of order never overwrite newer evidence. A campaign consent that arrives after
     * a revocation which happened later than it is revoked at once, as replaying the ledger in order would leave it.
     */
    private Uni<Void> change(SqlConnection connection, TenantId tenant, SubjectId subject, CurrentConsent consent) {
        Uni<Void> upsert = connection
                .preparedQuery(
                        """
                        INSERT INTO consent_state (tenant_id, subject_id, channel, scope, status, level,
                                                   basis_evidence_id, changed_at, expires_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                        ON CONFLICT (tenant_id, subject_id, channel, scope) DO UPDATE
                            SET status = EXCLUDED.status, level = EXCLUDED.level,
                                basis_evidence_id = EXCLUDED.basis_evidence_id, changed_at = EXCLUDED.changed_at,
                                expires_at = EXCLUDED.expires_at
                            WHERE consent_state.changed_at <= EXCLUDED.changed_at""")
                .execute(Tuple.from(Arrays.asList(
                        tenant.value(),
                        subject.value(),
                        consent.channel().name(),
                        consent.scope(),
                        consent.status().name(),
                        consent.level(),
                        consent.basisEvidenceId(),
                        utc(consent.changedAt()),
                        utc(consent.expiresAt()))))
                .replaceWithVoid();
        if (consent.campaignId() == null || consent.status() != ConsentStatus.OPTED_IN) {
            return upsert; // brand-wide rows: a later revocation already won through changed_at
        }
        return upsert.chain(() -> connection
                .preparedQuery(
                        """
                        UPDATE consent_state
                           SET status = 'REVOKED', level = NULL, expires_at = NULL,
                               basis_evidence_id = r.id, changed_at = r.occurred_at
                          FROM (SELECT id, occurred_at FROM evidence
                                 WHERE tenant_id = $1 AND subject_id = $2 AND kind IN """
                                + REVOCATION_KINDS
                                + """
                                   AND occurred_at > $3
                                 ORDER BY occurred_at DESC, recorded_at DESC LIMIT 1) r
                         WHERE tenant_id = $1 AND subject_id = $2 AND channel = $4
                           AND scope = $5 AND basis_evidence_id = $6""")
                .execute(Tuple.of(
                        tenant.value(),
                        subject.value(),
                        utc(consent.changedAt()),
                        consent.channel().name(),
                        consent.scope(),
                        consent.basisEvidenceId()))
                .replaceWithVoid());
    }

    /** The brand-wide rows of a batch's people, to work the batch's changes out from ({@link StateChanges}). */
    public Uni<StateChanges> load(SqlConnection connection, Collection<SubjectRef> people) {
        Map<SubjectRef, List<CurrentConsent>> rows = new HashMap<>();
        if (people.isEmpty()) {
            return Uni.createFrom().item(new StateChanges(rows));
        }
        return connection
                .preparedQuery("SELECT s.tenant_id, s.subject_id, s.channel, s.status, s.level, s.basis_evidence_id,"
                        + " s.changed_at FROM consent_state s"
                        + " JOIN unnest($1::text[], $2::char(64)[]) AS k (tenant_id, subject_id)"
                        + " ON s.tenant_id = k.tenant_id AND s.subject_id = k.subject_id WHERE s.scope = ''")
                .execute(Tuple.of(SubjectRef.tenants(people), SubjectRef.subjects(people)))
                .map(found -> {
                    for (Row row : found) {
                        rows.computeIfAbsent(
                                        new SubjectRef(row.getString("tenant_id"), row.getString("subject_id")),
                                        person -> new ArrayList<>())
                                .add(new CurrentConsent(
                                        Channel.valueOf(row.getString("channel")),
                                        null,
                                        ConsentStatus.valueOf(row.getString("status")),
                                        row.getString("level"),
                                        row.getUUID("basis_evidence_id"),
                                        row.getOffsetDateTime("changed_at").toInstant(),
                                        null));
                    }
                    return new StateChanges(rows);
                });
    }

    /**
     * Writes a batch's changes: each changed row once, in its final state; each person's campaign consents revoked by
     * the batch's latest revocation of them (what applying every revocation in turn leaves); every revocation logged.
     * The changed_at guards stay in SQL, as in {@link #change}.
     */
    public Uni<Void> save(SqlConnection connection, StateChanges changes) {
        var rows = changes.changedRows();
        Uni<Void> upserts = rows.isEmpty()
                ? Uni.createFrom().voidItem()
                : connection
                        .preparedQuery(
                                """
                                INSERT INTO consent_state (tenant_id, subject_id, channel, scope, status, level,
                                                           basis_evidence_id, changed_at)
                                SELECT tenant_id, subject_id, channel, scope, status, level, basis, changed_at
                                  FROM unnest($1::text[], $2::char(64)[], $3::text[], $4::text[], $5::text[],
                                              $6::uuid[], $7::timestamptz[], $8::text[])
                                    AS r (tenant_id, subject_id, channel, status, level, basis, changed_at, scope)
                                ON CONFLICT (tenant_id, subject_id, channel, scope) DO UPDATE
                                    SET status = EXCLUDED.status, level = EXCLUDED.level,
                                        basis_evidence_id = EXCLUDED.basis_evidence_id,
                                        changed_at = EXCLUDED.changed_at, expires_at = NULL
                                    WHERE consent_state.changed_at <= EXCLUDED.changed_at""")
                        .execute(Tuple.tuple(List.of(
                                rows.stream().map(r -> r.getKey().tenant()).toArray(String[]::new),
                                rows.stream().map(r -> r.getKey().subject()).toArray(String[]::new),
                                rows.stream()
                                        .map(r -> r.getValue().channel().name())
                                        .toArray(String[]::new),
                                rows.stream()
                                        .map(r -> r.getValue().status().name())
                                        .toArray(String[]::new),
                                rows.stream().map(r -> r.getValue().level()).toArray(String[]::new),
                                rows.stream()
                                        .map(r -> r.getValue().basisEvidenceId())
                                        .toArray(UUID[]::new),
                                rows.stream()
                                        .map(r -> utc(r.getValue().changedAt()))
                                        .toArray(OffsetDateTime[]::new),
                                rows.stream().map(r -> r.getValue().scope()).toArray(String[]::new))))
                        .replaceWithVoid();
        Map<SubjectRef, ReceivedRevocation> latest = new LinkedHashMap<>();
        for (ReceivedRevocation revocation : changes.revocations()) {
            latest.merge(
                    revocation.person(),
                    revocation,
                    (before, after) -> after.receivedAt().isBefore(before.receivedAt()) ? before : after);
        }
        if (latest.isEmpty()) {
            return upserts;
        }
        var winners = List.copyOf(latest.values());
        return upserts.chain(() -> connection
                        .preparedQuery(
                                """
                                UPDATE consent_state s
                                   SET status = 'REVOKED', level = NULL, expires_at = NULL,
                                       basis_evidence_id = r.basis, changed_at = r.revoked_at
                                  FROM unnest($1::text[], $2::char(64)[], $3::uuid[], $4::timestamptz[])
                                    AS r (tenant_id, subject_id, basis, revoked_at)
                                 WHERE s.tenant_id = r.tenant_id AND s.subject_id = r.subject_id AND s.scope <> ''
                                   AND s.changed_at <= r.revoked_at""")
                        .execute(Tuple.of(
                                winners.stream().map(r -> r.person().tenant()).toArray(String[]::new),
                                winners.stream().map(r -> r.person().subject()).toArray(String[]::new),
                                winners.stream()
                                        .map(ReceivedRevocation::evidenceId)
                                        .toArray(UUID[]::new),
                                winners.stream().map(r -> utc(r.receivedAt())).toArray(OffsetDateTime[]::new))))
                .chain(() -> revocations.enforcedAll(connection, changes.revocations()));
    }

    /** Every row of a subject: brand-wide consents and campaign consents, on every channel. */
    public Uni<List<CurrentConsent>> all(SqlClient client, TenantId tenant, SubjectId subject) {
        return client.preparedQuery("SELECT channel, scope, status, level, basis_evidence_id, changed_at, expires_at"
                        + " FROM consent_state WHERE tenant_id = $1 AND subject_id = $2")
                .execute(Tuple.of(tenant.value(), subject.value()))
                .map(rows -> {
                    List<CurrentConsent> consents = new ArrayList<>();
                    for (Row row : rows) {
                        consents.add(new CurrentConsent(
                                Channel.valueOf(row.getString("channel")),
                                CurrentConsent.campaignOf(row.getString("scope")),
                                ConsentStatus.valueOf(row.getString("status")),
                                row.getString("level"),
                                row.getUUID("basis_evidence_id"),
                                row.getOffsetDateTime("changed_at").toInstant(),
                                instant(row.getOffsetDateTime("expires_at"))));
                    }
                    return consents;
                });
    }
}
