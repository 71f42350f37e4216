package io.consentmesh.consent.authorization.interactions;

import io.consentmesh.consent.consents.state.CurrentConsent;
import java.time.Instant;
import java.util.List;

/**
 * What the authorizer knows about a person besides consent, read in one round trip by {@link Interactions}.
 *
 * @param consents the person's consent state on each channel (granted with a level, or revoked)
 * @param lastInbound the person's latest inbound message or call, or null
 * @param callbackRequestedAt when the person last asked to be called back, or null
 * @param callbackPreferredAt the time they asked to be called at, or null when they named none
 * @param callbackUsedAt when an answered outbound call since the request used it (CB-01: one call), or null
 * @param doNotContactSince when the tenant put the person on its do-not-contact list, or null
 * @param restrictedSince when a data-subject request restricted processing, or null
 * @param objectedToMarketingSince when a data-subject request objected to direct marketing, or null
 * @param recentContacts when the person was contacted (sends made, and ALLOWs no send has used yet: any channel and
 *     sender) since the asked instant
 */
public record PersonFacts(
        List<CurrentConsent> consents,
        Instant lastInbound,
        Instant callbackRequestedAt,
        Instant callbackPreferredAt,
        Instant callbackUsedAt,
        Instant doNotContactSince,
        Instant restrictedSince,
        Instant objectedToMarketingSince,
        List<Instant> recentContacts) {}
