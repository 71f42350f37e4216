package io.consentmesh.dsar.recipients;

import io.consentmesh.contracts.Required;
import io.consentmesh.contracts.envelope.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A disclosure of a person's data to a recipient, as privacy-ops records it.
 *
 * @param country where the recipient is (ISO 3166-1 alpha-2), so that transfers to third countries show (DSR-03)
 * @param categories which of the person's data went (e.g. "call recordings", "consent evidence")
 * @param reference the tenant's own reference (a ticket, an order number): recording it again has no second effect;
 *     one is derived from the content when absent
 */
public record NewDisclosure(
        TenantId tenantId,
        String phoneNumber,
        String recipient,
        RecipientKind recipientKind,
        String country,
        List<String> categories,
        String purpose,
        String legalBasis,
        Instant disclosedAt,
        String reference) {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    public NewDisclosure {
        Required.value(tenantId, "tenantId");
        Required.text(phoneNumber, "phoneNumber");
        bounded(Required.text(recipient, "recipient"), "recipient", 200);
        Required.value(recipientKind, "recipientKind");
        if (country != null && !COUNTRY.matcher(country).matches()) {
            throw new IllegalArgumentException("country must be an ISO 3166-1 alpha-2 code such as US or DE");
        }
        if (categories == null || categories.isEmpty() || categories.size() > 20) {
            throw new IllegalArgumentException("categories must name 1 to 20 categories of data");
        }
        for (String category : categories) {
            bounded(Required.text(category, "categories[]"), "categories[]", 100);
        }
        categories = List.copyOf(categories);
        bounded(Required.text(purpose, "purpose"), "purpose", 500);
        if (legalBasis != null) {
            bounded(legalBasis, "legalBasis", 500);
        }
        Required.value(disclosedAt, "disclosedAt");
        if (reference != null) {
            bounded(Required.text(reference, "reference"), "reference", 100);
        }
    }

    private static void bounded(String value, String field, int max) {
        if (value.length() > max) {
            throw new IllegalArgumentException(field + " is longer than " + max + " characters");
        }
    }
}
