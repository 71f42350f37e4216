package io.consentmesh.retention.report;

import java.time.Instant;
import java.util.List;

/**
 * Where a tenant's deletions stand, per category: what is kept and not due yet, due now, held, overdue (past its date
 * and its grace, not deleted), and deleted — with how many of those have a signed certificate.
 */
public record RetentionReport(String tenantId, Instant at, List<Line> categories) {

    public record Line(
            String category,
            String period,
            String legalBasis,
            long retained,
            long due,
            long held,
            long overdue,
            long deleted,
            long deletedWithCertificate,
            Instant oldestOverdueDueAt) {}

    static final String CSV_HEADER =
            "category,period,retained,due,held,overdue,deleted,deleted_with_certificate,oldest_overdue_due_at,legal_basis";

    public String csv() {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (Line line : categories) {
            csv.append(line.category())
                    .append(',')
                    .append(line.period())
                    .append(',')
                    .append(line.retained())
                    .append(',')
                    .append(line.due())
                    .append(',')
                    .append(line.held())
                    .append(',')
                    .append(line.overdue())
                    .append(',')
                    .append(line.deleted())
                    .append(',')
                    .append(line.deletedWithCertificate())
                    .append(',')
                    .append(line.oldestOverdueDueAt() == null ? "" : line.oldestOverdueDueAt())
                    .append(',')
                    .append(quoted(line.legalBasis()))
                    .append('\n');
        }
        return csv.toString();
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
