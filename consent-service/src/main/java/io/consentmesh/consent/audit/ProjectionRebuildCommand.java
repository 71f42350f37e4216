package io.consentmesh.consent.audit;

import io.consentmesh.contracts.KafkaLogin;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * The projection rebuild from the command line: replays {@code consent.evidence.v1} into a fresh projection and
 * compares it with the live {@code consent_state} table. Progress on stderr; {@code projection-rebuild.json} and
 * {@code .md}; exit 0 when the state hashes match, 1 when they differ. Run it with
 * {@code deploy/audit/rebuild-projection.sh}.
 *
 * <pre>
 * ProjectionRebuildCommand BOOTSTRAP_SERVERS JDBC_URL USER REPORT_DIR [TENANT]   (password from LEDGER_DB_PASSWORD)
 * </pre>
 */
public final class ProjectionRebuildCommand {

    private ProjectionRebuildCommand() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 4 || args.length > 5) {
            System.err.println(
                    "usage: ProjectionRebuildCommand <bootstrap-servers> <jdbc-url> <user> <report-dir> [tenant]"
                            + "  (LEDGER_DB_PASSWORD; KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD)");
            System.exit(2);
        }
        ProjectionRebuild rebuild = new ProjectionRebuild(args.length == 5 ? args[4] : null);
        EvidenceLog.read(
                KafkaLogin.clientConfigFromEnvironment(args[0]),
                rebuild::accept,
                events -> System.err.printf("... %d events replayed%n", events));
        ProjectionRebuild.Report report;
        try (Connection connection =
                DriverManager.getConnection(args[1], args[2], System.getenv("LEDGER_DB_PASSWORD"))) {
            report = rebuild.compare(connection);
        }
        String markdown = markdown(report);
        AuditReportFiles.write(Path.of(args[3]), "projection-rebuild", report, markdown);
        System.out.print(markdown);
        System.exit(report.matches() ? 0 : 1);
    }

    static String markdown(ProjectionRebuild.Report report) {
        StringBuilder md = new StringBuilder("# Consent-state projection rebuilt from consent.evidence.v1\n\n");
        md.append("| | live | rebuilt |\n|---|---|---|\n")
                .append("| rows | %d | %d |\n".formatted(report.liveRows(), report.rebuiltRows()))
                .append("| state hash | `%s` | `%s` |\n".formatted(report.liveStateHash(), report.rebuiltStateHash()));
        md.append("\nReplayed %d events about %d subjects at %s: %s\n"
                .formatted(
                        report.events(),
                        report.subjects(),
                        report.rebuiltAt(),
                        report.matches()
                                ? "the rebuilt projection equals the live one."
                                : report.differenceCount() + " rows differ."));
        if (!report.differences().isEmpty()) {
            md.append("\n| tenant | subject | channel | scope | live | rebuilt |\n|---|---|---|---|---|---|\n");
            report.differences()
                    .forEach(d -> md.append("| %s | %s | %s | %s | %s | %s |\n"
                            .formatted(
                                    d.tenantId(),
                                    d.subjectId(),
                                    d.channel(),
                                    d.campaignId() == null ? "brand" : d.campaignId(),
                                    d.live(),
                                    d.rebuilt())));
        }
        return md.toString();
    }
}
