package io.consentmesh.consent.authorization.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.contracts.consent.DecisionOutcome;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.telephony.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The verdict rules on a contact and its decisions, pure (the broker and database paths: SendReconciliationTest). */
class ContactJudgeTest {

    private static final Instant T0 = Instant.parse("2026-12-08T15:00:00Z");
    private static final String PERSON = "a".repeat(64);
    private static final String SENDER = "+14155550101";
    private final ContactJudge judge = new ContactJudge(Duration.ofMinutes(15), Duration.ofMinutes(5));

    @Test
    void a_send_inside_a_defers_window_is_allowed_and_before_or_long_after_it_is_not() {
        MadeDecision defer = decision(DecisionOutcome.DEFER, T0.minusSeconds(3600), T0, null, false);

        assertThat(latestAt(T0.plusSeconds(60), defer).violation()).isEmpty();
        assertThat(latestAt(T0.minus(Duration.ofMinutes(10)), defer).violation())
                .contains(ContactViolation.SENT_OUTSIDE_DEFER_WINDOW);
        assertThat(latestAt(T0.plus(Duration.ofMinutes(20)), defer).violation())
                .contains(ContactViolation.SENT_OUTSIDE_DEFER_WINDOW);
        assertThat(latestAt(T0.plusSeconds(60), defer).confirms())
                .as("a DEFER reserves nothing")
                .isFalse();
    }

    @Test
    void an_allow_holds_from_its_send_time_to_its_validity_with_the_late_status_tolerance() {
        MadeDecision allow = decision(DecisionOutcome.ALLOW, T0, T0.plus(Duration.ofMinutes(15)), false);

        assertThat(namedAt(T0.plusSeconds(30), allow).confirms()).isTrue();
        assertThat(namedAt(T0.plus(Duration.ofMinutes(19)), allow).violation())
                .as("a status four minutes after validUntil: the provider's callback time, still in")
                .isEmpty();
        assertThat(namedAt(T0.plus(Duration.ofMinutes(21)), allow).violation())
                .contains(ContactViolation.SENT_AFTER_VALIDITY);
        assertThat(namedAt(T0.minus(Duration.ofMinutes(2)), allow).violation())
                .contains(ContactViolation.SENT_BEFORE_PLANNED_TIME);
    }

    @Test
    void used_allows_are_passed_over_for_an_unused_one_and_with_none_left_the_send_is_a_reuse() {
        MadeDecision used = decision(DecisionOutcome.ALLOW, T0, T0.plus(Duration.ofMinutes(15)), true);
        MadeDecision older =
                decision(DecisionOutcome.ALLOW, T0.minusSeconds(60), T0.plus(Duration.ofMinutes(14)), false);

        ContactJudge.Verdict verdict = latestAt(T0.plusSeconds(30), used, older);
        assertThat(verdict.violation()).isEmpty();
        assertThat(verdict.decision()).contains(older);
        assertThat(latestAt(T0.plusSeconds(30), used).violation()).contains(ContactViolation.DECISION_ALREADY_USED);
        assertThat(latestAt(T0).violation()).contains(ContactViolation.NO_DECISION);
    }

    @Test
    void the_latest_deny_decides_over_an_older_allow_and_a_named_decision_must_be_this_contacts() {
        MadeDecision allow =
                decision(DecisionOutcome.ALLOW, T0.minusSeconds(120), T0.plus(Duration.ofMinutes(13)), false);
        MadeDecision deny = decision(DecisionOutcome.DENY, T0.minusSeconds(60), null, false);
        assertThat(latestAt(T0, deny, allow).violation())
                .as("the person stopped between the two asks")
                .contains(ContactViolation.SENT_AFTER_DENY);

        MadeDecision someoneElses = new MadeDecision(
                UUID.randomUUID(),
                "b".repeat(64),
                "SMS",
                SENDER,
                DecisionOutcome.ALLOW,
                List.of(),
                T0,
                T0,
                null,
                T0.plus(Duration.ofMinutes(15)),
                false);
        assertThat(namedAt(T0, someoneElses).violation()).contains(ContactViolation.DECISION_FOR_ANOTHER_CONTACT);
        assertThat(judge.judgeNamed(contactAt(T0), Optional.empty()).violation())
                .contains(ContactViolation.NO_DECISION);
    }

    private static MadeDecision decision(
            DecisionOutcome outcome, Instant decidedFor, Instant validUntil, boolean used) {
        return new MadeDecision(
                UUID.randomUUID(),
                PERSON,
                "SMS",
                SENDER,
                outcome,
                List.of(),
                decidedFor.minusSeconds(5),
                decidedFor,
                null,
                validUntil,
                used);
    }

    private static MadeDecision decision(
            DecisionOutcome outcome, Instant decidedFor, Instant deferUntil, Instant validUntil, boolean used) {
        return new MadeDecision(
                UUID.randomUUID(),
                PERSON,
                "SMS",
                SENDER,
                outcome,
                List.of(),
                decidedFor,
                decidedFor,
                deferUntil,
                validUntil,
                used);
    }

    private static Contact contactAt(Instant at) {
        return new Contact(
                new TenantId("acme"),
                new SubjectId(PERSON),
                Channel.SMS,
                Provider.TWILIO,
                "SM" + UUID.randomUUID().toString().replace("-", ""),
                SENDER,
                at,
                true,
                null,
                "twilio:message-status:x:SENT");
    }

    private ContactJudge.Verdict latestAt(Instant at, MadeDecision... decisions) {
        return judge.judgeLatest(contactAt(at), List.of(decisions));
    }

    private ContactJudge.Verdict namedAt(Instant at, MadeDecision decision) {
        return judge.judgeNamed(contactAt(at), Optional.of(decision));
    }
}
