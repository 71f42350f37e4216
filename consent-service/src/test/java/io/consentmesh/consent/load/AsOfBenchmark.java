package io.consentmesh.consent.load;

import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.consent.evidence.EvidenceKind;
import io.consentmesh.consent.evidence.NewEvidence;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.runtime.chain.ChainHash;
import io.consentmesh.testkit.load.LoadCredentials;
import io.consentmesh.testkit.load.OpenLoop;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

/**
 * As-of query speed for a subject with a long ledger (issue: 10,000 evidence records, under 200 ms): records one
 * consent through the API, appends the rest of the subject's chain straight into PostgreSQL (correctly chained with
 * {@link ChainHash}, alternating opt-outs and re-consents, as years of history would), then times
 * {@code GET /v1/audit/consent-as-of} at instants spread over that history. Talks only to 127.0.0.1 and stops by
 * itself. Run it with {@code deploy/load/as-of.sh}.
 */
public final class AsOfBenchmark {

    public static void main(String[] args) {
        OpenLoop.exit(() -> benchmark(args));
    }

    private static int benchmark(String[] args) throws Exception {
        Map<String, String> options = OpenLoop.options(args);
        URI consent = URI.create(options.getOrDefault("consent", "http://127.0.0.1:8082"));
        if (!consent.getHost().equals("127.0.0.1")) {
            throw new IllegalArgumentException("only ever run against this machine (127.0.0.1)");
        }
        int count = Integer.parseInt(options.getOrDefault("records", "10000"));
        int queries = Integer.parseInt(options.getOrDefault("queries", "100"));
        String tenant = "asof-" + UUID.randomUUID().toString().substring(0, 8);
        String person = "+12125550142";
        HttpClient http = HttpClient.newHttpClient();
        String apiKey = LoadCredentials.tenantKey(consent, LoadCredentials.platformAdmin(options), tenant);
        Instant start = Instant.parse("2021-01-04T15:00:00Z");
        send(
                http,
                HttpRequest.newBuilder(consent.resolve("/v1/consents"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + apiKey)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                """
                        {"tenantId":"%s","phoneNumber":"%s","channel":"SMS","level":"EXPRESS_WRITTEN",
                         "source":"WEB_FORM","disclosureText":"Texts from As-Of Co. Reply STOP to end.",
                         "disclosureVersion":"v1","capturedAt":"%s","ipAddress":"203.0.113.7","userAgent":"bench"}"""
                                        .formatted(tenant, person, start)))
                        .build());

        try (Connection db = DriverManager.getConnection(
                options.get("jdbc-url"), options.get("db-user"), System.getenv("LEDGER_DB_PASSWORD"))) {
            db.setAutoCommit(false);
            String subject;
            String head;
            try (PreparedStatement query = db.prepareStatement(
                    "SELECT subject_id, head_hash FROM consent.subject_chain WHERE tenant_id = ?")) {
                query.setString(1, tenant);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    subject = row.getString(1).trim();
                    head = row.getString(2).trim();
                }
            }
            System.out.printf("appending %d records to one subject's chain ...%n", count - 1);
            try (PreparedStatement insert =
                    db.prepareStatement("INSERT INTO consent.evidence (id, tenant_id, subject_id,"
                            + " source_event_id, kind, channel, occurred_at, content, prev_hash, hash)"
                            + " VALUES (?::uuid, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)")) {
                for (int i = 1; i < count; i++) {
                    boolean optOut = i % 2 == 1;
                    Map<String, Object> content = optOut
                            ? Map.of("body", "STOP", "messageId", "SM" + i)
                            : Map.of("level", "EXPRESS_WRITTEN", "source", "WEB_FORM", "disclosureVersion", "v1");
                    NewEvidence evidence = new NewEvidence(
                            new TenantId(tenant),
                            new SubjectId(subject),
                            "bench-" + tenant + "-" + i,
                            optOut ? EvidenceKind.OPT_OUT_KEYWORD : EvidenceKind.EXPRESS_CONSENT,
                            Channel.SMS,
                            start.plusSeconds(3_600L * i),
                            content);
                    UUID id = UUID.randomUUID();
                    String hash = ChainHash.next(head, evidence.canonical(id));
                    insert.setString(1, id.toString());
                    insert.setString(2, tenant);
                    insert.setString(3, subject);
                    insert.setString(4, evidence.sourceEventId());
                    insert.setString(5, evidence.kind().name());
                    insert.setString(6, evidence.channel().name());
                    insert.setObject(7, evidence.occurredAt().atOffset(ZoneOffset.UTC));
                    insert.setString(8, ChainHash.json(content));
                    insert.setString(9, head);
                    insert.setString(10, hash);
                    insert.addBatch();
                    head = hash;
                }
                insert.executeBatch();
            }
            try (PreparedStatement chain = db.prepareStatement(
                    "UPDATE consent.subject_chain SET head_hash = ?, length = ? WHERE tenant_id = ?")) {
                chain.setString(1, head);
                chain.setLong(2, count);
                chain.setString(3, tenant);
                chain.executeUpdate();
            }
            db.commit();
        }

        // Every query asks about now: the whole chain is known by then, so each folds all its records (the worst case).
        long[] micros = new long[queries];
        String url = "/v1/audit/consent-as-of?tenantId=" + tenant + "&phoneNumber="
                + URLEncoder.encode(person, StandardCharsets.UTF_8);
        for (int i = -5; i < queries; i++) { // five unmeasured calls first
            long began = System.nanoTime();
            String body = send(
                    http,
                    HttpRequest.newBuilder(consent.resolve(url + "&at=" + Instant.now()))
                            .header("Authorization", "Bearer " + apiKey)
                            .GET()
                            .build());
            if (i >= 0) {
                micros[i] = (System.nanoTime() - began) / 1000;
            }
            if (i == -1 && body.split("\"kind\"").length - 1 != count) {
                throw new IllegalStateException("the as-of answer does not list the whole chain");
            }
        }
        Arrays.sort(micros);
        System.out.printf(
                "as-of query, subject with %d records, %d queries each folding all of them: p50 %d ms, p99 %d ms, max %d ms%n",
                count,
                queries,
                micros[queries / 2] / 1000,
                micros[Math.min(queries - 1, (int) Math.ceil(queries * 0.99) - 1)] / 1000,
                micros[queries - 1] / 1000);
        return 0;
    }

    private static String send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
