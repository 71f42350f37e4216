package io.consentmesh.consent.authorization.contacts;

import static io.consentmesh.runtime.sql.Timestamps.instant;
import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.consent.evidence.EvidenceKind;
import io.consentmesh.consent.evidence.EvidenceLedger;
import io.consentmesh.consent.evidence.NewEvidence;
import io.consentmesh.contracts.consent.DecisionOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Records contacts and reconciles each with its decisions ({@link ContactJudge}) in the caller's transaction: a
 * contact's first status judges it (a later status, or the same one redelivered, changes nothing but "reached"); an
 * allowed contact uses its ALLOW's reservation; a violation becomes {@code CONTACT_VIOLATION} evidence in the person's
 * ledger and is queued for {@code consent.violation.v1}.
 */
@Singleton
public class Contacts {

    private static final String INSERT =
            "INSERT INTO contact_made (tenant_id, provider, reference, subject_id, channel,"
                    + " sender, contacted_at, reached, source_event_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
                    + " ON CONFLICT (tenant_id, provider, reference, subject_id) DO UPDATE SET reached = true"
                    + " WHERE NOT contact_made.reached AND EXCLUDED.reached RETURNING (xmax = 0) AS inserted";
    private static final String COLUMNS = "SELECT id, subject_id, channel, sender, outcome, reasons, decided_at,"
            + " decided_for, defer_until, valid_until, confirmed_at IS NOT NULL AS used FROM decision";
    private static final String NAMED = COLUMNS + " WHERE tenant_id = $1 AND id = $2";
    /**
     * The decisions asked before the contact for a send time within the match window before it (a scheduler may ask
     * days ahead; one asked about a later send is not this contact's), latest first; enough to pass over the used
     * ALLOWs of a busy sender and still find the one that decides.
     */
    private static final String LATEST = COLUMNS + " WHERE tenant_id = $1 AND subject_id = $2 AND channel = $3"
            + " AND sender = $4 AND decided_at <= $5 AND decided_for <= $5 AND decided_for > $6"
            + " ORDER BY decided_at DESC LIMIT 50";

    private static final String CONFIRM =
            "UPDATE decision SET confirmed_at = $2 WHERE id = $1 AND confirmed_at IS NULL RETURNING id";
    /**
     * The ALLOWs of the same sender for a time inside the used one's validity (or it inside theirs) are the same
     * planned send asked about again: the caps counted them as one contact (Interactions), so one send uses them all.
     */
    private static final String SAME_PLANNED_SEND = "UPDATE decision y SET confirmed_at = $2 FROM decision x"
            + " WHERE x.id = $1 AND y.tenant_id = x.tenant_id AND y.subject_id = x.subject_id AND y.channel = x.channel"
            + " AND y.sender = x.sender AND y.outcome = 'ALLOW' AND y.confirmed_at IS NULL"
            + " AND y.decided_for <= coalesce(x.valid_until, x.decided_for)"
            + " AND coalesce(y.valid_until, y.decided_for) >= x.decided_for";

    private static final String JUDGED = "UPDATE contact_made SET decision_id = $5, violation = $6"
            + " WHERE tenant_id = $1 AND provider = $2 AND reference = $3 AND subject_id = $4";

    private final EvidenceLedger ledger;
    private final ContactsConfig config;
    private final ContactJudge judge;
    private final MeterRegistry metrics;

    Contacts(EvidenceLedger ledger, ContactsConfig config, MeterRegistry metrics) {
        this.ledger = ledger;
        this.config = config;
        this.metrics = metrics;
        this.judge = new ContactJudge(config.deferWindow(), config.lateStatusTolerance());
        for (Channel channel : Channel.values()) { // every series from the start, for dashboards and alerts
            counter(channel, "ALLOWED");
            for (ContactViolation violation : ContactViolation.values()) {
                counter(channel, violation.name());
            }
        }
    }

    /** Created at start, not at the first contact: its counters are there for dashboards and alerts at once. */
    void created(@Observes StartupEvent started) {}

    /** Contacts judged, by channel and outcome (ALLOWED or the violation). */
    private Counter counter(Channel channel, String outcome) {
        return metrics.counter("mesh.consent.contacts", "channel", channel.name(), "outcome", outcome);
    }

    /** Records and judges a batch of contacts, in order (one contact's ALLOW is not the next one's). */
    public Uni<Void> record(SqlConnection connection, List<Contact> contacts) {
        List<NewEvidence> violations = new ArrayList<>();
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Contact contact : contacts) {
            all = all.chain(() -> recordOne(connection, contact))
                    .invoke(violation -> violation.ifPresent(violations::add))
                    .replaceWithVoid();
        }
        // appended together: the ledger locks the chains of a batch in one order, so two batches never deadlock
        return all.chain(() -> violations.isEmpty()
                ? Uni.createFrom().voidItem()
                : ledger.appendAll(connection, violations).chain(ids -> queue(connection, ids)));
    }

    private Uni<Optional<NewEvidence>> recordOne(SqlConnection connection, Contact contact) {
        return connection
                .preparedQuery(INSERT)
                .execute(Tuple.tuple()
                        .addString(contact.tenant().value())
                        .addString(contact.provider().name())
                        .addString(contact.reference())
                        .addString(contact.subject().value())
                        .addString(contact.channel().name())
                        .addString(contact.sender())
                        .addOffsetDateTime(utc(contact.contactedAt()))
                        .addBoolean(contact.reached())
                        .addString(contact.statusEventId()))
                .chain(rows -> {
                    boolean first = rows.size() == 1 && rows.iterator().next().getBoolean("inserted");
                    if (!first) {
                        return Uni.createFrom().item(Optional.<NewEvidence>empty()); // judged at its first status
                    }
                    return verdict(connection, contact).chain(verdict -> apply(connection, contact, verdict));
                });
    }

    private Uni<ContactJudge.Verdict> verdict(SqlConnection connection, Contact contact) {
        if (contact.decisionId() != null) {
            return connection
                    .preparedQuery(NAMED)
                    .execute(Tuple.of(contact.tenant().value(), contact.decisionId()))
                    .map(rows -> judge.judgeNamed(
                            contact,
                            rows.size() == 0
                                    ? Optional.empty()
                                    : Optional.of(decision(rows.iterator().next()))));
        }
        Instant at = contact.contactedAt();
        return connection
                .preparedQuery(LATEST)
                .execute(Tuple.tuple()
                        .addString(contact.tenant().value())
                        .addString(contact.subject().value())
                        .addString(contact.channel().name())
                        .addString(contact.sender())
                        .addOffsetDateTime(utc(at.plus(ContactJudge.CLOCK_SKEW)))
                        .addOffsetDateTime(utc(at.minus(config.matchWindow()))))
                .map(rows -> {
                    List<MadeDecision> latestFirst = new ArrayList<>();
                    rows.forEach(row -> latestFirst.add(decision(row)));
                    return judge.judgeLatest(contact, latestFirst);
                });
    }

    private Uni<Optional<NewEvidence>> apply(SqlConnection connection, Contact contact, ContactJudge.Verdict verdict) {
        UUID decisionId = verdict.decision().map(MadeDecision::id).orElse(null);
        // a send that never left the provider (failed, canceled) uses nothing: the tenant may retry under the ALLOW
        Uni<ContactJudge.Verdict> settled = verdict.confirms() && contact.reached()
                ? connection
                        .preparedQuery(CONFIRM)
                        .execute(Tuple.of(decisionId, utc(contact.contactedAt())))
                        // judged unused a moment ago in this transaction: only a concurrent batch could have used it
                        .chain(rows -> rows.size() == 1
                                ? connection
                                        .preparedQuery(SAME_PLANNED_SEND)
                                        .execute(Tuple.of(decisionId, utc(contact.contactedAt())))
                                        .replaceWith(verdict)
                                : Uni.createFrom()
                                        .item(ContactJudge.Verdict.violated(
                                                verdict.decision().orElseThrow(),
                                                ContactViolation.DECISION_ALREADY_USED)))
                : Uni.createFrom().item(verdict);
        return settled.chain(judged -> {
            String violation = judged.violation().map(Enum::name).orElse(null);
            counter(contact.channel(), violation == null ? "ALLOWED" : violation)
                    .increment();
            return connection
                    .preparedQuery(JUDGED)
                    .execute(Tuple.tuple()
                            .addString(contact.tenant().value())
                            .addString(contact.provider().name())
                            .addString(contact.reference())
                            .addString(contact.subject().value())
                            .addUUID(decisionId)
                            .addString(violation))
                    .map(done -> judged.violation().map(kind -> evidence(contact, judged, kind)));
        });
    }

    private static Uni<Void> queue(SqlConnection connection, List<Optional<UUID>> appended) {
        List<Tuple> rows =
                appended.stream().flatMap(Optional::stream).map(Tuple::of).toList();
        return rows.isEmpty()
                ? Uni.createFrom().voidItem()
                : connection
                        .preparedQuery("INSERT INTO violation_outbox (evidence_id) VALUES ($1)")
                        .executeBatch(rows)
                        .replaceWithVoid();
    }

    /** The finding as ledger evidence: what was sent, when, and what the decisions said. */
    private static NewEvidence evidence(Contact contact, ContactJudge.Verdict verdict, ContactViolation violation) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("violation", violation.name());
        content.put("provider", contact.provider().name());
        content.put("reference", contact.reference());
        content.put("sender", contact.sender()); // the tenant's own number
        content.put("contactedAt", contact.contactedAt().toString());
        content.put("statusEventId", contact.statusEventId());
        verdict.decision().ifPresent(decision -> {
            content.put("decisionId", decision.id().toString());
            content.put("decisionOutcome", decision.outcome().name());
            content.put("decisionReasons", decision.reasons());
        });
        return new NewEvidence(
                contact.tenant(),
                contact.subject(),
                "contact-violation/" + contact.provider().name() + "/" + contact.reference(),
                EvidenceKind.CONTACT_VIOLATION,
                contact.channel(),
                contact.contactedAt(),
                content);
    }

    private static MadeDecision decision(Row row) {
        String reasons = row.getString("reasons");
        return new MadeDecision(
                row.getUUID("id"),
                row.getString("subject_id").trim(),
                row.getString("channel"),
                row.getString("sender"),
                DecisionOutcome.valueOf(row.getString("outcome")),
                reasons == null || reasons.isEmpty() ? List.of() : Arrays.asList(reasons.split(",")),
                instant(row.getOffsetDateTime("decided_at")),
                instant(row.getOffsetDateTime("decided_for")),
                instant(row.getOffsetDateTime("defer_until")),
                instant(row.getOffsetDateTime("valid_until")),
                row.getBoolean("used"));
    }
}
