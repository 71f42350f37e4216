package io.consentmesh.consent.consents.state;

import io.consentmesh.consent.consents.revocations.ReceivedRevocation;
import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.runtime.chain.SubjectRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A batch's changes to consent (a single event's as a batch of one), worked out in memory in event order exactly as
 * applying the events one at a time would leave the rows (a change older than the row's is ignored), then written by
 * {@link ConsentStates#save} with one statement per table. Starts from the brand-wide rows the batch's people have
 * now; a campaign row (a keyword of a campaign's declared opt-in flow) is guarded by its time in SQL alone, and every
 * campaign row a revocation in the batch outdates is revoked there too.
 */
public final class StateChanges {

    /** @param scope the campaign id of a campaign consent, empty for brand-wide consent */
    private record Key(SubjectRef person, Channel channel, String scope) {}

    private final Map<Key, CurrentConsent> rows = new LinkedHashMap<>();
    private final Map<Key, CurrentConsent> changed = new LinkedHashMap<>();
    private final List<ReceivedRevocation> revocations = new ArrayList<>();

    StateChanges(Map<SubjectRef, List<CurrentConsent>> brandWideRows) {
        brandWideRows.forEach((person, consents) ->
                consents.forEach(consent -> rows.put(new Key(person, consent.channel(), ""), consent)));
    }

    public Optional<CurrentConsent> current(SubjectRef person, Channel channel) {
        return Optional.ofNullable(rows.get(new Key(person, channel, "")));
    }

    /** Brand-wide consent (or its revocation) on one channel, unless a later change is already recorded. */
    public void change(SubjectRef person, Channel channel, ConsentStatus status, String level, UUID basis, Instant at) {
        change(person, new CurrentConsent(channel, null, status, level, basis, at, null));
    }

    /** One row (brand-wide or a campaign's) to {@code next}, unless a later change is already recorded. */
    private void change(SubjectRef person, CurrentConsent next) {
        Key key = new Key(person, next.channel(), next.scope());
        CurrentConsent now = rows.get(key);
        if (now != null && now.changedAt().isAfter(next.changedAt())) {
            return; // out of order: newer evidence already decided this row
        }
        rows.put(key, next);
        changed.put(key, next);
    }

    /** Every channel of the brand and every campaign consent revoked (KW-12), the enforcement logged (KW-07). */
    public void revokeEverywhere(SubjectRef person, UUID basis, Instant receivedAt) {
        for (Channel channel : Channel.values()) {
            change(person, channel, ConsentStatus.REVOKED, null, basis, receivedAt);
        }
        revocations.add(new ReceivedRevocation(person, basis, receivedAt));
    }

    /**
     * The person's rows as {@link ConsentTransition} reads and changes them: brand-wide consent, and a campaign's
     * consent from a keyword of its declared opt-in flow, move in a batch; consent the tenant records (which may
     * expire) goes through {@link ConsentStates#record}.
     */
    public ConsentTransition.Consents of(SubjectRef person) {
        return new ConsentTransition.Consents() {
            @Override
            public Optional<CurrentConsent> brandWide(Channel channel) {
                return current(person, channel);
            }

            @Override
            public void revokeEverywhere(UUID basis, Instant at) {
                StateChanges.this.revokeEverywhere(person, basis, at);
            }

            @Override
            public void put(CurrentConsent consent) {
                if (consent.expiresAt() != null) {
                    throw new IllegalArgumentException("a batch changes consent without expiry only");
                }
                change(person, consent);
            }
        };
    }

    /** The rows to upsert, each the last state its key reached in the batch. */
    Collection<Map.Entry<SubjectRef, CurrentConsent>> changedRows() {
        return changed.entrySet().stream()
                .map(entry -> Map.entry(entry.getKey().person(), entry.getValue()))
                .toList();
    }

    /** In the order they happened in the batch. */
    public List<ReceivedRevocation> revocations() {
        return List.copyOf(revocations);
    }
}
