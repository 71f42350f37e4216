package io.consentmesh.consent.authorization.interactions;

import static io.consentmesh.runtime.sql.Timestamps.instant;
import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.consent.authorization.contacts.ContactsConfig;
import io.consentmesh.consent.consents.state.ConsentStatus;
import io.consentmesh.consent.consents.state.CurrentConsent;
import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.runtime.batching.GroupCommit;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads and writes the person-level facts besides consent: do-not-contact, restrictions, interactions, contacts
 * (made and reserved). */
@ApplicationScoped
public class Interactions {

    /**
     * Every fact in one statement, for a whole group of concurrent requests: the authorizer's latency budget has room
     * for one round trip, not five, and at thousands of requests a second one statement per group instead of one per
     * request halves PostgreSQL's work (docs/benchmarks.md).
     */
    private static final String FACTS = "SELECT"
            + " (SELECT at FROM last_inbound l WHERE l.tenant_id = k.tenant_id AND l.subject_id = k.subject_id)"
            + " AS last_inbound,"
            + " (SELECT ARRAY[requested_at, preferred_at, used_at] FROM callback_request c"
            + " WHERE c.tenant_id = k.tenant_id AND c.subject_id = k.subject_id) AS callback,"
            + " (SELECT added_at FROM do_not_contact d WHERE d.tenant_id = k.tenant_id AND d.subject_id = k.subject_id)"
            + " AS dnc,"
            + " (SELECT restricted_at FROM processing_restriction r"
            + " WHERE r.tenant_id = k.tenant_id AND r.subject_id = k.subject_id) AS restricted,"
            + " (SELECT objected_at FROM marketing_objection o"
            + " WHERE o.tenant_id = k.tenant_id AND o.subject_id = k.subject_id) AS objected,"
            // contacts made (a send's status showed it) and contacts reserved (an ALLOW no send has used yet, until it
            // lapses), where a later ALLOW of the same sender for a time inside an earlier one's validity is the same
            // planned send asked about again, and so is the one being asked about now
            + " ARRAY(SELECT at FROM (SELECT c.contacted_at AS at FROM contact_made c"
            + " WHERE c.tenant_id = k.tenant_id AND c.subject_id = k.subject_id AND c.reached"
            + " AND c.contacted_at > k.since AND c.contacted_at <= k.until"
            + " UNION ALL SELECT x.decided_for FROM decision x WHERE x.tenant_id = k.tenant_id"
            + " AND x.subject_id = k.subject_id AND x.outcome = 'ALLOW' AND x.confirmed_at IS NULL"
            + " AND x.decided_for > k.since AND x.decided_for <= k.until"
            + " AND coalesce(x.valid_until, x.decided_for) > k.lapsed"
            + " AND NOT (x.channel = k.channel AND x.sender = k.sender"
            + " AND k.until BETWEEN x.decided_for AND coalesce(x.valid_until, x.decided_for))"
            + " AND NOT EXISTS (SELECT 1 FROM decision y WHERE y.tenant_id = x.tenant_id"
            + " AND y.subject_id = x.subject_id AND y.channel = x.channel AND y.sender = x.sender"
            + " AND y.outcome = 'ALLOW' AND y.decided_at > x.decided_at"
            + " AND y.decided_for BETWEEN x.decided_for AND coalesce(x.valid_until, x.decided_for))"
            + ") made ORDER BY at DESC LIMIT k.most) AS contacts,"
            + " (SELECT json_agg(json_build_object('channel', channel, 'scope', scope, 'status', status, 'level', level,"
            + " 'evidence', basis_evidence_id, 'at', changed_at, 'expires', expires_at)) FROM consent_state s"
            + " WHERE s.tenant_id = k.tenant_id AND s.subject_id = k.subject_id) AS consents"
            + " FROM unnest($1::text[], $2::char(64)[], $3::timestamptz[], $4::timestamptz[], $5::int[], $6::text[],"
            + " $7::text[], $8::timestamptz[])"
            + " WITH ORDINALITY AS k (tenant_id, subject_id, since, until, most, channel, sender, lapsed, n)"
            + " ORDER BY k.n";

    private record FactsQuery(
            TenantId tenant,
            SubjectId subject,
            Instant contactsSince,
            Instant contactsUntil,
            int mostContacts,
            Channel channel,
            String sender,
            Instant reservationsLapsedBefore) {}

    private final Pool database;
    private final ContactsConfig contacts;
    private final Clock clock = Clock.systemUTC();
    private final GroupCommit<FactsQuery, PersonFacts> facts;

    Interactions(Pool database, ContactsConfig contacts) {
        this.database = database;
        this.contacts = contacts;
        this.facts = new GroupCommit<>(256, 4, this::factsOfAll);
    }

    /**
     * @param contactsSince, contactsUntil, mostContacts which contacts the caps need: the latest {@code mostContacts}
     *     in ({@code contactsSince}, {@code contactsUntil}] (a busy person's older texts would only grow every
     *     decision's stored facts)
     * @param channel, sender the send asked about: an unused ALLOW of the same sender for this time is this send's own
     *     reservation, not another contact
     */
    public Uni<PersonFacts> factsOf(
            TenantId tenant,
            SubjectId subject,
            Instant contactsSince,
            Instant contactsUntil,
            int mostContacts,
            Channel channel,
            String sender) {
        Instant lapsedBefore = clock.instant().minus(contacts.reservationLapse());
        return facts.submit(new FactsQuery(
                tenant, subject, contactsSince, contactsUntil, mostContacts, channel, sender, lapsedBefore));
    }

    private Uni<List<PersonFacts>> factsOfAll(List<FactsQuery> queries) {
        return database.preparedQuery(FACTS)
                .execute(Tuple.from(List.<Object>of(
                        queries.stream().map(q -> q.tenant().value()).toArray(String[]::new),
                        queries.stream().map(q -> q.subject().value()).toArray(String[]::new),
                        queries.stream().map(q -> utc(q.contactsSince())).toArray(OffsetDateTime[]::new),
                        queries.stream().map(q -> utc(q.contactsUntil())).toArray(OffsetDateTime[]::new),
                        queries.stream().map(FactsQuery::mostContacts).toArray(Integer[]::new),
                        queries.stream().map(q -> q.channel().name()).toArray(String[]::new),
                        queries.stream().map(FactsQuery::sender).toArray(String[]::new),
                        queries.stream()
                                .map(q -> utc(q.reservationsLapsedBefore()))
                                .toArray(OffsetDateTime[]::new))))
                .map(rows -> {
                    List<PersonFacts> all = new ArrayList<>(queries.size());
                    for (Row row : rows) {
                        all.add(factsOf(row));
                    }
                    return all;
                });
    }

    private static PersonFacts factsOf(Row row) {
        List<Instant> contacts = new ArrayList<>();
        for (Object at : row.getArrayOfOffsetDateTimes("contacts")) {
            contacts.add(((OffsetDateTime) at).toInstant());
        }
        Collections.reverse(contacts); // read latest first, kept oldest first
        List<CurrentConsent> consents = new ArrayList<>();
        JsonArray states = row.getJsonArray("consents");
        if (states != null) {
            for (int i = 0; i < states.size(); i++) {
                JsonObject state = states.getJsonObject(i);
                String expires = state.getString("expires");
                consents.add(new CurrentConsent(
                        Channel.valueOf(state.getString("channel")),
                        CurrentConsent.campaignOf(state.getString("scope")),
                        ConsentStatus.valueOf(state.getString("status")),
                        state.getString("level"),
                        UUID.fromString(state.getString("evidence")),
                        OffsetDateTime.parse(state.getString("at")).toInstant(),
                        expires == null ? null : OffsetDateTime.parse(expires).toInstant()));
            }
        }
        // requested, preferred, used (the last two may be null); no row: no callback asked for
        Object[] callback =
                row.getValue("callback") == null ? new Object[3] : row.getArrayOfOffsetDateTimes("callback");
        return new PersonFacts(
                List.copyOf(consents),
                instant(row.getOffsetDateTime("last_inbound")),
                instant((OffsetDateTime) callback[0]),
                instant((OffsetDateTime) callback[1]),
                instant((OffsetDateTime) callback[2]),
                instant(row.getOffsetDateTime("dnc")),
                instant(row.getOffsetDateTime("restricted")),
                instant(row.getOffsetDateTime("objected")),
                List.copyOf(contacts));
    }

    /** When the tenant put the person on its do-not-contact list, if it did. */
    public Uni<Optional<Instant>> doNotContactSince(TenantId tenant, SubjectId subject) {
        return database.preparedQuery("SELECT added_at FROM do_not_contact WHERE tenant_id = $1 AND subject_id = $2")
                .execute(Tuple.of(tenant.value(), subject.value()))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.ofNullable(instant(rows.iterator().next().getOffsetDateTime("added_at"))));
    }

    /** @return true if the person was not on the list before */
    public Uni<Boolean> addToDoNotContact(TenantId tenant, SubjectId subject, String reason, Instant at) {
        return database.preparedQuery("INSERT INTO do_not_contact (tenant_id, subject_id, added_at, reason)"
                        + " VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(tenant.value(), subject.value(), utc(at), reason))
                .map(result -> result.rowCount() == 1);
    }

    /** @return true if the person was on the list */
    public Uni<Boolean> removeFromDoNotContact(TenantId tenant, SubjectId subject) {
        return database.preparedQuery("DELETE FROM do_not_contact WHERE tenant_id = $1 AND subject_id = $2")
                .execute(Tuple.of(tenant.value(), subject.value()))
                .map(result -> result.rowCount() == 1);
    }

    /** A restriction of processing from a data-subject request; a repeat of the same request has no second effect. */
    public Uni<Void> restrict(TenantId tenant, SubjectId subject, String requestId, Instant at) {
        return database.preparedQuery("INSERT INTO processing_restriction (tenant_id, subject_id, request_id,"
                        + " restricted_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(tenant.value(), subject.value(), requestId, utc(at)))
                .replaceWithVoid();
    }

    /**
     * An objection to direct marketing from a data-subject request; the first objection stands.
     *
     * @return true if this request's objection is the one recorded now
     */
    public Uni<Boolean> objectToMarketing(TenantId tenant, SubjectId subject, String requestId, Instant at) {
        return database.preparedQuery("INSERT INTO marketing_objection (tenant_id, subject_id, request_id,"
                        + " objected_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(tenant.value(), subject.value(), requestId, utc(at)))
                .map(result -> result.rowCount() == 1);
    }

    /** @return true if a restriction was lifted */
    public Uni<Boolean> liftRestriction(TenantId tenant, SubjectId subject) {
        return database.preparedQuery("DELETE FROM processing_restriction WHERE tenant_id = $1 AND subject_id = $2")
                .execute(Tuple.of(tenant.value(), subject.value()))
                .map(result -> result.rowCount() == 1);
    }
}
