package io.consentmesh.security.accesslog;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An operation that takes a credential but is not written to the security audit log, with the reason: e.g. an
 * authorization decision, which is itself logged (with its caller) in the decision log.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface NotAccessLogged {
    /** Why the operation needs no access record. */
    String value();
}
