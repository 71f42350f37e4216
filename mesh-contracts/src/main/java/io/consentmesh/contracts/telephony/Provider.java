package io.consentmesh.contracts.telephony;

/** Where an event came from: a telephony provider's webhook or the tenant's own agent runtime. */
public enum Provider {
    TWILIO,
    TELNYX,
    PLIVO,
    AGENT_RUNTIME
}
