package io.consentmesh.consent.consents.imports;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What became of each row of one import. Rows are numbered from 1 in the order of the file (in a CSV file, row 1 is
 * the line after the header). The report names rows by number and by the tenant's own reference, never by phone
 * number, so that it holds no personal data beyond the tenant's ids.
 */
public record ImportReport(
        UUID importId,
        String tenantId,
        ImportRows.Format format,
        Instant receivedAt,
        int rows,
        int recorded,
        int alreadyRecorded,
        int rejected,
        List<RowResult> results) {

    public enum RowStatus {
        /** A new ledger record and the consent state it supports. */
        RECORDED,
        /** The same row was imported before (same externalRef, or the same content): nothing new written. */
        ALREADY_RECORDED,
        /** Not a valid consent record; {@code problem} says why. Nothing written. */
        REJECTED
    }

    /**
     * @param externalRef the row's own reference, when it has one
     * @param evidenceId the ledger record of a recorded (or already recorded) row
     */
    public record RowResult(int row, String externalRef, RowStatus status, UUID evidenceId, String problem) {}
}
