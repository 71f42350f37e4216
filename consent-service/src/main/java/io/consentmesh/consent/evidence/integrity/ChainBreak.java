package io.consentmesh.consent.evidence.integrity;

/**
 * The first broken link found in one subject's hash chain, or in one tenant's checkpoint sequence.
 *
 * @param recordId the ledger record at which the chain breaks (null when the break is at the chain's head)
 * @param expected what the chain says should be there (a hash, a count)
 * @param actual what the rows hold
 */
public record ChainBreak(
        String tenantId, String subjectId, Kind kind, String recordId, String expected, String actual, String detail) {

    public enum Kind {
        /** The record's content no longer hashes to its stored hash: it was altered. */
        CHANGED,
        /** The record's predecessor is not in the ledger: a record was deleted. */
        MISSING_PREDECESSOR,
        /** Two records claim the same predecessor, or none starts the chain. */
        FORKED,
        /** The chain's order disagrees with the order the records were written in. */
        REORDERED,
        /** The chain ends elsewhere, or is shorter or longer, than its recorded head: records deleted or added. */
        HEAD_MISMATCH,
        /** A signed checkpoint is missing, unchained, altered or not signed by the key (subject is null). */
        CHECKPOINT_INVALID,
        /** A chain no longer holds the head a valid checkpoint signed for: it was rewritten or cut. */
        NOT_AS_CHECKPOINTED
    }
}
