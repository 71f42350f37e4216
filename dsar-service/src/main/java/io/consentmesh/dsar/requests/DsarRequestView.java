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
        List<Result> results,
        Set<String> awaiting,
        List<Disclosure> recipients) {

    /**
     * The request's clock: its jurisdiction's rule and how it ran.
     *
     * @param confirmDueAt when the receipt must have been confirmed to the person (null where the law sets no date)
     * @param confirmation when, how and by whom the receipt was confirmed to the person (null until it is)
     * @param originalDueAt the first deadline; {@code dueAt} differs from it once extended
     * @param extendableUntil until when an extension may still be taken (the end of the first period), null if the law
     *     allows none or it was taken
     */
    public record Clock(
            List<String> ruleIds,
            String basis,
            Instant confirmDueAt,
            Confirmation confirmation,
            Instant originalDueAt,
            Instant extendableUntil,
            Extension extension) {}

    /** The person told that their request was received. */
    public record Confirmation(Instant at, String channel, String by) {}

    /** The one extension: when the person was told, by whom, and why. */
    public record Extension(Instant at, String by, String reason) {}

    public record Result(String respondingService, String outcome, List<HeldData> held, Instant completedAt) {}
}
