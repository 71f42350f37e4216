package io.consentmesh.contracts.telephony;

/** Provider-neutral delivery states of an outbound message. */
public enum MessageStatus {
    QUEUED,
    SENDING,
    SENT,
    DELIVERED,
    UNDELIVERED,
    FAILED,
    READ,
    PARTIALLY_DELIVERED,
    CANCELED
}
