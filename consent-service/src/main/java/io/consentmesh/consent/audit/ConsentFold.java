package io.consentmesh.consent.audit;

import io.consentmesh.consent.ledger.Channel;
import io.consentmesh.consent.ledger.EvidenceKind;
import io.consentmesh.consent.state.ConsentStatus;
import io.consentmesh.consent.state.CurrentConsent;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
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

    /** One ledger record, as an audit reads it. */
    public record LedgerRecord(
            UUID id,
            EvidenceKind kind,
            Channel channel,
            Instant occurredAt,
            Instant recordedAt,
            String level,
            String prevHash,
            String hash) {}

    private ConsentFold() {}

    public static Map<Channel, CurrentConsent> fold(List<LedgerRecord> records) {
        Map<Channel, CurrentConsent> state = new EnumMap<>(Channel.class);
        records.stream()
                .sorted(Comparator.comparing(LedgerRecord::occurredAt).thenComparing(LedgerRecord::recordedAt))
                .forEach(record -> apply(state, record));
        return state;
    }

    private static void apply(Map<Channel, CurrentConsent> state, LedgerRecord record) {
        switch (record.kind()) {
            case OPT_OUT_KEYWORD, VERBAL_OPT_OUT, FREE_TEXT_OPT_OUT -> {
                for (Channel channel : Channel.values()) {
                    state.put(channel, consent(channel, ConsentStatus.REVOKED, null, record));
                }
            }
            case OPT_IN_KEYWORD -> {
                CurrentConsent sms = state.get(Channel.SMS);
                if (sms != null && sms.status() == ConsentStatus.REVOKED) {
                    state.put(Channel.SMS, consent(Channel.SMS, ConsentStatus.OPTED_IN, "EXPRESS", record));
                }
            }
            case VERBAL_OPT_IN ->
                state.put(Channel.VOICE, consent(Channel.VOICE, ConsentStatus.OPTED_IN, "EXPRESS", record));
            case EXPRESS_CONSENT ->
                state.put(record.channel(), consent(record.channel(), ConsentStatus.OPTED_IN, record.level(), record));
            case HELP_KEYWORD, DISCLOSURE_VERDICT -> {
                // a request for information, a call's disclosure verdict: neither changes consent
            }
        }
    }

    private static CurrentConsent consent(Channel channel, ConsentStatus status, String level, LedgerRecord basis) {
        return new CurrentConsent(channel, status, level, basis.id(), basis.occurredAt());
    }
}
