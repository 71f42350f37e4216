package io.consentmesh.dsar.verification;

/**
 * How sure the tenant is that the requester is the person (CCPA regulations §7060–7062, DSR-06): none for an opt-out of
 * sale or sharing (DSR-05), a reasonable degree (control of the number the data is kept under), or a reasonably high
 * degree (that and the person's signed declaration, for copies of specific pieces of their data).
 */
public enum Assurance {
    NONE,
    REASONABLE,
    REASONABLY_HIGH;

    public boolean satisfies(Assurance needed) {
        return compareTo(needed) >= 0;
    }
}
