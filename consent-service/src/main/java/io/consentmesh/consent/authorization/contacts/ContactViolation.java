package io.consentmesh.consent.authorization.contacts;

/** Why a contact's decisions did not allow it (the {@code violation} of {@code mesh.consent.contact-violated.v1}). */
public enum ContactViolation {
    /** No decision was asked for this person, channel and sender before the contact. */
    NO_DECISION,
    /** The latest decision was a DENY. */
    SENT_AFTER_DENY,
    /** The latest decision was a DEFER and the contact was made before its deferUntil, or long after. */
    SENT_OUTSIDE_DEFER_WINDOW,
    /** The ALLOW was for a later send time than the contact was made at. */
    SENT_BEFORE_PLANNED_TIME,
    /** The contact was made after the ALLOW's validUntil. */
    SENT_AFTER_VALIDITY,
    /** One ALLOW is one contact: another contact had already used it. */
    DECISION_ALREADY_USED,
    /** The decision the tenant named was made for another person, channel or sender. */
    DECISION_FOR_ANOTHER_CONTACT
}
