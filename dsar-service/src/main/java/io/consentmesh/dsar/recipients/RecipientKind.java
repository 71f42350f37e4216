package io.consentmesh.dsar.recipients;

/** Who received a person's data. */
public enum RecipientKind {
    /** A public authority (a regulator, a court, law enforcement). */
    AUTHORITY,
    /** A processor acting for the tenant. */
    PROCESSOR,
    /** A processor's sub-processor. */
    SUB_PROCESSOR,
    /** A company of the tenant's group. */
    AFFILIATE,
    /** Any other third party (a controller in its own right). */
    THIRD_PARTY
}
