package io.consentmesh.ingest.webhooks;

import io.consentmesh.contracts.telephony.Provider;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * The consent decision a tenant says it sent a message or placed a call under, where the tenant passes it through the
 * provider: a {@code decisionId} parameter on the status callback URL (Twilio, Plivo; the signature covers the URL with
 * its query), a Telnyx message tag {@code decision:<id>}, or a Telnyx call's {@code client_state}, Base64 of
 * {@code decision:<id>}. An id that is not a UUID is dropped and counted {@code bad-decision-id}: the status is still
 * evidence and is published without it.
 */
@ApplicationScoped
public class DecisionIds {

    public static final String PARAMETER = "decisionId";
    public static final String PREFIX = "decision:";

    /** The form the consent-service authorization API writes (and the schemas' {@code format: uuid}). */
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final WebhookOutcomes outcomes;

    DecisionIds(WebhookOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    /** @param query the raw query of the URL the provider called, null when it had none */
    public String fromQuery(Provider provider, String kind, String query) {
        return checked(provider, kind, inQuery(query));
    }

    public String fromTags(Provider provider, String kind, Iterable<String> tags) {
        return checked(provider, kind, inTags(tags));
    }

    public String fromClientState(Provider provider, String kind, String clientState) {
        return checked(provider, kind, inClientState(clientState));
    }

    static Optional<String> inQuery(String query) {
        if (query == null || query.isEmpty()) {
            return Optional.empty();
        }
        try {
            return FormBody.parse(query).first(PARAMETER);
        } catch (MalformedWebhookException unreadable) {
            return Optional.of(""); // a query we cannot read names no decision we can trust
        }
    }

    static Optional<String> inTags(Iterable<String> tags) {
        return StreamSupport.stream(tags.spliterator(), false)
                .filter(tag -> tag.startsWith(PREFIX))
                .map(tag -> tag.substring(PREFIX.length()))
                .findFirst();
    }

    /** Any other client state (not Base64, or not ours) is the tenant's own and names no decision. */
    static Optional<String> inClientState(String clientState) {
        if (clientState == null || clientState.isBlank()) {
            return Optional.empty();
        }
        String state;
        try {
            state = new String(Base64.getDecoder().decode(clientState.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        return state.startsWith(PREFIX) ? Optional.of(state.substring(PREFIX.length())) : Optional.empty();
    }

    /** The canonical (lower-case) UUID, or empty when the text is not one. */
    static Optional<String> uuid(String text) {
        String trimmed = text.trim();
        return UUID_TEXT.matcher(trimmed).matches()
                ? Optional.of(UUID.fromString(trimmed).toString())
                : Optional.empty();
    }

    private String checked(Provider provider, String kind, Optional<String> claimed) {
        if (claimed.isEmpty()) {
            return null;
        }
        Optional<String> id = uuid(claimed.get());
        if (id.isEmpty()) {
            outcomes.count(provider, kind, "bad-decision-id");
        }
        return id.orElse(null);
    }
}
