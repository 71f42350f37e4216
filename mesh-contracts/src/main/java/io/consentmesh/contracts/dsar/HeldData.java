package io.consentmesh.contracts.dsar;

import static io.consentmesh.contracts.Required.text;

/**
 * One category of personal data a service holds about a subject, as reported in a DSAR answer.
 *
 * @param category e.g. {@code consent-evidence}, {@code consent-state}, {@code recording}
 * @param summary a readable, non-secret summary for the response to the person
 */
public record HeldData(String category, long recordCount, String summary) {

    public HeldData {
        text(category, "category");
        if (recordCount < 0) {
            throw new IllegalArgumentException("recordCount must not be negative");
        }
    }
}
