package io.consentmesh.contracts.dsar;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a data subject asked for (GDPR Art. 15–21; CCPA know, delete, correct, opt out). Tasks for the first four go
 * out as {@code mesh.dsar.task-issued.v1}, whose readers know only those; the others need version 2
 * ({@link #FIRST_VERSION}).
 */
public enum DsarRequestType {
    ACCESS,
    PORTABILITY,
    DELETION,
    RESTRICTION,
    /** Correction of inaccurate data (GDPR Art. 16, CCPA §1798.106). */
    CORRECTION,
    /** Objection to processing for direct marketing (GDPR Art. 21(2)–(3)): absolute. */
    OBJECTION,
    /** Opt-out of the sale or sharing of personal information (CCPA §1798.120, DSR-05): no verification. */
    OPT_OUT_OF_SALE_SHARING,
    /** The lifting of an earlier restriction of processing (GDPR Art. 18(3)). */
    LIFT_RESTRICTION;

    /** The types version 1 of the task event can carry. */
    public static final Set<DsarRequestType> FIRST_VERSION = EnumSet.of(ACCESS, PORTABILITY, DELETION, RESTRICTION);
}
