package io.consentmesh.consent.audit;

import io.consentmesh.consent.ledger.Channel;
import io.consentmesh.consent.ledger.EvidenceKind;
import io.consentmesh.consent.state.ConsentStatus;
import io.consentmesh.consent.state.CurrentConsent;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The consent state that a subject's ledger records imply, computed from the records alone (the same transitions the
 * live projection applies as events arrive): an opt-out keyword or spoken revocation revokes every channel; an opt-in
 * keyword re-opts-in to texts only after a revocation; spoken agreement opts in to calls; consent recorded through the
 * API opts in on its channel at its level. Records are applied in the order they occurred.
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
        switch (record.kind()) {
            case OPT_OUT_KEYWORD, VERBAL_OPT_OUT, FREE_TEXT_OPT_OUT -> {
                // every channel of the brand, and every campaign consent held so far
                state.replaceAll((key, consent) -> revoked(consent.channel(), consent.campaignId(), record));
                for (Channel channel : Channel.values()) {
                    put(state, revoked(channel, null, record));
                }
            }
            case OPT_IN_KEYWORD -> {
                CurrentConsent sms = state.get(key(Channel.SMS, null));
                if (sms != null && sms.status() == ConsentStatus.REVOKED) {
                    put(state, optedIn(Channel.SMS, null, "EXPRESS", null, record));
                }
            }
            case VERBAL_OPT_IN -> put(state, optedIn(Channel.VOICE, null, "EXPRESS", null, record));
            case EXPRESS_CONSENT ->
                put(state, optedIn(record.channel(), record.campaignId(), record.level(), record.expiresAt(), record));
            case HELP_KEYWORD, DISCLOSURE_VERDICT -> {
                // a request for information, a call's disclosure verdict: neither changes consent
            }
        }
    }

    /** A content field holding an ISO-8601 instant, as the ledger stores it; null when absent. */
    public static Instant instantOrNull(Object value) {
        return value == null ? null : Instant.parse(value.toString());
    }

    private static void put(Map<String, CurrentConsent> state, CurrentConsent consent) {
        state.put(key(consent.channel(), consent.campaignId()), consent);
    }

    private static String key(Channel channel, String campaignId) {
        return campaignId == null ? channel.name() : channel.name() + ' ' + campaignId;
    }

    private static CurrentConsent revoked(Channel channel, String campaignId, LedgerRecord basis) {
        return new CurrentConsent(
                channel, campaignId, ConsentStatus.REVOKED, null, basis.id(), basis.occurredAt(), null);
    }

    private static CurrentConsent optedIn(
            Channel channel, String campaignId, String level, Instant expiresAt, LedgerRecord basis) {
        return new CurrentConsent(
                channel, campaignId, ConsentStatus.OPTED_IN, level, basis.id(), basis.occurredAt(), expiresAt);
    }
}
