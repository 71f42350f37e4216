package io.consentmesh.consent.consents.state;

import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.consent.evidence.EvidenceKind;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * How one ledger record changes a person's consent: the one rule that every path applies — texts and spoken words as
 * they arrive (in batches), consent the tenant records or imports, and the audits' replay of a subject's ledger — so
 * the live projection and a rebuild from the log can never disagree about what a record means.
 *
 * <ul>
 *   <li>an opt-out keyword, a revocation in the person's words, on a call, reported by the tenant (received by
 *       e-mail, form, letter or in person), a key pressed in an IVR menu to stop contact or signalled by a carrier
 *       refusing a send revokes every channel of the brand and every campaign consent (KW-05, KW-06,
 *       KW-12);
 *   <li>an opt-in keyword re-opts-in to texts someone who had opted out of them (KW-11) and, when it is a keyword
 *       of the opt-in flow the campaign behind the texted number declared, opts in to that campaign's texts at the
 *       level the flow declares;
 *   <li>agreement on a call opts in to calls, as express (not written) consent;
 *   <li>consent recorded by the tenant opts in on its channel, at its level, for its campaign or the whole brand
 *       (G-02), until it expires;
 *   <li>an erasure revokes everything too: consent whose evidence can no longer be read cannot be relied on, and a
 *       person who had opted out stays opted out;
 *   <li>a help keyword, a disclosure verdict or a contact violation changes nothing.
 * </ul>
 *
 * Pure Java: the rows it reads and changes are behind {@link Consents}.
 */
public final class ConsentTransition {

    /** What a ledger record says, as far as consent goes. */
    public record Evidence(
            UUID id,
            EvidenceKind kind,
            Channel channel,
            String level,
            String campaignId,
            Instant expiresAt,
            Instant occurredAt) {

        /** A record that carries no level, campaign or expiry (keywords, words on a call). */
        public static Evidence of(UUID id, EvidenceKind kind, Channel channel, Instant occurredAt) {
            return new Evidence(id, kind, channel, null, null, null, occurredAt);
        }
    }

    /** One person's consent rows, as the path at hand keeps them. */
    public interface Consents {

        /** The person's brand-wide consent on a channel, if there is a row. */
        Optional<CurrentConsent> brandWide(Channel channel);

        /** Revokes every channel of the brand and every campaign consent, on the basis of a record. */
        void revokeEverywhere(UUID basis, Instant at);

        /** Sets one row (its channel and scope are its key). */
        void put(CurrentConsent consent);
    }

    /**
     * The records that revoke every channel of the brand (the first case of {@link #apply}), for readers that look
     * for revocations in the ledger itself (ConsentTransitionTest keeps the two in step).
     */
    public static final Set<EvidenceKind> REVOKING = EnumSet.of(
            EvidenceKind.OPT_OUT_KEYWORD,
            EvidenceKind.VERBAL_OPT_OUT,
            EvidenceKind.FREE_TEXT_OPT_OUT,
            EvidenceKind.REPORTED_OPT_OUT,
            EvidenceKind.CARRIER_OPT_OUT,
            EvidenceKind.KEYPAD_OPT_OUT,
            EvidenceKind.SUBJECT_ERASED);

    private ConsentTransition() {}

    public static void apply(Consents consents, Evidence record) {
        switch (record.kind()) {
            case OPT_OUT_KEYWORD,
                    VERBAL_OPT_OUT,
                    FREE_TEXT_OPT_OUT,
                    REPORTED_OPT_OUT,
                    CARRIER_OPT_OUT,
                    KEYPAD_OPT_OUT,
                    SUBJECT_ERASED -> consents.revokeEverywhere(record.id(), record.occurredAt());
            case OPT_IN_KEYWORD -> {
                if (optedOut(consents, Channel.SMS)) {
                    consents.put(optedIn(Channel.SMS, null, "EXPRESS", null, record));
                }
                if (record.campaignId() != null) { // a keyword of the campaign's declared opt-in flow
                    consents.put(optedIn(Channel.SMS, record.campaignId(), record.level(), null, record));
                }
            }
            case VERBAL_OPT_IN -> consents.put(optedIn(Channel.VOICE, null, "EXPRESS", null, record));
            case EXPRESS_CONSENT ->
                consents.put(
                        optedIn(record.channel(), record.campaignId(), record.level(), record.expiresAt(), record));
            case HELP_KEYWORD, DISCLOSURE_VERDICT, CONTACT_VIOLATION -> {
                // a request for information, a call's disclosure verdict, a send found unauthorized: none changes
                // consent
            }
        }
    }

    /** Whether the person's brand-wide consent on a channel stands revoked. */
    public static boolean optedOut(Consents consents, Channel channel) {
        return consents.brandWide(channel)
                .filter(consent -> consent.status() == ConsentStatus.REVOKED)
                .isPresent();
    }

    /** A revoked row on the basis of a record. */
    public static CurrentConsent revoked(Channel channel, String campaignId, UUID basis, Instant at) {
        return new CurrentConsent(channel, campaignId, ConsentStatus.REVOKED, null, basis, at, null);
    }

    private static CurrentConsent optedIn(
            Channel channel, String campaignId, String level, Instant expiresAt, Evidence basis) {
        return new CurrentConsent(
                channel, campaignId, ConsentStatus.OPTED_IN, level, basis.id(), basis.occurredAt(), expiresAt);
    }
}
