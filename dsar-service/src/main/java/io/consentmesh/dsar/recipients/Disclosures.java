package io.consentmesh.dsar.recipients;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.runtime.subject.SubjectConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The recipients log: disclosures of a person's data to third parties, recorded once each (by the tenant's reference,
 * or by their content when it gives none) and read back per person, newest first.
 */
@ApplicationScoped
public class Disclosures {

    /** What recording a disclosure did: made it, or found it recorded already under its reference. */
    public record Recorded(Disclosure disclosure, boolean created) {}

    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Duration OLDEST = Duration.ofDays(366L * 10);
    private static final String COLUMNS = "id, recipient, recipient_kind, country, categories, purpose, legal_basis,"
            + " disclosed_at, reference, recorded_by, recorded_at";

    private final Pool database;
    private final SubjectKeys subjectKeys;
    private final SubjectConfig subjects;

    Disclosures(Pool database, SubjectKeys subjectKeys, SubjectConfig subjects) {
        this.database = database;
        this.subjectKeys = subjectKeys;
        this.subjects = subjects;
    }

    public Uni<Recorded> record(NewDisclosure disclosure, String recordedBy) {
        Instant now = Instant.now();
        if (disclosure.disclosedAt().isAfter(now.plus(CLOCK_SKEW))) {
            throw ProblemException.invalidRequest("disclosedAt is in the future");
        }
        if (disclosure.disclosedAt().isBefore(now.minus(OLDEST))) {
            throw ProblemException.invalidRequest("disclosedAt is more than ten years ago");
        }
        SubjectId subject = subjectOf(disclosure.tenantId().value(), disclosure.phoneNumber());
        String reference = disclosure.reference() != null
                ? disclosure.reference()
                : "content:"
                        + EventIds.of(
                                "disclosure",
                                subject.value(),
                                disclosure.recipient(),
                                disclosure.recipientKind().name(),
                                String.valueOf(disclosure.country()),
                                String.join("\u001f", disclosure.categories()),
                                disclosure.purpose(),
                                disclosure.disclosedAt().toString());
        UUID id = UUID.randomUUID();
        return database.preparedQuery("INSERT INTO recipient_disclosure (id, tenant_id, subject_id, recipient,"
                        + " recipient_kind, country, categories, purpose, legal_basis, disclosed_at, reference,"
                        + " recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
                        + " ON CONFLICT (tenant_id, reference) DO NOTHING RETURNING id")
                .execute(Tuple.from(Arrays.asList(
                        id,
                        disclosure.tenantId().value(),
                        subject.value(),
                        disclosure.recipient(),
                        disclosure.recipientKind().name(),
                        disclosure.country(),
                        disclosure.categories().toArray(String[]::new),
                        disclosure.purpose(),
                        disclosure.legalBasis(),
                        utc(disclosure.disclosedAt()),
                        reference,
                        recordedBy)))
                .chain(inserted -> database.preparedQuery("SELECT " + COLUMNS
                                + " FROM recipient_disclosure WHERE tenant_id = $1 AND reference = $2")
                        .execute(Tuple.of(disclosure.tenantId().value(), reference))
                        .map(rows -> new Recorded(
                                disclosures(rows).get(0), inserted.iterator().hasNext())));
    }

    /** A person's disclosures, newest first. */
    public Uni<List<Disclosure>> of(String tenantId, String phoneNumber) {
        return ofSubject(tenantId, subjectOf(tenantId, phoneNumber).value());
    }

    public Uni<List<Disclosure>> ofSubject(String tenantId, String subjectId) {
        return database.preparedQuery("SELECT " + COLUMNS + " FROM recipient_disclosure"
                        + " WHERE tenant_id = $1 AND subject_id = $2 ORDER BY disclosed_at DESC, recorded_at DESC")
                .execute(Tuple.of(tenantId, subjectId))
                .map(Disclosures::disclosures);
    }

    private SubjectId subjectOf(String tenantId, String phoneNumber) {
        return subjectKeys.subjectOf(
                new io.consentmesh.contracts.envelope.TenantId(tenantId),
                phoneNumber,
                subjects.defaultRegion(),
                "phoneNumber");
    }

    private static List<Disclosure> disclosures(RowSet<Row> rows) {
        List<Disclosure> found = new ArrayList<>();
        for (Row row : rows) {
            String country = row.getString("country");
            found.add(new Disclosure(
                    row.getUUID("id"),
                    row.getString("recipient"),
                    row.getString("recipient_kind"),
                    country == null ? null : country.trim(),
                    Arrays.asList(row.getArrayOfStrings("categories")),
                    row.getString("purpose"),
                    row.getString("legal_basis"),
                    row.getOffsetDateTime("disclosed_at").toInstant(),
                    row.getString("reference"),
                    row.getString("recorded_by"),
                    row.getOffsetDateTime("recorded_at").toInstant()));
        }
        return found;
    }
}
