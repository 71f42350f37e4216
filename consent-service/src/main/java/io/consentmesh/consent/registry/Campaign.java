package io.consentmesh.consent.registry;

import io.consentmesh.consent.authorization.rules.CampaignStatus;
import io.consentmesh.consent.authorization.rules.ContentClass;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A tenant's campaign as the registry holds it.
 *
 * @param status as registered
 * @param effectiveStatus what the authorizer sees now: EXPIRED once {@code expiresAt} has passed, and the brand's
 *     standing when the brand is not approved (CAR-02)
 * @param covers the content classes its use cases cover under the rule set in effect (G-01)
 * @param keywordOptIn its message flow's opt-in keywords and the consent they give, when it is keyword opt-in
 */
public record Campaign(
        String tenantId,
        String campaignId,
        String brandId,
        String useCase,
        List<String> subUseCases,
        CampaignStatus status,
        CampaignStatus effectiveStatus,
        List<ContentClass> covers,
        String description,
        String messageFlow,
        String optInMessage,
        String optOutMessage,
        String helpMessage,
        List<String> messageSamples,
        CampaignFlags flags,
        Instant expiresAt,
        Map<String, String> providerIds,
        List<String> senderNumbers,
        List<StatusChange> statusHistory,
        Instant createdAt,
        Instant updatedAt,
        KeywordOptIn keywordOptIn) {}
