package io.consentmesh.retention.holds;

import io.consentmesh.contracts.Required;
import io.consentmesh.retention.schedule.Category;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * A legal hold to place. Its scope is the tenant narrowed by any of: the person (by number, never stored in clear:
 * only their pseudonymous subject id is kept), a call, a category, a range of storage dates. A hold over the whole
 * tenant must say so ({@code wholeTenant: true}): a hold with no scope is refused rather than taken as everything.
 *
 * @param storedFrom items stored at or after this instant
 * @param storedUntil items stored before this instant
 */
public record NewLegalHold(
        String tenantId,
        String phoneNumber,
        String callId,
        String category,
        Instant storedFrom,
        Instant storedUntil,
        Boolean wholeTenant,
        String reason,
        String matterId) {

    public NewLegalHold {
        Required.text(tenantId, "tenantId");
        boolean narrowed = present(phoneNumber)
                || present(callId)
                || present(category)
                || storedFrom != null
                || storedUntil != null;
        if (!narrowed && !Boolean.TRUE.equals(wholeTenant)) {
            throw new IllegalArgumentException("a hold needs a scope: phoneNumber, callId, category, storedFrom or"
                    + " storedUntil, or wholeTenant: true for every item of the tenant");
        }
        if (narrowed && Boolean.TRUE.equals(wholeTenant)) {
            throw new IllegalArgumentException("wholeTenant: true cannot be narrowed; leave it out to narrow the hold");
        }
        if (present(category)
                && Arrays.stream(Category.values())
                        .noneMatch(c -> c.name().equals(category.trim().toUpperCase(Locale.ROOT)))) {
            throw new IllegalArgumentException("unknown category; one of " + Arrays.toString(Category.values()));
        }
        if (storedFrom != null && storedUntil != null && !storedFrom.isBefore(storedUntil)) {
            throw new IllegalArgumentException("storedFrom must be before storedUntil");
        }
        if (present(callId) && callId.length() > 200) {
            throw new IllegalArgumentException("callId must be at most 200 characters");
        }
        Required.text(reason, "reason");
        Required.text(matterId, "matterId");
        if (reason.length() > 1000 || matterId.length() > 200) {
            throw new IllegalArgumentException("reason must be at most 1,000 characters and matterId at most 200");
        }
    }

    public Category categoryOrNull() {
        return present(category) ? Category.valueOf(category.trim().toUpperCase(Locale.ROOT)) : null;
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
