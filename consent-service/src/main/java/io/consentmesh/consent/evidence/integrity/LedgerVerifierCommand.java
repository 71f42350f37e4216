package io.consentmesh.consent.evidence.integrity;

import io.consentmesh.consent.audit.AuditReportFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * The ledger verifier from the command line, for an auditor with read access to the database (or a restored copy):
 * no service needed. Shows progress on stderr, writes the report as JSON and Markdown, and exits 0 when every chain
 * is intact, 1 when a link is broken. Run it with {@code deploy/audit/verify-ledger.sh}.
 *
 * <pre>
 * LedgerVerifierCommand jdbc:postgresql://host:5432/consentmesh?currentSchema=consent USER report-dir
 * (password from the environment variable LEDGER_DB_PASSWORD; the checkpoints' Ed25519 public key, base64, from
 * LEDGER_CHECKPOINT_PUBLIC_KEY — without it every checkpoint is reported unverifiable)
 * </pre>
 */
public final class LedgerVerifierCommand {

    private LedgerVerifierCommand() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: LedgerVerifierCommand <jdbc-url> <user> <report-dir>  (LEDGER_DB_PASSWORD)");
            System.exit(2);
        }
        LedgerVerifier.Report report;
        try (Connection connection =
                DriverManager.getConnection(args[0], args[1], System.getenv("LEDGER_DB_PASSWORD"))) {
            report = LedgerVerifier.verify(
                    connection,
                    System.getenv("LEDGER_CHECKPOINT_PUBLIC_KEY"),
                    records -> System.err.printf("... %d records verified%n", records));
        }
        AuditReportFiles.write(Path.of(args[2]), "ledger-integrity", report, markdown(report));
        System.out.print(markdown(report));
        System.exit(report.intact() ? 0 : 1);
    }

    static String markdown(LedgerVerifier.Report report) {
        return markdown("Evidence ledger integrity", report);
    }

    static String markdown(String title, LedgerVerifier.Report report) {
        StringBuilder md = new StringBuilder("# " + title + "\n\n");
        md.append("Verified at ")
                .append(report.verifiedAt())
                .append(": ")
                .append(report.subjects())
                .append(" subjects, ")
                .append(report.records())
                .append(" records, ")
                .append(report.checkpoints())
                .append(" signed checkpoints, ")
                .append(
                        report.intact()
                                ? "every chain intact.\n"
                                : report.breaks().size() + " broken chains.\n");
        if (!report.intact()) {
            md.append(
                    "\n| tenant | subject | break | record | expected | actual | meaning |\n|---|---|---|---|---|---|---|\n");
            for (ChainBreak b : report.breaks()) {
                md.append("| %s | %s | %s | %s | %s | %s | %s |\n"
                        .formatted(
                                b.tenantId(),
                                b.subjectId(),
                                b.kind(),
                                b.recordId(),
                                b.expected(),
                                b.actual(),
                                b.detail()));
            }
        }
        return md.toString();
    }
}
