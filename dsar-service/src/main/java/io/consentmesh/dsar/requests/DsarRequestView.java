package io.consentmesh.dsar.requests;

import io.consentmesh.contracts.dsar.HeldData;
import io.consentmesh.dsar.recipients.Disclosure;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A request with the answers received so far.
 *
 * @param awaiting the services that have not answered yet
 * @param recipients for an access or portability request, the recorded disclosures of the person's data (DSR-03);
 *     empty for the other types
 */
public record DsarRequestView(
        UUID id,
        String tenantId,
        String subjectId,
        String type,
        String jurisdiction,
        String status,
        Instant receivedAt,
        Instant dueAt,
        Clock clock,
        String source,
        String language,
        Verification verification,
        Denial denial,
        List<Result> results,
        Set<String> awaiting,
        List<Disclosure> recipients) {

    /**
     * The request's clock: its jurisdiction's rule and how it ran.
     *
     * @param startedAt when the clock started: receipt, or verification where the law waits for it (null until then)
     * @param waitingForVerification the law's clock has not started: the person's identity is still being verified
     * @param confirmDueAt when the receipt must have been confirmed to the person (null where the law sets no date)
     * @param confirmation when, how and by whom the receipt was confirmed to the person (null until it is)
     * @param originalDueAt the first deadline; {@code dueAt} differs from it once extended
     * @param extendableUntil until when an extension may still be taken (the end of the first period), null if the law
     *     allows none or it was taken
     */
    public record Clock(
            List<String> ruleIds,
            String basis,
            Instant startedAt,
            boolean waitingForVerification,
            Instant confirmDueAt,
            Confirmation confirmation,
            Instant originalDueAt,
            Instant extendableUntil,
            Extension extension) {}

    /** The person told that their request was received. */
    public record Confirmation(Instant at, String channel, String by) {}

    /** The one extension: when the person was told, by whom, and why. */
    public record Extension(Instant at, String by, String reason) {}

    /**
     * How the person's identity was (or is being) verified (DSR-06).
     *
     * @param codeExpiresAt while a code awaits the person: when it expires
     * @param codesSent while a code awaits the person: how many were sent
     */
    public record Verification(
            String assuranceRequired,
            String assuranceReached,
            String method,
            Instant verifiedAt,
            String verifiedBy,
            Instant codeExpiresAt,
            Integer codesSent,
            NewDsarRequest.AuthorizedAgent authorizedAgent) {}

    /** Why the request was refused, by whom and when. */
    public record Denial(Instant at, String by, String basis, String reason) {}

    public record Result(String respondingService, String outcome, List<HeldData> held, Instant completedAt) {}
}
