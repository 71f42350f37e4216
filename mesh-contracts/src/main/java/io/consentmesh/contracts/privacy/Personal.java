package io.consentmesh.contracts.privacy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * This field holds personal data: it is encrypted under the subject's data key wherever it is stored or published, and
 * unreadable once the subject is erased. Declared here, on the contract, so no call site decides it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Personal {
    PersonalKind value();
}
