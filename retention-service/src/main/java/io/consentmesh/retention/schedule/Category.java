package io.consentmesh.retention.schedule;

/** Kinds of stored items, each with its own schedule per tenant. */
public enum Category {
    /** Call recordings (provider, agent runtime or the tenant's object storage). */
    RECORDING,
    /** Call and ticket transcripts. */
    TRANSCRIPT,
    /** The text of messages kept by a provider or the tenant. */
    MESSAGE_CONTENT,
    /** Call detail records: traffic data. */
    CALL_METADATA,
    /** A bank-account verification record at the verification provider (Plaid, say). */
    BANK_VERIFICATION,
    /** An access or portability bundle made for a data-subject request. */
    DSAR_EXPORT,
    /** Telemetry batches (metrics, traces, logs with personal data). */
    TELEMETRY,
    /** Security audit logs. */
    SECURITY_AUDIT_LOG,
    /** Support tickets. */
    TICKET,
    /** Exports to or from a CRM. */
    CRM_EXPORT,
    /** Invoices and the billing data they hold. */
    INVOICE
}
