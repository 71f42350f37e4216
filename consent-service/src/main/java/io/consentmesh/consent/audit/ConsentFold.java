package io.consentmesh.consent.audit;

import io.consentmesh.consent.consents.state.ConsentTransition;
import io.consentmesh.consent.consents.state.CurrentConsent;
import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.consent.evidence.EvidenceKind;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The consent state that a subject's ledger records imply, computed from the records alone by the same rule the live
 * projection applies as events arrive ({@link ConsentTransition}). Records are applied in the order they occurred.
 */
public final class ConsentFold {

    /**
     * One ledger record, as an audit reads it.
     *
     * @param campaignId the campaign a recorded consent is limited to, or null (brand-wide, or not a consent)
     * @param expiresAt when a recorded consent lapses, or null
     */
    public record LedgerRecord(
            UUID id,
            EvidenceKind kind,
            Channel channel,
            Instant occurredAt,
            Instant recordedAt,
            String level,
            String campaignId,
            Instant expiresAt,
            String prevHash,
            String hash) {}

    private ConsentFold() {}

    /** @return the subject's consent rows, brand-wide before campaign rows on each channel */
    public static List<CurrentConsent> fold(List<LedgerRecord> records) {
        Map<String, CurrentConsent> state = new HashMap<>();
        records.stream()
                .sorted(Comparator.comparing(LedgerRecord::occurredAt).thenComparing(LedgerRecord::recordedAt))
                .forEach(record -> apply(state, record));
        return state.values().stream().sorted(CurrentConsent.BY_KEY).toList();
    }

    private static void apply(Map<String, CurrentConsent> state, LedgerRecord record) {
        ConsentTransition.apply(
                new ConsentTransition.Consents() {
                    @Override
                    public Optional<CurrentConsent> brandWide(Channel channel) {
                        return Optional.ofNullable(state.get(key(channel, null)));
                    }

                    @Override
                    public void revokeEverywhere(UUID basis, Instant at) {
                        // every campaign consent held so far, and every channel of the brand
                        state.replaceAll((key, consent) ->
                                ConsentTransition.revoked(consent.channel(), consent.campaignId(), basis, at));
                        for (Channel channel : Channel.values()) {
                            put(ConsentTransition.revoked(channel, null, basis, at));
                        }
                    }

                    @Override
                    public void put(CurrentConsent consent) {
                        state.put(key(consent.channel(), consent.campaignId()), consent);
                    }
                },
                new ConsentTransition.Evidence(
                        record.id(),
                        record.kind(),
                        record.channel(),
                        record.level(),
                        record.campaignId(),
                        record.expiresAt(),
                        record.occurredAt()));
    }

    /** A content field holding an ISO-8601 instant, as the ledger stores it; null when absent. */
    public static Instant instantOrNull(Object value) {
        return value == null ? null : Instant.parse(value.toString());
    }

    private static String key(Channel channel, String campaignId) {
        return campaignId == null ? channel.name() : channel.name() + ' ' + campaignId;
    }
}
