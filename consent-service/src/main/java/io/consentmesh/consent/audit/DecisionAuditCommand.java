package io.consentmesh.consent.audit;

import io.consentmesh.consent.authorization.rules.RuleSet;
import io.consentmesh.consent.authorization.rules.RuleSetParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.UUID;

/**
 * Decision re-check and back-test from the command line, for an auditor with read access to the database (or a
 * restored copy). Writes the report as JSON and Markdown and shows progress on stderr. Run it with
 * {@code deploy/audit/decision-audit.sh}.
 *
 * <pre>
 * DecisionAuditCommand JDBC_URL USER REPORT_DIR recheck DECISION_ID
 * DecisionAuditCommand JDBC_URL USER REPORT_DIR backtest CANDIDATE_RULE_SET.json FROM TO [TENANT]
 * (password from LEDGER_DB_PASSWORD)
 * </pre>
 *
 * Exit status: re-check 0 when the rules of its day reproduce the decision, 1 when not; back-test 0 when no outcome
 * changes, 1 when some do; 2 when it could not run.
 */
public final class DecisionAuditCommand {

    private DecisionAuditCommand() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: DecisionAuditCommand <jdbc-url> <user> <report-dir> recheck <decision-id>\n"
                    + "       DecisionAuditCommand <jdbc-url> <user> <report-dir> backtest <candidate.json> <from>"
                    + " <to> [tenant]   (LEDGER_DB_PASSWORD)");
            System.exit(2);
        }
        Path reports = Path.of(args[2]);
        try (Connection connection =
                DriverManager.getConnection(args[0], args[1], System.getenv("LEDGER_DB_PASSWORD"))) {
            DecisionAudit audit = DecisionAudit.load(connection);
            switch (args[3]) {
                case "recheck" -> {
                    DecisionAudit.Recheck recheck = audit.recheck(connection, UUID.fromString(args[4]), Instant.now())
                            .orElseThrow(() -> new IllegalArgumentException("no decision " + args[4]));
                    String markdown = markdown(recheck);
                    AuditReportFiles.write(reports, "decision-recheck-" + args[4], recheck, markdown);
                    System.out.print(markdown);
                    System.exit(recheck.reproduced() ? 0 : 1);
                }
                case "backtest" -> {
                    RuleSet candidate = RuleSetParser.parse(Files.readString(Path.of(args[4])));
                    DecisionAudit.BackTest backTest = audit.backTest(
                            connection,
                            candidate,
                            args.length > 7 ? args[7] : null,
                            Instant.parse(args[5]),
                            Instant.parse(args[6]),
                            n -> System.err.printf("... %d decisions re-evaluated%n", n));
                    String markdown = markdown(backTest);
                    AuditReportFiles.write(reports, "back-test-" + candidate.version(), backTest, markdown);
                    System.out.print(markdown);
                    System.exit(backTest.changes().isEmpty() ? 0 : 1);
                }
                default -> {
                    System.err.println("unknown audit " + args[3] + " (recheck or backtest)");
                    System.exit(2);
                }
            }
        }
    }

    static String markdown(DecisionAudit.Recheck recheck) {
        DecisionAudit.StoredDecision d = recheck.decision();
        StringBuilder md = new StringBuilder("# Decision re-check: " + d.decisionId() + "\n\n");
        md.append("| | |\n|---|---|\n")
                .append("| tenant | %s |\n".formatted(d.tenantId()))
                .append("| subject | %s |\n".formatted(d.subjectId()))
                .append("| channel, sender | %s from %s |\n".formatted(d.channel(), d.sender()))
                .append("| content class, campaign | %s, %s |\n".formatted(d.contentClass(), d.campaignId()))
                .append("| decided at, for | %s, %s |\n".formatted(d.decidedAt(), d.decidedFor()))
                .append("| stored answer | %s %s %s (rules %s) |\n"
                        .formatted(d.outcome(), orEmpty(d.deferUntil()), d.reasons(), d.ruleSetVersion()));
        md.append("\n## Evidence it relied on\n\n");
        if (recheck.evidence().isEmpty()) {
            md.append("No ledger records.\n");
        } else {
            md.append("| record | kind | channel | occurred | hash | previous |\n|---|---|---|---|---|---|\n");
            recheck.evidence()
                    .forEach(e -> md.append("| %s | %s | %s | %s | %s | %s |\n"
                            .formatted(e.id(), e.kind(), e.channel(), e.occurredAt(), e.hash(), e.prevHash())));
        }
        md.append("\n## Re-evaluated\n\n");
        if (recheck.rulesOfItsDay() == null && recheck.rulesOfToday() == null) {
            md.append("The decision was stored before facts were kept with decisions; it cannot be re-evaluated.\n");
            return md.toString();
        }
        md.append("| rules | answer | reasons |\n|---|---|---|\n");
        verdictRow(md, "of its day", recheck.rulesOfItsDay());
        verdictRow(md, "of today", recheck.rulesOfToday());
        md.append(
                recheck.reproduced()
                        ? "\nThe rules of its day give the stored answer again.\n"
                        : "\n**The rules of its day do not reproduce the stored answer.**\n");
        md.append(recheck.todayDiffers() ? "Today's rules would answer differently.\n" : "Today's rules agree.\n");
        return md.toString();
    }

    static String markdown(DecisionAudit.BackTest backTest) {
        StringBuilder md = new StringBuilder("# Back-test of rule set " + backTest.candidateVersion() + "\n\n");
        md.append("Decisions for sends in [%s, %s)%s: %d re-evaluated, %d without stored facts, %d would change.\n"
                .formatted(
                        backTest.from(),
                        backTest.to(),
                        backTest.tenantId() == null ? "" : " of tenant " + backTest.tenantId(),
                        backTest.examined(),
                        backTest.withoutFacts(),
                        backTest.changes().size()));
        if (!backTest.changes().isEmpty()) {
            md.append("\n| decision | tenant | send time | stored | candidate | candidate reasons |\n"
                    + "|---|---|---|---|---|---|\n");
            backTest.changes()
                    .forEach(c -> md.append("| %s | %s | %s | %s %s | %s %s | %s |\n"
                            .formatted(
                                    c.decisionId(),
                                    c.tenantId(),
                                    c.decidedFor(),
                                    c.storedOutcome(),
                                    c.storedReasons(),
                                    c.candidate().outcome(),
                                    orEmpty(c.candidate().deferUntil()),
                                    c.candidate().reasons())));
        }
        return md.toString();
    }

    private static void verdictRow(StringBuilder md, String which, DecisionAudit.Verdict verdict) {
        if (verdict == null) {
            md.append("| %s | the rule set is not stored | |\n".formatted(which));
        } else {
            md.append("| %s (%s) | %s %s | %s |\n"
                    .formatted(
                            which,
                            verdict.ruleSetVersion(),
                            verdict.outcome(),
                            orEmpty(verdict.deferUntil()),
                            verdict.reasons()));
        }
    }

    private static String orEmpty(Object value) {
        return value == null ? "" : "until " + value;
    }
}
