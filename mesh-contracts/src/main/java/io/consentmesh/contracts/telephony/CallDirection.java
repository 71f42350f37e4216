package io.consentmesh.contracts.telephony;

public enum CallDirection {
    INBOUND,
    OUTBOUND
}
