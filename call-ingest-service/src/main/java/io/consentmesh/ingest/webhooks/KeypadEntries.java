package io.consentmesh.ingest.webhooks;

import io.consentmesh.contracts.telephony.KeypadInputReceived;
import io.consentmesh.contracts.telephony.Provider;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keys the person pressed on a call, as the providers report a finished entry (Twilio {@code <Gather>}, Telnyx
 * {@code call.gather.ended}). Only a menu choice, at most {@link KeypadInputReceived#MOST_KEYS} keys, becomes an event;
 * a longer entry is an account or card number and never enters the mesh (PCI DSS, RET-04): it is answered 2xx like any
 * other callback the mesh does not keep, counted with the reason, and neither logged nor kept as a rejected webhook.
 */
@ApplicationScoped
public class KeypadEntries {

    public static final String KIND = "keypad";

    private final WebhookOutcomes outcomes;

    KeypadEntries(WebhookOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    /** @param event builds the event from the keys, once they are known to be a menu choice */
    public Optional<KeypadInputReceived> menuChoice(
            Provider provider, String digits, Function<String, KeypadInputReceived> event) {
        String keys = digits == null ? "" : digits.trim();
        if (keys.isEmpty()) {
            outcomes.count(provider, KIND, "ignored-no-keys"); // a timeout, or speech input
            return Optional.empty();
        }
        if (keys.length() > KeypadInputReceived.MOST_KEYS) {
            outcomes.count(provider, KIND, "ignored-long-entry");
            return Optional.empty();
        }
        return Optional.of(outcomes.mapped(provider, KIND, () -> event.apply(keys)));
    }
}
