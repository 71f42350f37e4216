package io.consentmesh.contracts;

import java.util.List;

/** Kafka topic names. Every channel in every service names its topic from here (or the same literal in config). */
public final class Topics {

    public static final String TELEPHONY_CALL = "telephony.call.v1";
    public static final String TELEPHONY_SMS = "telephony.sms.v1";
    public static final String BILLING_ACCOUNT = "billing.account.v1";
    public static final String INGEST_REJECTED = "ingest.rejected.v1";

    public static final String CONSENT_EVIDENCE = "consent.evidence.v1";
    public static final String CONSENT_DECISION = "consent.decision.v1";
    public static final String CONSENT_VIOLATION = "consent.violation.v1";
    /** Replies the tenant's messaging should send: HELP texts and opt-out confirmations. */
    public static final String CONSENT_REPLY_COMMAND = "consent.reply-command.v1";

    public static final String RETENTION_DELETION_COMMAND = "retention.deletion-command.v1";
    public static final String RETENTION_DELETION_RECEIPT = "retention.deletion-receipt.v1";
    /** Items still not deleted long after their due date: for operators and their alerting. */
    public static final String RETENTION_ESCALATION = "retention.escalation.v1";

    public static final String DSAR_REQUEST = "dsar.request.v1";
    public static final String DSAR_TASK = "dsar.task.v1";
    public static final String DSAR_TASK_RESULT = "dsar.task-result.v1";
    /** One-time codes the tenant's messaging should text to people proving they control a number (kept 7 days). */
    public static final String DSAR_SMS_COMMAND = "dsar.sms-command.v1";
    /** Stored files the deletion agents are asked to copy for a person's access copy (answers on the task results). */
    public static final String DSAR_FILE_EXPORT = "dsar.file-export.v1";

    /** Poison events each consumer could not apply, with the reason in the record headers. */
    public static final String CONSENT_DEAD_LETTER = "consent.dead-letter.v1";

    public static final String RETENTION_DEAD_LETTER = "retention.dead-letter.v1";
    public static final String DSAR_DEAD_LETTER = "dsar.dead-letter.v1";
    public static final String INGEST_DEAD_LETTER = "ingest.dead-letter.v1";

    public static final List<String> ALL = List.of(
            TELEPHONY_CALL,
            TELEPHONY_SMS,
            BILLING_ACCOUNT,
            INGEST_REJECTED,
            CONSENT_EVIDENCE,
            CONSENT_DECISION,
            CONSENT_VIOLATION,
            CONSENT_REPLY_COMMAND,
            RETENTION_DELETION_COMMAND,
            RETENTION_DELETION_RECEIPT,
            RETENTION_ESCALATION,
            DSAR_REQUEST,
            DSAR_TASK,
            DSAR_TASK_RESULT,
            DSAR_SMS_COMMAND,
            DSAR_FILE_EXPORT,
            CONSENT_DEAD_LETTER,
            RETENTION_DEAD_LETTER,
            DSAR_DEAD_LETTER,
            INGEST_DEAD_LETTER);

    private Topics() {}
}
