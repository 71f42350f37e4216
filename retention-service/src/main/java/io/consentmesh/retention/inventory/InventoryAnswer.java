package io.consentmesh.retention.inventory;

import java.util.List;

/** What a report did: how many items were new, how many were inventoried before, and all of them as they stand. */
public record InventoryAnswer(int inventoried, int alreadyKnown, List<InventoryItemView> items) {}
