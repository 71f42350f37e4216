package io.consentmesh.ingest.redaction;

/** What a redacted span was; the marker that replaces it is {@code [REDACTED:<name>]}. */
public enum SensitiveKind {
    PAYMENT_CARD_NUMBER,
    CARD_SECURITY_CODE,
    BANK_ROUTING_NUMBER,
    BANK_ACCOUNT_NUMBER,
    SSN
}
