package io.consentmesh.dsar.clock;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One jurisdiction's clock for a data-subject request, as data.
 *
 * @param answer the period from receipt within which the request must be answered
 * @param confirm the period from receipt within which its receipt must be confirmed to the person, where the law asks
 * @param extension how much longer the answer may take, once, if the person is told (with the reasons) within the
 *     first period
 * @param ruleIds the rules of the regulatory reference this clock states (DSR-01 …)
 * @param basis the law, as quoted in answers and reports
 * @param pausesWhileUnverified whether the clock starts only once the person's identity is verified (GDPR: the
 *     controller may ask for what it needs to identify them, Art. 12(6)) rather than at receipt (CCPA: "verification
 *     counts" toward the 45 days, DSR-04)
 */
public record ClockRule(
        Jurisdiction jurisdiction,
        Deadline answer,
        Optional<Deadline> confirm,
        Optional<Deadline> extension,
        List<String> ruleIds,
        String basis,
        boolean pausesWhileUnverified) {

    public ClockRule {
        ruleIds = List.copyOf(ruleIds);
    }

    public Instant answerDue(Instant receivedAt) {
        return answer.after(receivedAt);
    }

    public Optional<Instant> confirmationDue(Instant receivedAt) {
        return confirm.map(period -> period.after(receivedAt));
    }

    /** The answer's deadline once extended: the extension runs on from the end of the first period. */
    public Optional<Instant> extendedDue(Instant receivedAt) {
        return extension.map(more -> more.after(answerDue(receivedAt)));
    }
}
