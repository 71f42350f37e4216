package io.consentmesh.contracts.telephony;

/** Provider-neutral call states (Twilio CallStatus, Telnyx call.* events and Plivo CallStatus all map here). */
public enum CallStatus {
    INITIATED,
    RINGING,
    ANSWERED,
    COMPLETED,
    BUSY,
    NO_ANSWER,
    FAILED,
    CANCELED
}
