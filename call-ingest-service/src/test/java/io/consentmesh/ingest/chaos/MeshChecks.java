package io.consentmesh.ingest.chaos;

import io.consentmesh.contracts.Topics;
import io.consentmesh.ingest.chaos.MixedLoad.Kind;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a fault run checks once the load has stopped, from the topics and the database, never from what the services
 * say about themselves: every acknowledged webhook on its topic at least once (copies counted) and with exactly one
 * effect; every answered decision, reply command, deletion command and receipt recorded once and published; every
 * reported recording deleted once and certified; every STOP enforced; the ledgers and their checkpoints intact; every
 * consumer group caught up.
 */
final class MeshChecks {

    /** One line of the table: what was expected, what was found, lost, copies on the topic, effects doubled. */
    record Line(String what, long expected, long found, long lost, long copies, long doubled) {
        boolean sound() {
            return lost == 0 && doubled == 0;
        }
    }

    private static final Pattern ENVELOPE_ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern DECISION_ID = Pattern.compile("\"decisionId\":\"([^\"]+)\"");
    private static final Duration SETTLE = Duration.ofSeconds(180);

    private final Mesh mesh;
    private final ChaosTenant tenant;
    private final MixedLoad load;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final List<Line> lines = new ArrayList<>();
    final List<String> problems = new ArrayList<>();

    MeshChecks(Mesh mesh, ChaosTenant tenant, MixedLoad load) {
        this.mesh = mesh;
        this.tenant = tenant;
        this.load = load;
    }

    void run() throws Exception {
        awaitNoLag();
        awaitRecordingsSettled();
        topics();
        effects();
        stopsEnforced();
        ledgers();
        load.refusals.stream().limit(10).forEach(refusal -> problems.add("refused: " + refusal));
        if (load.refusals.size() > 10) {
            problems.add((load.refusals.size() - 10) + " more refusals");
        }
        if (load.gaveUp.get() > 0) {
            problems.add(load.gaveUp.get() + " webhooks never answered 2xx in about 80 s of a provider's retries");
        }
    }

    boolean passed() {
        return problems.isEmpty() && lines.stream().allMatch(Line::sound);
    }

    /** Every consumer group with members has applied everything (bounded). */
    private void awaitNoLag() throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        long lag = -1;
        try (KafkaTestClient kafka = new KafkaTestClient(mesh.kafkaConfig())) {
            while (System.nanoTime() < deadline) {
                lag = kafka.lagOfActiveGroups();
                if (lag == 0) {
                    break;
                }
                Thread.sleep(1_000);
            }
        }
        lines.add(new Line("consumer lag (records)", 0, lag, Math.max(0, lag), 0, 0));
    }

    private void awaitRecordingsSettled() throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        Set<String> refs = load.acknowledged.get(Kind.RECORDING);
        while (System.nanoTime() < deadline) {
            long settled = Psql.counts(Psql.ackedTable(Map.of("RECORDING", refs))
                            + "SELECT 'settled', count(*) FROM retention.inventory_item i JOIN acked a ON a.id = i.item_ref"
                            + " WHERE i.tenant_id = '" + tenant.id() + "' AND i.settled_at IS NOT NULL;\n")
                    .get("settled");
            if (settled >= refs.size()) {
                return;
            }
            Thread.sleep(1_000);
        }
    }

    /** Acknowledged webhooks and decisions on their topics; copies of every output the run caused, by event id. */
    private void topics() {
        Set<String> webhooks = new HashSet<>();
        for (Kind kind : List.of(Kind.TEXT, Kind.STOP, Kind.HELP)) {
            webhooks.addAll(load.acknowledged.get(kind));
        }
        try (KafkaTestClient kafka = new KafkaTestClient(mesh.kafkaConfig())) {
            lines.add(occurrences(
                    kafka, Topics.TELEPHONY_SMS, "webhooks on " + Topics.TELEPHONY_SMS, webhooks, ENVELOPE_ID));
            Set<String> calls = new HashSet<>(load.acknowledged.get(Kind.CALL));
            calls.addAll(load.acknowledged.get(Kind.CALL_RECORDING));
            lines.add(occurrences(
                    kafka, Topics.TELEPHONY_CALL, "call webhooks on " + Topics.TELEPHONY_CALL, calls, ENVELOPE_ID));
            lines.add(occurrences(
                    kafka,
                    Topics.CONSENT_DECISION,
                    "decisions on " + Topics.CONSENT_DECISION,
                    load.acknowledged.get(Kind.AUTHORIZATION),
                    DECISION_ID));
            for (String topic : List.of(
                    Topics.CONSENT_REPLY_COMMAND,
                    Topics.CONSENT_EVIDENCE,
                    Topics.RETENTION_DELETION_COMMAND,
                    Topics.RETENTION_DELETION_RECEIPT,
                    Topics.DSAR_REQUEST)) {
                lines.add(tenantEvents(kafka, topic));
            }
        }
    }

    private Line occurrences(KafkaTestClient kafka, String topic, String what, Set<String> expected, Pattern id) {
        Map<String, Integer> seen = new HashMap<>();
        kafka.readEach(topic, record -> {
            Matcher found = id.matcher(record.value());
            if (found.find() && expected.contains(found.group(1))) {
                seen.merge(found.group(1), 1, Integer::sum);
            }
        });
        long copies = seen.values().stream().mapToLong(n -> n - 1).sum();
        return new Line(what, expected.size(), seen.size(), expected.size() - seen.size(), copies, 0);
    }

    /** This run's tenant's events on a topic: how many, how many distinct ids (the rest are copies). */
    private Line tenantEvents(KafkaTestClient kafka, String topic) {
        String ours = "\"tenantid\":\"" + tenant.id() + "\"";
        Map<String, Integer> seen = new HashMap<>();
        kafka.readEach(topic, record -> {
            if (record.value() != null && record.value().contains(ours)) {
                Matcher found = ENVELOPE_ID.matcher(record.value());
                if (found.find()) {
                    seen.merge(found.group(1), 1, Integer::sum);
                }
            }
        });
        long copies = seen.values().stream().mapToLong(n -> n - 1).sum();
        return new Line("events on " + topic, -1, seen.size(), 0, copies, 0);
    }

    /** The effects, in the database: one per acknowledged request, none twice. */
    private void effects() throws Exception {
        Map<String, Collection<String>> acked = new LinkedHashMap<>();
        load.acknowledged.forEach((kind, ids) -> acked.put(kind.name(), ids));
        acked.put("KEPT", load.keptByProvider);
        String t = "'" + tenant.id() + "'";
        String keywords = "a.kind IN ('STOP', 'HELP')";
        String kept = "a.kind = 'KEPT'";
        Map<String, Long> counts = Psql.counts(Psql.ackedTable(acked)
                + count("kept", kept)
                + found(
                        "inventoried",
                        kept,
                        "retention.inventory_item x",
                        "x.tenant_id = " + t + " AND x.source_event_id = a.id")
                + doubled(
                        "inventoried",
                        "retention.inventory_item",
                        "source_event_id",
                        t + " AND category = 'MESSAGE_CONTENT'")
                + count("calls", "a.kind = 'CALL_RECORDING'")
                + found(
                        "calls",
                        "a.kind = 'CALL_RECORDING'",
                        "retention.inventory_item x",
                        "x.tenant_id = " + t + " AND x.source_event_id = a.id")
                + "SELECT 'calls.doubled', count(*) - count(DISTINCT x.source_event_id) FROM retention.inventory_item x"
                + " JOIN acked a ON a.kind = 'CALL_RECORDING' AND a.id = x.source_event_id WHERE x.tenant_id = " + t
                + ";\n"
                + count("keywords", keywords)
                + found(
                        "evidence",
                        keywords,
                        "consent.evidence x",
                        "x.tenant_id = " + t + " AND x.source_event_id = a.id")
                + doubled("evidence", "consent.evidence", "source_event_id", t)
                + found(
                        "replies",
                        keywords,
                        "consent.reply_command x",
                        "x.tenant_id = " + t + " AND x.in_reply_to = a.id")
                + doubled("replies", "consent.reply_command", "in_reply_to", t)
                + count("stops", "a.kind = 'STOP'")
                + found(
                        "revocations",
                        "a.kind = 'STOP'",
                        "consent.evidence x JOIN consent.revocation_enforcement r ON r.evidence_id = x.id",
                        "x.tenant_id = " + t + " AND x.source_event_id = a.id")
                + count("decisions", "a.kind = 'AUTHORIZATION'")
                + found("decisions", "a.kind = 'AUTHORIZATION'", "consent.decision x", "x.id::text = a.id")
                + count("dsars", "a.kind = 'DSAR'")
                + found("dsars", "a.kind = 'DSAR'", "dsar.dsar_request x", "x.id::text = a.id")
                + count("recordings", "a.kind = 'RECORDING'")
                + found(
                        "recordings",
                        "a.kind = 'RECORDING'",
                        "retention.inventory_item x",
                        "x.tenant_id = " + t + " AND x.item_ref = a.id")
                + doubled("recordings", "retention.inventory_item", "item_ref", t + " AND category = 'RECORDING'")
                + found(
                        "commanded",
                        "a.kind = 'RECORDING'",
                        "retention.inventory_item x JOIN retention.deletion_command c ON c.item_id = x.id",
                        "x.tenant_id = " + t + " AND x.item_ref = a.id")
                + "SELECT 'commanded.doubled', count(*) - count(DISTINCT c.item_id) FROM retention.deletion_command c"
                + " JOIN retention.inventory_item x ON x.id = c.item_id WHERE x.tenant_id = " + t + ";\n"
                + found(
                        "receipted",
                        "a.kind = 'RECORDING'",
                        "retention.inventory_item x JOIN retention.retention_record r ON r.item_id = x.id AND r.kind = 'RECEIPTED'",
                        "x.tenant_id = " + t + " AND x.item_ref = a.id")
                + "SELECT 'receipted.doubled', count(*) - count(DISTINCT item_id) FROM retention.retention_record"
                + " WHERE tenant_id = " + t + " AND kind = 'RECEIPTED';\n"
                + found(
                        "certified",
                        "a.kind = 'RECORDING'",
                        "retention.inventory_item x JOIN retention.disposal_certificate c ON c.item_id = x.id",
                        "x.tenant_id = " + t + " AND x.item_ref = a.id"));
        line(counts, "inventory item per Twilio text (kept there)", "kept", "inventoried");
        line(counts, "inventory item per call recording callback", "calls", "calls");
        line(counts, "evidence per acknowledged STOP/HELP", "keywords", "evidence");
        line(counts, "reply command per STOP/HELP", "keywords", "replies");
        line(counts, "revocation enforced per STOP", "stops", "revocations");
        line(counts, "decision per answered authorization", "decisions", "decisions");
        line(counts, "request per opened DSAR", "dsars", "dsars");
        line(counts, "inventory item per reported recording", "recordings", "recordings");
        line(counts, "deletion command per recording", "recordings", "commanded");
        line(counts, "receipt applied per recording", "recordings", "receipted");
        line(counts, "disposal certificate per recording", "recordings", "certified");
        long inBucket = load.acknowledged.get(Kind.RECORDING).stream()
                .filter(this::stillStored)
                .count();
        lines.add(new Line(
                "recording gone from the bucket",
                load.acknowledged.get(Kind.RECORDING).size(),
                load.acknowledged.get(Kind.RECORDING).size() - inBucket,
                inBucket,
                0,
                0));
    }

    private static String count(String name, String kinds) {
        return "SELECT '" + name + ".expected', count(*) FROM acked a WHERE " + kinds + ";\n";
    }

    /** How many acknowledged ids of {@code kinds} have a row in {@code from} matching {@code on}. */
    private static String found(String name, String kinds, String from, String on) {
        return "SELECT '" + name + ".found', count(*) FROM acked a WHERE " + kinds + " AND EXISTS (SELECT 1 FROM "
                + from + " WHERE " + on + ");\n";
    }

    /** Rows beyond one per {@code column} among the tenant's rows of {@code table}. */
    private static String doubled(String name, String table, String column, String tenantCondition) {
        return "SELECT '" + name + ".doubled', count(*) - count(DISTINCT " + column + ") FROM " + table
                + " WHERE tenant_id = " + tenantCondition + ";\n";
    }

    private void line(Map<String, Long> counts, String what, String expected, String found) {
        long want = counts.getOrDefault(expected + ".expected", -1L);
        long got = counts.getOrDefault(found + ".found", -1L);
        lines.add(new Line(what, want, got, want - got, 0, counts.getOrDefault(found + ".doubled", 0L)));
    }

    private boolean stillStored(String ref) {
        try {
            return http.send(
                                    HttpRequest.newBuilder(mesh.storage().resolve("/recordings/" + ref))
                                            .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    != 404;
        } catch (Exception e) {
            return true;
        }
    }

    /** Every person whose STOP was acknowledged is now denied by every sender of the brand. */
    private void stopsEnforced() {
        String sendAt = Instant.now()
                .truncatedTo(ChronoUnit.DAYS)
                .plus(1, ChronoUnit.DAYS)
                .plus(15, ChronoUnit.HOURS)
                .toString();
        long enforced = 0;
        Collection<String> stops = load.acknowledged.get(Kind.STOP);
        for (String stop : stops) {
            String body =
                    """
                    {"tenantId":"%s","channel":"SMS","from":"%s","to":"%s","contentClass":"INFORMATIONAL","sendAt":"%s"}"""
                            .formatted(tenant.id(), tenant.senderB(), load.stopSenders.get(stop), sendAt);
            String answer = tenant.asTenant("POST", tenant.consent().resolve("/v1/authorizations"), body);
            if (answer.contains("\"DENY\"") && answer.contains("OPTED_OUT")) {
                enforced++;
            }
        }
        lines.add(new Line(
                "STOP enforced on the brand's other sender", stops.size(), enforced, stops.size() - enforced, 0, 0));
    }

    /** The evidence ledger with its signed checkpoints, the DSAR record and the retention log all verify. */
    private void ledgers() {
        verify("evidence ledger", tenant.consent().resolve("/v1/audit/ledger-integrity"), "\"breaks\":[]");
        verify("DSAR record", tenant.dsar().resolve("/v1/dsar/record/verify"), "\"intact\":true");
        verify(
                "retention log",
                tenant.retention().resolve("/v1/retention/log/verify?tenantId=" + tenant.id()),
                "\"intact\":true");
    }

    private void verify(String what, URI uri, String intact) {
        try {
            String report = tenant.asTenant("GET", uri, null);
            if (!report.replace(" ", "").contains(intact)) {
                problems.add(what + " does not verify: " + report.substring(0, Math.min(500, report.length())));
            }
        } catch (RuntimeException e) {
            problems.add(what + " could not be verified: " + e.getMessage());
        }
    }
}
