package io.consentmesh.retention.holds;

import static io.consentmesh.runtime.sql.Timestamps.instant;
import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.retention.proof.RetentionLog;
import io.consentmesh.runtime.chain.EventLog;
import io.consentmesh.runtime.http.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Legal holds. A held item is never commanded away: the sweeper checks every due item against the active holds
 * ({@link #HELD} is that check, in SQL) under a lock that placing a hold waits for, so no command leaves for an item
 * a committed hold covers. Releasing a hold makes its tenant's held items due again at once; the sweeper holds again
 * those another hold still covers.
 */
@ApplicationScoped
public class LegalHolds {

    /** True for an item {@code i} of {@code inventory_item} that an active hold covers. */
    public static final String HELD =
            """
            EXISTS (SELECT 1 FROM legal_hold h WHERE h.tenant_id = i.tenant_id AND h.released_at IS NULL
                      AND (h.subject_id IS NULL OR h.subject_id = i.subject_id)
                      AND (h.call_id IS NULL OR h.call_id = i.call_id)
                      AND (h.category IS NULL OR h.category = i.category)
                      AND (h.stored_from IS NULL OR i.stored_at >= h.stored_from)
                      AND (h.stored_until IS NULL OR i.stored_at < h.stored_until))""";

    private final Pool database;
    private final SubjectKeys subjectKeys;

    LegalHolds(Pool database, SubjectKeys subjectKeys) {
        this.database = database;
        this.subjectKeys = subjectKeys;
    }

    public Uni<LegalHoldView> place(NewLegalHold hold, String by) {
        TenantId tenant = new TenantId(hold.tenantId());
        SubjectId subject = NewLegalHold.present(hold.phoneNumber())
                ? subjectKeys.subjectOf(tenant, hold.phoneNumber(), "US", "phoneNumber")
                : null;
        UUID id = UUID.randomUUID();
        return database.withTransaction(tx -> tx.preparedQuery(
                        """
                        INSERT INTO legal_hold (id, tenant_id, subject_id, call_id, category, stored_from, stored_until,
                                                reason, matter_id, created_by, created_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now()) RETURNING *""")
                .execute(Tuple.from(Arrays.asList(
                        id,
                        tenant.value(),
                        subject == null ? null : subject.value(),
                        NewLegalHold.present(hold.callId()) ? hold.callId() : null,
                        hold.categoryOrNull() == null
                                ? null
                                : hold.categoryOrNull().name(),
                        hold.storedFrom() == null ? null : utc(hold.storedFrom()),
                        hold.storedUntil() == null ? null : utc(hold.storedUntil()),
                        hold.reason(),
                        hold.matterId(),
                        by)))
                .map(rows -> view(rows.iterator().next()))
                .call(placed -> RetentionLog.append(tx, List.of(logged(RetentionLog.Kind.HOLD_PLACED, placed)))));
    }

    /**
     * Releases the hold and makes the tenant's held items due again at once (their date has passed: that is why they
     * were held). Releasing a released hold changes nothing and answers it as it is.
     */
    public Uni<LegalHoldView> release(String tenant, UUID id, HoldRelease release, String by) {
        return database.withTransaction(tx -> tx.preparedQuery(
                                """
                                UPDATE legal_hold SET released_at = now(), released_by = $3, release_note = $4
                                WHERE tenant_id = $1 AND id = $2 AND released_at IS NULL RETURNING *""")
                        .execute(Tuple.of(tenant, id, by, release.note()))
                        .chain(released -> {
                            if (released.rowCount() == 0) {
                                return Uni.createFrom().item(false);
                            }
                            LegalHoldView view = view(released.iterator().next());
                            return RetentionLog.append(tx, List.of(logged(RetentionLog.Kind.HOLD_RELEASED, view)))
                                    .chain(() -> tx.preparedQuery(
                                                    """
                                            UPDATE inventory_item SET held_since = NULL, next_action_at = now()
                                            WHERE tenant_id = $1 AND held_since IS NOT NULL""")
                                            .execute(Tuple.of(tenant)))
                                    .replaceWith(true);
                        }))
                .chain(() -> find(tenant, id));
    }

    /** A hold's placing or release in the tenant's log (its scope, reason, matter, who). */
    private static EventLog.Entry logged(RetentionLog.Kind kind, LegalHoldView hold) {
        return RetentionLog.entry(
                hold.tenantId(),
                null,
                kind,
                null,
                hold.id().toString(),
                RetentionLog.detail(
                        "holdId", hold.id().toString(),
                        "subjectId", hold.subjectId(),
                        "callId", hold.callId(),
                        "category", hold.category(),
                        "storedFrom",
                                hold.storedFrom() == null
                                        ? null
                                        : hold.storedFrom().toString(),
                        "storedUntil",
                                hold.storedUntil() == null
                                        ? null
                                        : hold.storedUntil().toString(),
                        "matterId", hold.matterId(),
                        "reason", kind == RetentionLog.Kind.HOLD_PLACED ? hold.reason() : hold.releaseNote(),
                        "by", kind == RetentionLog.Kind.HOLD_PLACED ? hold.createdBy() : hold.releasedBy()));
    }

    public Uni<LegalHoldView> find(String tenant, UUID id) {
        return database.preparedQuery("SELECT * FROM legal_hold WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenant, id))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw new ProblemException(Problem.of(404, "not-found", "Not found", "no such legal hold"));
                    }
                    return view(rows.iterator().next());
                });
    }

    public Uni<List<LegalHoldView>> ofTenant(String tenant, boolean activeOnly) {
        return database.preparedQuery("SELECT * FROM legal_hold WHERE tenant_id = $1"
                        + (activeOnly ? " AND released_at IS NULL" : "") + " ORDER BY created_at DESC LIMIT 1000")
                .execute(Tuple.of(tenant))
                .map(rows -> {
                    List<LegalHoldView> views = new ArrayList<>();
                    rows.forEach(row -> views.add(view(row)));
                    return views;
                });
    }

    private static LegalHoldView view(Row row) {
        String subject = row.getString("subject_id");
        return new LegalHoldView(
                row.getUUID("id"),
                row.getString("tenant_id"),
                subject == null ? null : subject.trim(),
                row.getString("call_id"),
                row.getString("category"),
                instant(row.getOffsetDateTime("stored_from")),
                instant(row.getOffsetDateTime("stored_until")),
                row.getString("reason"),
                row.getString("matter_id"),
                row.getString("created_by"),
                instant(row.getOffsetDateTime("created_at")),
                row.getString("released_by"),
                instant(row.getOffsetDateTime("released_at")),
                row.getString("release_note"));
    }
}
