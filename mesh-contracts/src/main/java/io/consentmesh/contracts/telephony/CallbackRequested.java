package io.consentmesh.contracts.telephony;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import java.time.Instant;

/**
 * The person asked to be called back: one of the purposes for which the tenant may call them.
 *
 * @param preferredAt when they asked to be called, or null for "as soon as possible"
 */
public record CallbackRequested(String callId, Provider provider, Instant preferredAt, Instant occurredAt) {

    public CallbackRequested {
        text(callId, "callId");
        value(provider, "provider");
        value(occurredAt, "occurredAt");
    }
}
