package io.consentmesh.consent.audit;

import io.consentmesh.consent.authorization.rules.AreaCodes;
import io.consentmesh.consent.authorization.rules.AuthorizationFacts;
import io.consentmesh.consent.authorization.rules.Evaluation;
import io.consentmesh.consent.authorization.rules.FactsJson;
import io.consentmesh.consent.authorization.rules.RuleEvaluator;
import io.consentmesh.consent.authorization.rules.RuleSet;
import io.consentmesh.consent.authorization.rules.RuleSetParser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * Audits of stored authorization decisions, from the database alone (plain JDBC and the pure rule engine), so the same
 * code serves the endpoints and the command line:
 *
 * <ul>
 *   <li>re-check: the facts a decision relied on, the ledger records it cited, and what the rules of its day and
 *       today's rules say about those facts (the first must reproduce the stored outcome);
 *   <li>back-test: a candidate rule set over the decisions of a time range, listing those whose outcome would change.
 * </ul>
 */
public final class DecisionAudit {

    /** What a rule set says about a decision's facts. */
    public record Verdict(
            String ruleSetVersion, String outcome, Instant deferUntil, List<String> reasons, List<String> rules) {

        static Verdict of(Evaluation evaluation) {
            return new Verdict(
                    evaluation.ruleSetVersion(),
                    evaluation.outcome().name(),
                    evaluation.deferUntil(),
                    evaluation.reasons().stream().map(Enum::name).toList(),
                    evaluation.rules());
        }

        boolean sameAs(String outcome, Instant deferUntil, List<String> reasons) {
            return this.outcome.equals(outcome)
                    && Objects.equals(this.deferUntil, deferUntil)
                    && this.reasons.equals(reasons);
        }
    }

    /** A decision as stored; {@code facts} is null for decisions stored before facts were kept. */
    public record StoredDecision(
            String decisionId,
            String tenantId,
            String subjectId,
            String channel,
            String sender,
            String outcome,
            Instant deferUntil,
            List<String> reasons,
            String ruleSetVersion,
            List<String> evidenceIds,
            String contentClass,
            String campaignId,
            Instant decidedFor,
            Instant decidedAt,
            AuthorizationFacts facts) {}

    /** A ledger record a decision cited, with the hashes that place it in its chain. */
    public record CitedEvidence(
            String id,
            String kind,
            String channel,
            Instant occurredAt,
            Instant recordedAt,
            String prevHash,
            String hash) {}

    /**
     * @param reproduced whether the rules of its day, applied to the stored facts, give the stored answer again
     * @param todayDiffers whether today's rules would answer differently
     */
    public record Recheck(
            StoredDecision decision,
            List<CitedEvidence> evidence,
            Verdict rulesOfItsDay,
            boolean reproduced,
            Verdict rulesOfToday,
            boolean todayDiffers) {}

    /** A decision whose outcome the candidate changes. */
    public record Change(
            String decisionId,
            String tenantId,
            String subjectId,
            Instant decidedFor,
            String storedOutcome,
            List<String> storedReasons,
            Verdict candidate) {}

    /**
     * @param examined decisions in the range that carry facts and were re-evaluated
     * @param withoutFacts decisions in the range stored before facts were kept (not re-evaluable)
     */
    public record BackTest(
            String candidateVersion,
            String tenantId,
            Instant from,
            Instant to,
            long examined,
            long withoutFacts,
            List<Change> changes) {}

    private static final String DECISION_COLUMNS = "id, tenant_id, subject_id, channel, sender, outcome, defer_until,"
            + " reasons, rule_set_version, evidence_ids, content_class, campaign_id, decided_for, decided_at, facts";

    private final RuleEvaluator evaluator = new RuleEvaluator(AreaCodes.bundled());
    private final Map<String, RuleSet> byVersion;
    private final TreeMap<Instant, RuleSet> byEffectiveFrom = new TreeMap<>();

    private DecisionAudit(Map<String, RuleSet> byVersion) {
        this.byVersion = byVersion;
        byVersion.values().forEach(rules -> byEffectiveFrom.put(rules.effectiveFrom(), rules));
    }

    /** Loads every stored rule-set version. */
    public static DecisionAudit load(Connection connection) throws SQLException {
        Map<String, RuleSet> ruleSets = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT body::text FROM rule_sets");
                ResultSet row = query.executeQuery()) {
            while (row.next()) {
                RuleSet rules = RuleSetParser.parse(row.getString(1));
                ruleSets.put(rules.version(), rules);
            }
        }
        return new DecisionAudit(ruleSets);
    }

    public Optional<Recheck> recheck(Connection connection, UUID decisionId, Instant now) throws SQLException {
        StoredDecision decision;
        try (PreparedStatement query =
                connection.prepareStatement("SELECT " + DECISION_COLUMNS + " FROM decision WHERE id = ?")) {
            query.setObject(1, decisionId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                decision = decision(row);
            }
        }
        List<CitedEvidence> evidence = cited(connection, decision);
        if (decision.facts() == null) {
            return Optional.of(new Recheck(decision, evidence, null, false, null, false));
        }
        RuleSet ofItsDay = byVersion.get(decision.ruleSetVersion());
        RuleSet today = Optional.ofNullable(byEffectiveFrom.floorEntry(now))
                .map(Map.Entry::getValue)
                .orElse(ofItsDay);
        Verdict then = ofItsDay == null ? null : Verdict.of(evaluator.evaluate(ofItsDay, decision.facts()));
        Verdict now_ = Verdict.of(evaluator.evaluate(today, decision.facts()));
        boolean reproduced = then != null && then.sameAs(decision.outcome(), decision.deferUntil(), decision.reasons());
        boolean differs = !now_.sameAs(decision.outcome(), decision.deferUntil(), decision.reasons());
        return Optional.of(new Recheck(decision, evidence, then, reproduced, now_, differs));
    }

    /**
     * @param tenantId only this tenant's decisions, or every tenant's when null
     * @param progress told the number of decisions read so far, every 10,000
     */
    public BackTest backTest(
            Connection connection, RuleSet candidate, String tenantId, Instant from, Instant to, LongConsumer progress)
            throws SQLException {
        List<Change> changes = new ArrayList<>();
        long examined = 0;
        long withoutFacts = 0;
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false); // a cursor: PostgreSQL streams only inside a transaction
        try (PreparedStatement query = connection.prepareStatement("SELECT " + DECISION_COLUMNS + " FROM decision"
                + " WHERE decided_for >= ? AND decided_for < ? AND (CAST(? AS text) IS NULL OR tenant_id = ?)"
                + " ORDER BY decided_for, id")) {
            query.setFetchSize(2_000);
            query.setTimestamp(1, Timestamp.from(from));
            query.setTimestamp(2, Timestamp.from(to));
            query.setString(3, tenantId);
            query.setString(4, tenantId);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    StoredDecision decision = decision(row);
                    if (decision.facts() == null) {
                        withoutFacts++;
                        continue;
                    }
                    Verdict verdict = Verdict.of(evaluator.evaluate(candidate, decision.facts()));
                    if (!verdict.outcome().equals(decision.outcome())
                            || !Objects.equals(verdict.deferUntil(), decision.deferUntil())) {
                        changes.add(new Change(
                                decision.decisionId(),
                                decision.tenantId(),
                                decision.subjectId(),
                                decision.decidedFor(),
                                decision.outcome(),
                                decision.reasons(),
                                verdict));
                    }
                    if (++examined % 10_000 == 0) {
                        progress.accept(examined);
                    }
                }
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
        progress.accept(examined);
        return new BackTest(candidate.version(), tenantId, from, to, examined, withoutFacts, List.copyOf(changes));
    }

    private static StoredDecision decision(ResultSet row) throws SQLException {
        String facts = row.getString("facts");
        return new StoredDecision(
                row.getString("id"),
                row.getString("tenant_id"),
                row.getString("subject_id").trim(),
                row.getString("channel"),
                row.getString("sender"),
                row.getString("outcome"),
                instant(row, "defer_until"),
                split(row.getString("reasons")),
                row.getString("rule_set_version"),
                split(row.getString("evidence_ids")),
                row.getString("content_class"),
                row.getString("campaign_id"),
                instant(row, "decided_for"),
                instant(row, "decided_at"),
                facts == null ? null : FactsJson.read(facts));
    }

    private static List<CitedEvidence> cited(Connection connection, StoredDecision decision) throws SQLException {
        List<CitedEvidence> evidence = new ArrayList<>();
        if (decision.evidenceIds().isEmpty()) {
            return evidence;
        }
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id, kind, channel, occurred_at, recorded_at, prev_hash, hash FROM evidence"
                        + " WHERE tenant_id = ? AND id = ANY (?) ORDER BY occurred_at")) {
            query.setString(1, decision.tenantId());
            query.setArray(
                    2,
                    connection.createArrayOf(
                            "uuid",
                            decision.evidenceIds().stream()
                                    .map(UUID::fromString)
                                    .toArray()));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    evidence.add(new CitedEvidence(
                            row.getString("id"),
                            row.getString("kind"),
                            row.getString("channel"),
                            instant(row, "occurred_at"),
                            instant(row, "recorded_at"),
                            trimmed(row.getString("prev_hash")),
                            trimmed(row.getString("hash"))));
                }
            }
        }
        return evidence;
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }
}
