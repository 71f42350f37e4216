package io.consentmesh.consent.registry;

import io.consentmesh.consent.authorization.rules.CampaignStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A campaign as the tenant registered it with TCR (TCR-02, TCR-03): its brand, use case and sub-use-cases, status,
 * the opt-in, opt-out and help replies, message samples and flags, when it expires (null: it renews), and whether its
 * message flow is keyword opt-in.
 */
public record CampaignRequest(
        String tenantId,
        String brandId,
        String useCase,
        List<String> subUseCases,
        CampaignStatus status,
        String description,
        String messageFlow,
        String optInMessage,
        String optOutMessage,
        String helpMessage,
        List<String> messageSamples,
        CampaignFlags flags,
        Instant expiresAt,
        KeywordOptIn keywordOptIn) {

    public CampaignRequest {
        keywordOptIn = keywordOptIn == null ? KeywordOptIn.NONE : keywordOptIn;
        subUseCases = subUseCases == null ? List.of() : List.copyOf(subUseCases);
        messageSamples = messageSamples == null ? List.of() : List.copyOf(messageSamples);
        flags = flags == null ? CampaignFlags.UNKNOWN : flags;
    }

    /** What breaks TCR-02 and TCR-03 in this campaign, each naming the field; empty when nothing does. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>(TcrUseCases.problems(useCase, subUseCases));
        reply("optInMessage", optInMessage, problems);
        reply("optOutMessage", optOutMessage, problems);
        reply("helpMessage", helpMessage, problems);
        problems.addAll(keywordOptIn.problems());
        if (messageSamples.size() > 5) {
            problems.add("messageSamples: at most 5 (TCR-03)");
        }
        for (int i = 0; i < messageSamples.size(); i++) {
            String sample = messageSamples.get(i);
            if (sample == null || sample.length() < 20 || sample.length() > 1024) {
                problems.add("messageSamples[" + i + "]: 20 to 1024 characters (TCR-03)");
            }
        }
        return problems;
    }

    /** Every use case the campaign may send under: its own and, for MIXED and LOW_VOLUME, its sub-use-cases. */
    public List<String> allUseCases() {
        List<String> all = new ArrayList<>(subUseCases.size() + 1);
        all.add(useCase);
        all.addAll(subUseCases);
        return all;
    }

    private static void reply(String field, String text, List<String> problems) {
        if (text != null && (text.length() < 20 || text.length() > 255)) {
            problems.add(field + ": 20 to 255 characters (TCR-03)");
        }
    }
}
