package io.consentmesh.contracts.telephony;

/** Kinds of data that must never reach a transcript at rest (PCI DSS 3.3.1, NACHA, SSNs). */
public enum SensitiveDataKind {
    PAYMENT_CARD_NUMBER,
    CARD_SECURITY_CODE,
    BANK_ROUTING_NUMBER,
    BANK_ACCOUNT_NUMBER,
    SSN
}
