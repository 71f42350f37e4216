package io.consentmesh.testkit.planted.cycle.orders;

import io.consentmesh.testkit.planted.cycle.billing.Invoices;

/** Planted: orders use billing ... */
public class Orders {
    public int total(Invoices invoices) {
        return invoices.count();
    }
}
