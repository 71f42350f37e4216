package io.consentmesh.consent.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The as-of and call-timeline audits from the command line: asks consent-service (which holds the subject-key secret
 * that turns a phone number into a subject id) and writes the answer as JSON and Markdown. Run it with
 * {@code deploy/audit/query.sh}.
 *
 * <pre>
 * AuditQueryCommand BASE_URL REPORT_DIR as-of TENANT PHONE_NUMBER INSTANT
 * AuditQueryCommand BASE_URL REPORT_DIR call TENANT CALL_ID
 * </pre>
 *
 * Exit status: 0 answered (for a call: its verdict is not a violation), 1 a call whose verdict is a violation, 2 no
 * answer (unknown call, bad input, service unreachable).
 */
public final class AuditQueryCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditQueryCommand() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 5 || !(args[2].equals("as-of") && args.length == 6 || args[2].equals("call"))) {
            System.err.println("usage: AuditQueryCommand <base-url> <report-dir> as-of <tenant> <phone> <instant>\n"
                    + "       AuditQueryCommand <base-url> <report-dir> call <tenant> <call-id>");
            System.exit(2);
        }
        String base = args[0].replaceAll("/+$", "");
        boolean asOf = args[2].equals("as-of");
        String url = asOf
                ? base + "/v1/audit/consent-as-of?tenantId=" + encode(args[3]) + "&phoneNumber=" + encode(args[4])
                        + "&at=" + encode(args[5])
                : base + "/v1/audit/calls/" + encode(args[4]) + "?tenantId=" + encode(args[3]);
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            System.err.printf("%d %s%n", response.statusCode(), response.body());
            System.exit(2);
        }
        JsonNode answer = JSON.readTree(response.body());
        String markdown = asOf ? asOfMarkdown(answer) : callMarkdown(answer);
        String name = asOf ? "consent-as-of-" + answer.path("subjectId").asText() : "call-" + args[4];
        AuditReportFiles.write(Path.of(args[1]), name, answer, markdown);
        System.out.print(markdown);
        boolean violation = !asOf && isViolation(answer.path("verdict").asText());
        System.exit(violation ? 1 : 0);
    }

    public static String asOfMarkdown(JsonNode answer) {
        StringBuilder md =
                new StringBuilder("# Consent as of " + answer.path("at").asText() + "\n\n");
        md.append("Subject `").append(answer.path("subjectId").asText()).append("`.\n\n");
        md.append("| channel | scope | status | level | basis record | since | expires |\n"
                + "|---|---|---|---|---|---|---|\n");
        answer.path("consents")
                .forEach(c -> md.append("| %s | %s | %s | %s | %s | %s | %s |\n"
                        .formatted(
                                c.path("channel").asText(),
                                c.path("campaignId").asText("brand"),
                                c.path("status").asText(),
                                c.path("level").asText(""),
                                c.path("basisEvidenceId").asText(),
                                c.path("changedAt").asText(),
                                c.path("expiresAt").asText(""))));
        md.append("\n## The ledger records it rests on (oldest first)\n\n");
        md.append("| record | kind | channel | occurred | recorded | previous hash | hash |\n"
                + "|---|---|---|---|---|---|---|\n");
        answer.path("evidence")
                .forEach(e -> md.append("| %s | %s | %s | %s | %s | %s | %s |\n"
                        .formatted(
                                e.path("id").asText(),
                                e.path("kind").asText(),
                                e.path("channel").asText(),
                                e.path("occurredAt").asText(),
                                e.path("recordedAt").asText(),
                                e.path("prevHash").asText(""),
                                e.path("hash").asText())));
        return md.toString();
    }

    public static String callMarkdown(JsonNode call) {
        StringBuilder md = new StringBuilder("# Call " + call.path("callId").asText() + "\n\n");
        md.append("Tenant %s, subject `%s`; first event %s, ended %s. **Verdict: %s**\n"
                .formatted(
                        call.path("tenantId").asText(),
                        call.path("subjectId").asText(),
                        call.path("firstEventAt").asText(),
                        call.path("endedAt").asText("never"),
                        call.path("verdict").asText("none yet")));
        md.append(
                "\n## Events, in the order they happened\n\n| happened | arrived | event | details |\n|---|---|---|---|\n");
        call.path("events")
                .forEach(e -> md.append("| %s | %s | %s | `%s` |\n"
                        .formatted(
                                e.path("occurredAt").asText(),
                                e.path("receivedAt").asText(),
                                e.path("type").asText(),
                                e.path("data").toString().replace("|", "\\|"))));
        md.append(
                "\n## Verdicts, as ledger records\n\n| recorded | verdict | reasons | rules | hash | previous hash |\n"
                        + "|---|---|---|---|---|---|\n");
        call.path("verdicts")
                .forEach(v -> md.append("| %s | %s | %s | %s | %s | %s |\n"
                        .formatted(
                                v.path("recordedAt").asText(),
                                v.path("content").path("verdict").asText(),
                                v.path("content").path("reasons").toString(),
                                v.path("content").path("rules").toString(),
                                v.path("hash").asText(),
                                v.path("prevHash").asText(""))));
        return md.toString();
    }

    private static boolean isViolation(String verdict) {
        try {
            return io.consentmesh.consent.disclosure.CallVerdict.valueOf(verdict)
                    .isViolation();
        } catch (IllegalArgumentException none) {
            return false;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
