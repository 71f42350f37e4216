package io.consentmesh.security.tenancy;

import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;

/** Which operations take a credential: those with {@code @RolesAllowed} on the method or its class. */
public final class GuardedOperations {

    private GuardedOperations() {}

    public static boolean guarded(Class<?> resource, Method method) {
        if (method == null) {
            return false;
        }
        return method.isAnnotationPresent(RolesAllowed.class)
                || (resource != null && resource.isAnnotationPresent(RolesAllowed.class));
    }
}
