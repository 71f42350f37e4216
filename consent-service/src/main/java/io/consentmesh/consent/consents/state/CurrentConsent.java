package io.consentmesh.consent.consents.state;

import io.consentmesh.consent.evidence.Channel;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

/**
 * A subject's consent on one channel and scope now, and the ledger record it rests on.
 *
 * @param campaignId the campaign the consent is limited to, or null when it covers the whole brand (G-02)
 * @param level IMPLIED, EXPRESS or EXPRESS_WRITTEN when opted in; null when revoked
 * @param expiresAt when the consent lapses, or null when it does not
 */
public record CurrentConsent(
        Channel channel,
        String campaignId,
        ConsentStatus status,
        String level,
        UUID basisEvidenceId,
        Instant changedAt,
        Instant expiresAt) {

    /** Brand-wide first, then campaigns by id: the order reports and state hashes list a subject's rows in. */
    public static final Comparator<CurrentConsent> BY_KEY =
            Comparator.comparing(CurrentConsent::channel).thenComparing(CurrentConsent::scope);

    /** The projection's key column: '' for brand-wide consent, else the campaign id. */
    public String scope() {
        return campaignId == null ? "" : campaignId;
    }

    public static String campaignOf(String scope) {
        return scope == null || scope.isEmpty() ? null : scope;
    }
}
