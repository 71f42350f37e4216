package io.consentmesh.consent.integrity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Files;
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
 * (password from the environment variable LEDGER_DB_PASSWORD)
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
                    connection, records -> System.err.printf("... %d records verified%n", records));
        }
        Path dir = Files.createDirectories(Path.of(args[2]));
        ObjectMapper json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT);
        json.writeValue(dir.resolve("ledger-integrity.json").toFile(), report);
        Files.writeString(dir.resolve("ledger-integrity.md"), markdown(report));
        System.out.print(markdown(report));
        System.exit(report.intact() ? 0 : 1);
    }

    static String markdown(LedgerVerifier.Report report) {
        StringBuilder md = new StringBuilder("# Evidence ledger integrity\n\n");
        md.append("Verified at ")
                .append(report.verifiedAt())
                .append(": ")
                .append(report.subjects())
                .append(" subjects, ")
                .append(report.records())
                .append(" records, ")
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
