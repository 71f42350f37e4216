package io.consentmesh.contracts.telephony;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import java.time.Instant;

/**
 * The person pressed keys on a call: a menu choice, which the tenant's IVR configuration may give a meaning ("press 9
 * to stop these calls"). Only short entries are published (at most {@link #MOST_KEYS} keys): anything longer is an
 * account or card number, which never enters the mesh (PCI DSS: sensitive authentication data is not kept).
 *
 * @param callId the provider's call id
 * @param digits the keys pressed, in order: 0-9, {@code *}, {@code #}, A-D
 */
public record KeypadInputReceived(
        String callId, Provider provider, String providerAccountId, String digits, Instant occurredAt) {

    /** A menu choice is one or two keys. */
    public static final int MOST_KEYS = 2;

    public KeypadInputReceived {
        text(callId, "callId");
        value(provider, "provider");
        text(providerAccountId, "providerAccountId");
        text(digits, "digits");
        if (!digits.matches("[0-9*#A-D]{1," + MOST_KEYS + "}")) {
            throw new IllegalArgumentException("digits must be one or two keys (0-9, *, #, A-D)");
        }
        value(occurredAt, "occurredAt");
    }
}
