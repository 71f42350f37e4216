package io.consentmesh.consent.consents.imports;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.consentmesh.consent.consents.ConsentRecorder;
import io.consentmesh.consent.consents.ConsentSource;
import io.consentmesh.consent.consents.RecordConsentRequest;
import io.consentmesh.consent.consents.imports.ImportReport.RowResult;
import io.consentmesh.consent.consents.imports.ImportReport.RowStatus;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.runtime.http.ProblemException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Imports consents the tenant collected before it used the mesh, row by row: each valid row is recorded exactly as
 * {@code POST /v1/consents} would record it (the same evidence requirements per source, its own ledger record and
 * transaction), an invalid row is refused with its reason without stopping the rest, and importing the same file again
 * records nothing twice. Rows without a source are {@code API_IMPORT}.
 */
@ApplicationScoped
public class ConsentImport {

    private static final String ORIGIN = "consent-import";

    private final ConsentRecorder recorder;
    private final Pool database;
    private final ObjectMapper json;
    private final int maxRows;

    ConsentImport(
            ConsentRecorder recorder,
            Pool database,
            ObjectMapper json,
            @ConfigProperty(name = "mesh.consent.import.max-rows", defaultValue = "10000") int maxRows) {
        this.recorder = recorder;
        this.database = database;
        this.json = json;
        this.maxRows = maxRows;
    }

    public Uni<ImportReport> run(TenantId tenant, ImportRows.Format format, String body) {
        List<Map<String, Object>> rows = ImportRows.parse(format, body, maxRows);
        UUID importId = UUID.randomUUID();
        Instant receivedAt = Instant.now();
        return Multi.createFrom()
                .range(0, rows.size())
                .onItem()
                .transformToUniAndConcatenate(index -> importRow(tenant, importId, index + 1, rows.get(index)))
                .collect()
                .asList()
                .map(results -> report(importId, tenant, format, receivedAt, results))
                .call(this::store);
    }

    private Uni<RowResult> importRow(TenantId tenant, UUID importId, int rowNumber, Map<String, Object> row) {
        String externalRef =
                row.get("externalRef") == null ? null : row.get("externalRef").toString();
        RecordConsentRequest request;
        try {
            request = request(tenant, row);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(rejected(rowNumber, externalRef, e));
        }
        String key = externalRef != null ? "ref:" + externalRef : "row:" + contentKey(row);
        return Uni.createFrom()
                .deferred(() -> recorder.record(request, ORIGIN, key, importId))
                .map(recorded -> new RowResult(
                        rowNumber,
                        externalRef,
                        recorded.alreadyRecorded() ? RowStatus.ALREADY_RECORDED : RowStatus.RECORDED,
                        recorded.evidenceId(),
                        null))
                .onFailure(e -> e instanceof IllegalArgumentException || e instanceof ProblemException)
                .recoverWithItem(e -> rejected(rowNumber, externalRef, e));
    }

    private RecordConsentRequest request(TenantId tenant, Map<String, Object> row) {
        if (row.containsKey(ImportRows.NOT_AN_OBJECT)) {
            throw new IllegalArgumentException("each element of the array must be a consent record object");
        }
        Object rowTenant = row.get("tenantId");
        if (rowTenant != null && !tenant.value().equals(rowTenant.toString())) {
            throw new IllegalArgumentException("tenantId " + rowTenant + " is not the tenant of this import");
        }
        Map<String, Object> fields = new TreeMap<>(row);
        fields.put("tenantId", tenant.value());
        fields.putIfAbsent("source", ConsentSource.API_IMPORT.name());
        try {
            return json.convertValue(fields, RecordConsentRequest.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(reason(e), e);
        }
    }

    /** The row's own words for what is wrong: the field and value Jackson could not take, or the record's check. */
    private static String reason(IllegalArgumentException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidFormatException format
                    && !format.getPath().isEmpty()) {
                return format.getPath().get(0).getFieldName() + ": '" + format.getValue() + "' is not a valid "
                        + format.getTargetType().getSimpleName();
            }
            if (cause instanceof MismatchedInputException input
                    && !input.getPath().isEmpty()) {
                return input.getPath().get(0).getFieldName() + ": " + ImportRows.firstLine(input.getOriginalMessage());
            }
            if (cause.getCause() == null) {
                return ImportRows.firstLine(cause.getMessage());
            }
        }
        return "not a consent record";
    }

    private static RowResult rejected(int rowNumber, String externalRef, Throwable e) {
        return new RowResult(rowNumber, externalRef, RowStatus.REJECTED, null, e.getMessage());
    }

    /** A row without its own reference is known by its content: the same row imported again is the same consent. */
    private String contentKey(Map<String, Object> row) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] canonical = json.writeValueAsString(new TreeMap<>(row)).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(sha256.digest(canonical));
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("a parsed row is always serialisable and every JDK has SHA-256", e);
        }
    }

    private static ImportReport report(
            UUID importId, TenantId tenant, ImportRows.Format format, Instant receivedAt, List<RowResult> results) {
        int recorded = count(results, RowStatus.RECORDED);
        int again = count(results, RowStatus.ALREADY_RECORDED);
        int rejected = count(results, RowStatus.REJECTED);
        return new ImportReport(
                importId, tenant.value(), format, receivedAt, results.size(), recorded, again, rejected, results);
    }

    private static int count(List<RowResult> results, RowStatus status) {
        return (int) results.stream().filter(r -> r.status() == status).count();
    }

    private Uni<Void> store(ImportReport report) {
        String reportJson;
        try {
            reportJson = json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return database.preparedQuery(
                        """
                        INSERT INTO consent_import (id, tenant_id, received_at, format, rows_total, recorded,
                                                    already_recorded, rejected, report)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::jsonb)""")
                .execute(Tuple.from(Arrays.asList(
                        report.importId(),
                        report.tenantId(),
                        utc(report.receivedAt()),
                        report.format().name(),
                        report.rows(),
                        report.recorded(),
                        report.alreadyRecorded(),
                        report.rejected(),
                        reportJson)))
                .replaceWithVoid();
    }

    /** A stored report, as it was returned when the import ran. */
    public Uni<Optional<ImportReport>> report(TenantId tenant, UUID importId) {
        return database.preparedQuery("SELECT report::text FROM consent_import WHERE id = $1 AND tenant_id = $2")
                .execute(Tuple.of(importId, tenant.value()))
                .map(rows -> {
                    var found = rows.iterator();
                    return found.hasNext()
                            ? Optional.of(readReport(found.next().getString(0)))
                            : Optional.<ImportReport>empty();
                });
    }

    private ImportReport readReport(String stored) {
        try {
            return json.readValue(stored, ImportReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored import report is always readable", e);
        }
    }
}
