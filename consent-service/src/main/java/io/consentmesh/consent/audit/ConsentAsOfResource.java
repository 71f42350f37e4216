package io.consentmesh.consent.audit;

import io.agroal.api.AgroalDataSource;
import io.consentmesh.consent.audit.ConsentFold.LedgerRecord;
import io.consentmesh.consent.ledger.Channel;
import io.consentmesh.consent.ledger.EvidenceKind;
import io.consentmesh.consent.state.CurrentConsent;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.runtime.subject.SubjectConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * "What did we know about this person's consent at that instant, and which records prove it?": the ledger records
 * written up to the instant, folded into a state ({@link ConsentFold}), with each record's hash and predecessor so
 * the answer can be checked against the chain ({@code /v1/audit/ledger-integrity}).
 */
@Path("/v1/audit/consent-as-of")
@Produces(MediaType.APPLICATION_JSON)
public class ConsentAsOfResource {

    /** The answer: the state per channel at the instant, and the records (oldest first) it rests on. */
    public record ConsentAsOf(
            String subjectId, Instant at, List<CurrentConsent> consents, List<LedgerRecord> evidence) {}

    private final AgroalDataSource database;
    private final SubjectKeys subjectKeys;
    private final SubjectConfig config;

    ConsentAsOfResource(AgroalDataSource database, SubjectKeys subjectKeys, SubjectConfig config) {
        this.database = database;
        this.subjectKeys = subjectKeys;
        this.config = config;
    }

    @GET
    @Operation(summary = "A person's consent state as known at an instant, with the ledger records that prove it")
    public ConsentAsOf asOf(
            @QueryParam("tenantId") String tenantId,
            @QueryParam("phoneNumber") String phoneNumber,
            @QueryParam("at") String at)
            throws SQLException {
        if (tenantId == null || tenantId.isBlank() || phoneNumber == null || phoneNumber.isBlank()) {
            throw ProblemException.invalidRequest("tenantId and phoneNumber are required");
        }
        Instant instant = instant(at);
        TenantId tenant = new TenantId(tenantId);
        SubjectId subject = subjectKeys.subjectOf(tenant, phoneNumber, config.defaultRegion(), "phoneNumber");
        List<LedgerRecord> records = recordsKnownAt(tenant, subject, instant);
        List<CurrentConsent> consents = ConsentFold.fold(records);
        return new ConsentAsOf(subject.value(), instant, consents, records);
    }

    private List<LedgerRecord> recordsKnownAt(TenantId tenant, SubjectId subject, Instant at) throws SQLException {
        List<LedgerRecord> records = new ArrayList<>();
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT id, kind, channel, occurred_at, recorded_at, content->>'level' AS level,"
                                + " content->>'campaignId' AS campaign_id, content->>'expiresAt' AS expires_at,"
                                + " prev_hash, hash"
                                + " FROM consent.evidence WHERE tenant_id = ? AND subject_id = ? AND recorded_at <= ?"
                                + " ORDER BY occurred_at, recorded_at")) {
            query.setString(1, tenant.value());
            query.setString(2, subject.value());
            query.setObject(3, at.atOffset(ZoneOffset.UTC));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    String prev = row.getString("prev_hash");
                    records.add(new LedgerRecord(
                            UUID.fromString(row.getString("id")),
                            EvidenceKind.valueOf(row.getString("kind")),
                            Channel.valueOf(row.getString("channel")),
                            row.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                            row.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                            row.getString("level"),
                            row.getString("campaign_id"),
                            ConsentFold.instantOrNull(row.getString("expires_at")),
                            prev == null ? null : prev.trim(),
                            row.getString("hash").trim()));
                }
            }
        }
        return records;
    }

    private static Instant instant(String at) {
        if (at == null || at.isBlank()) {
            return Instant.now();
        }
        try {
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidRequest("at must be an ISO-8601 instant such as 2026-11-25T14:30:00Z");
        }
    }
}
