package io.consentmesh.retention.inventory;

import io.consentmesh.contracts.Required;
import io.consentmesh.contracts.retention.DeletionCommanded;
import io.consentmesh.retention.schedule.Category;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;

/**
 * An item the mesh cannot see for itself (a telemetry batch, a ticket, a CRM export, an export bundle), reported by
 * the tenant. The person, when the item is about one, is named by number and kept only as their subject id.
 *
 * @param itemRef the store's own id of the item: reporting it again changes nothing
 * @param address where the store's agent finds it (an object key, a ticket URL)
 * @param triggerAt when the schedule's trigger happened, for categories whose period does not start at storage
 */
public record ReportedItem(
        String phoneNumber,
        String category,
        String store,
        String itemRef,
        String address,
        String callId,
        Instant storedAt,
        Instant triggerAt) {

    /** Instants outside these bounds are typos (or attacks on date arithmetic), never storage dates. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

    public ReportedItem {
        Required.text(category, "category");
        if (Arrays.stream(Category.values())
                .noneMatch(c -> c.name().equals(category.trim().toUpperCase(Locale.ROOT)))) {
            throw new IllegalArgumentException("unknown category; one of " + Arrays.toString(Category.values()));
        }
        Required.text(store, "store");
        if (!DeletionCommanded.STORE_NAME.matcher(store).matches()) {
            throw new IllegalArgumentException("store must be a store name: lower-case letters, digits and dashes");
        }
        bounded(itemRef, "itemRef", 500);
        bounded(address, "address", 2048);
        if (callId != null) {
            bounded(callId, "callId", 200);
        }
        Required.value(storedAt, "storedAt");
        sane(storedAt, "storedAt");
        if (triggerAt != null) {
            sane(triggerAt, "triggerAt");
        }
    }

    public Category parsedCategory() {
        return Category.valueOf(category.trim().toUpperCase(Locale.ROOT));
    }

    private static void bounded(String value, String name, int max) {
        Required.text(value, name);
        if (value.length() > max) {
            throw new IllegalArgumentException(name + " must be at most " + max + " characters");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(name + " must not contain NUL characters");
        }
    }

    private static void sane(Instant at, String name) {
        if (at.isBefore(EARLIEST) || at.isAfter(Instant.now().plus(1, ChronoUnit.DAYS))) {
            throw new IllegalArgumentException(name + " must be a real date: after 1970 and not in the future");
        }
    }
}
