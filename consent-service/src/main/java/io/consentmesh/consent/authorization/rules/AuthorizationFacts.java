package io.consentmesh.consent.authorization.rules;

import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.contracts.Required;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Everything the rules look at for one intended contact, gathered by the caller beforehand so that evaluation needs
 * no I/O. Lists are never null (empty when nothing is known); the single facts are null when absent.
 *
 * @param senderCampaign the 10DLC campaign the sending number is assigned to, or null when it is on none (G-01)
 * @param consents the person's consents with this brand, any channel and scope (G-02, G-03)
 * @param revocations every revocation by the person of this brand, on any channel or sender (G-04)
 * @param doNotContact the tenant's do-not-contact entry for the number, or null (G-04)
 * @param recipient the person's number in E.164
 * @param knownAddress where the person is known to live, or null (TZ-03)
 * @param recentContacts when the person was contacted (calls and texts, any sender of the brand) within
 *     {@link RuleSet#capLookback()} before {@code now} (TZ-04)
 * @param lastInbound the person's latest inbound message or call, or null (G-03 conversational, purposes)
 * @param callbackRequested the person's request to be called back, or null (purposes)
 * @param processingRestriction a data-subject request's restriction of processing, or null
 * @param marketingObjection a data-subject request's objection to direct marketing, or null (absent from facts stored
 *     before objections existed)
 * @param callback the person's latest callback request with the time they asked for and whether a call since used it,
 *     or null (CB-01; absent from facts stored before callback windows existed)
 */
public record AuthorizationFacts(
        Channel channel,
        ContentClass contentClass,
        SenderCampaign senderCampaign,
        List<Consent> consents,
        List<Revocation> revocations,
        EvidenceRef doNotContact,
        String recipient,
        KnownAddress knownAddress,
        Instant now,
        List<Instant> recentContacts,
        EvidenceRef lastInbound,
        EvidenceRef callbackRequested,
        EvidenceRef processingRestriction,
        EvidenceRef marketingObjection,
        CallbackRequest callback) {

    public AuthorizationFacts {
        Required.value(channel, "channel");
        Required.value(contentClass, "contentClass");
        Required.text(recipient, "recipient");
        Required.value(now, "now");
        consents = consents == null ? List.of() : consents;
        revocations = revocations == null ? List.of() : revocations;
        recentContacts = recentContacts == null ? List.of() : recentContacts;
    }

    /**
     * @param campaignId the registry's id of the campaign
     * @param useCases its TCR use case and, for MIXED, its sub-use-cases (mapped to content classes by the rule set)
     */
    public record SenderCampaign(String campaignId, CampaignStatus status, Set<String> useCases) {
        public SenderCampaign {
            Required.text(campaignId, "campaignId");
            Required.value(status, "status");
            useCases = useCases == null ? Set.of() : useCases;
        }
    }

    /**
     * A consent on record.
     *
     * @param campaignId the campaign it is limited to, or null when it covers the whole brand
     * @param expiresAt when it lapses, or null when it does not
     */
    public record Consent(
            Channel channel,
            String campaignId,
            ConsentGrade grade,
            UUID evidenceId,
            Instant givenAt,
            Instant expiresAt) {
        public Consent {
            Required.value(channel, "channel");
            Required.value(grade, "grade");
            Required.value(evidenceId, "evidenceId");
            Required.value(givenAt, "givenAt");
        }
    }

    /** A revocation, said on {@code channel}; it covers every channel and sender of the brand all the same. */
    public record Revocation(UUID evidenceId, Instant at, Channel channel) {
        public Revocation {
            Required.value(evidenceId, "evidenceId");
            Required.value(at, "at");
        }
    }

    /** A dated fact with the ledger record (or list entry) that proves it; the id may be null when none exists. */
    /**
     * @param preferredAt the time the person asked to be called, or null when they named none
     * @param usedAt when an outbound call to them after the request was made, which used the permission, or null
     */
    public record CallbackRequest(Instant requestedAt, Instant preferredAt, Instant usedAt) {
        public CallbackRequest {
            Required.value(requestedAt, "requestedAt");
        }
    }

    public record EvidenceRef(UUID evidenceId, Instant at) {
        public EvidenceRef {
            Required.value(at, "at");
        }
    }

    /**
     * @param state USPS code of the state of the person's address
     * @param zone IANA time zone of the address when known (e.g. from its ZIP code), or null
     */
    public record KnownAddress(String state, String zone) {
        public KnownAddress {
            Required.text(state, "state");
        }
    }

    public static Builder builder(Channel channel, ContentClass contentClass, String recipient, Instant now) {
        return new Builder(channel, contentClass, recipient, now);
    }

    /** Builds facts one at a time; for callers that gather them from several places, and for tests. */
    public static final class Builder {
        private final Channel channel;
        private final ContentClass contentClass;
        private final String recipient;
        private final Instant now;
        private SenderCampaign senderCampaign;
        private final List<Consent> consents = new ArrayList<>();
        private final List<Revocation> revocations = new ArrayList<>();
        private EvidenceRef doNotContact;
        private KnownAddress knownAddress;
        private final List<Instant> recentContacts = new ArrayList<>();
        private EvidenceRef lastInbound;
        private EvidenceRef callbackRequested;
        private EvidenceRef processingRestriction;
        private EvidenceRef marketingObjection;
        private CallbackRequest callback;

        private Builder(Channel channel, ContentClass contentClass, String recipient, Instant now) {
            this.channel = channel;
            this.contentClass = contentClass;
            this.recipient = recipient;
            this.now = now;
        }

        public Builder senderCampaign(SenderCampaign campaign) {
            this.senderCampaign = campaign;
            return this;
        }

        public Builder consent(Consent consent) {
            consents.add(consent);
            return this;
        }

        public Builder revocation(Revocation revocation) {
            revocations.add(revocation);
            return this;
        }

        public Builder doNotContact(EvidenceRef entry) {
            this.doNotContact = entry;
            return this;
        }

        public Builder knownAddress(KnownAddress address) {
            this.knownAddress = address;
            return this;
        }

        public Builder contactedAt(Instant at) {
            recentContacts.add(at);
            return this;
        }

        public Builder lastInbound(EvidenceRef inbound) {
            this.lastInbound = inbound;
            return this;
        }

        /** The request, with no preferred time and not used, unless {@link #callback} says more. */
        public Builder callbackRequested(EvidenceRef callback) {
            this.callbackRequested = callback;
            if (this.callback == null && callback != null) {
                this.callback = new CallbackRequest(callback.at(), null, null);
            }
            return this;
        }

        public Builder callback(CallbackRequest request) {
            this.callback = request;
            if (callbackRequested == null && request != null) {
                callbackRequested = new EvidenceRef(null, request.requestedAt());
            }
            return this;
        }

        public Builder processingRestriction(EvidenceRef restriction) {
            this.processingRestriction = restriction;
            return this;
        }

        public Builder marketingObjection(EvidenceRef objection) {
            this.marketingObjection = objection;
            return this;
        }

        public AuthorizationFacts build() {
            return new AuthorizationFacts(
                    channel,
                    contentClass,
                    senderCampaign,
                    List.copyOf(consents),
                    List.copyOf(revocations),
                    doNotContact,
                    recipient,
                    knownAddress,
                    now,
                    List.copyOf(recentContacts),
                    lastInbound,
                    callbackRequested,
                    processingRestriction,
                    marketingObjection,
                    callback);
        }
    }
}
