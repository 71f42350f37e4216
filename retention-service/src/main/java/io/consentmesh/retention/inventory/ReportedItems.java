package io.consentmesh.retention.inventory;

import io.consentmesh.contracts.Required;
import java.util.List;

/** Items reported in bulk for one tenant: at most {@value #MAX} per request, each as {@link ReportedItem}. */
public record ReportedItems(String tenantId, List<ReportedItem> items) {

    public static final int MAX = 1000;

    public ReportedItems {
        Required.text(tenantId, "tenantId");
        Required.value(items, "items");
        if (items.isEmpty() || items.size() > MAX) {
            throw new IllegalArgumentException("items must hold 1 to " + MAX + " items");
        }
        if (items.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("items must not hold null");
        }
        items = List.copyOf(items);
    }
}
