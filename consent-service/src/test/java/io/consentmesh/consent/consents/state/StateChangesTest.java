package io.consentmesh.consent.consents.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentmesh.consent.consents.revocations.ReceivedRevocation;
import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.runtime.chain.SubjectRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A batch's changes worked out in memory must end where one-at-a-time guarded upserts would. */
class StateChangesTest {

    private static final SubjectRef PERSON = new SubjectRef("acme", "a".repeat(64));
    private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");

    @Test
    void kw12_a_revocation_revokes_every_channel_and_is_logged_once() {
        UUID stop = UUID.randomUUID();
        StateChanges changes = new StateChanges(Map.of());

        changes.revokeEverywhere(PERSON, stop, T0);

        assertThat(changes.changedRows()).hasSize(Channel.values().length).allSatisfy(row -> {
            assertThat(row.getValue().status()).isEqualTo(ConsentStatus.REVOKED);
            assertThat(row.getValue().basisEvidenceId()).isEqualTo(stop);
        });
        assertThat(changes.revocations()).containsExactly(new ReceivedRevocation(PERSON, stop, T0));
    }

    @Test
    void a_change_older_than_the_row_is_ignored_as_the_sql_guard_would() {
        UUID newer = UUID.randomUUID();
        CurrentConsent row =
                new CurrentConsent(Channel.SMS, null, ConsentStatus.REVOKED, null, newer, T0.plusSeconds(10), null);
        StateChanges changes = new StateChanges(Map.of(PERSON, List.of(row)));

        changes.change(PERSON, Channel.SMS, ConsentStatus.OPTED_IN, "EXPRESS", UUID.randomUUID(), T0);

        assertThat(changes.current(PERSON, Channel.SMS)).contains(row);
        assertThat(changes.changedRows()).isEmpty();
    }

    @Test
    void kw11_later_changes_in_the_batch_build_on_earlier_ones_and_only_the_last_state_is_written() {
        UUID stop = UUID.randomUUID();
        UUID start = UUID.randomUUID();
        StateChanges changes = new StateChanges(Map.of());

        changes.revokeEverywhere(PERSON, stop, T0);
        changes.change(PERSON, Channel.SMS, ConsentStatus.OPTED_IN, "EXPRESS", start, T0.plusSeconds(1));

        assertThat(changes.current(PERSON, Channel.SMS))
                .map(CurrentConsent::basisEvidenceId)
                .contains(start);
        assertThat(changes.changedRows())
                .filteredOn(row -> row.getValue().channel() == Channel.SMS)
                .singleElement()
                .satisfies(row -> assertThat(row.getValue().status()).isEqualTo(ConsentStatus.OPTED_IN));
        assertThat(changes.current(PERSON, Channel.VOICE))
                .map(CurrentConsent::status)
                .contains(ConsentStatus.REVOKED);
    }

    @Test
    void an_equal_time_change_wins_as_the_sql_guard_lets_it() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        StateChanges changes = new StateChanges(Map.of());

        changes.change(PERSON, Channel.SMS, ConsentStatus.OPTED_IN, "EXPRESS", first, T0);
        changes.change(PERSON, Channel.SMS, ConsentStatus.REVOKED, null, second, T0);

        assertThat(changes.current(PERSON, Channel.SMS))
                .map(CurrentConsent::basisEvidenceId)
                .contains(second);
    }
}
