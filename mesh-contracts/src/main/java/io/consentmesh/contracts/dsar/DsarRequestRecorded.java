package io.consentmesh.contracts.dsar;

import static io.consentmesh.contracts.Required.text;
import static io.consentmesh.contracts.Required.value;

import java.time.Instant;
import java.util.Map;

/**
 * One step of a data-subject request's record (received, verified, extended, task issued, answered, completed,
 * denied, ...), as dsar-service logged it in its hash-chained record: a reader can replay a request's history from
 * the topic and recompute each hash from the record before it.
 *
 * @param kind the step, e.g. RECEIVED, VERIFICATION_SENT, VERIFIED, TASK_ISSUED, ANSWERED, COMPLETED, DENIED
 * @param detail what the step says (rules, reasons, who), never the person's contact data
 * @param previousHash the hash of the record before it in the person's chain; null for the chain's first
 * @param hash SHA-256 over the previous hash and this record's canonical JSON
 */
public record DsarRequestRecorded(
        String recordId,
        String requestId,
        String kind,
        Map<String, Object> detail,
        Instant at,
        String previousHash,
        String hash) {

    public DsarRequestRecorded {
        text(recordId, "recordId");
        text(requestId, "requestId");
        text(kind, "kind");
        value(detail, "detail");
        value(at, "at");
        text(hash, "hash");
    }
}
