package io.consentmesh.testkit.planted.cycle.billing;

import io.consentmesh.testkit.planted.cycle.orders.Orders;

/** Planted: ... and billing uses orders, a cycle the contract must reject. */
public class Invoices {
    public int count() {
        return 1;
    }

    public int billed(Orders orders) {
        return orders.total(this);
    }
}
