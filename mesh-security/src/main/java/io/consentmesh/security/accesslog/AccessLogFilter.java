package io.consentmesh.security.accesslog;

import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.security.caller.Caller;
import io.consentmesh.security.tenancy.GuardedOperations;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Writes every call of an operation that takes a credential to the security audit log, unless the operation says
 * why not ({@link NotAccessLogged}). Denied calls by a known caller are recorded too; anonymous ones are not (they
 * touched nothing, and would let anyone fill the log).
 */
public class AccessLogFilter {

    /** Path parameters that hold a person's phone number: recorded as the person's pseudonymous subject id. */
    private static final String PHONE_NUMBER = "phoneNumber";

    private final AccessLog log;
    private final CurrentIdentityAssociation identity;
    private final SubjectKeys subjects;
    private final Map<Method, String> operations = new ConcurrentHashMap<>();

    AccessLogFilter(AccessLog log, CurrentIdentityAssociation identity, SubjectKeys subjects) {
        this.log = log;
        this.identity = identity;
        this.subjects = subjects;
    }

    @ServerResponseFilter
    public Uni<Void> record(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        Class<?> type = resource.getResourceClass();
        if (!GuardedOperations.guarded(type, method)
                || method.isAnnotationPresent(NotAccessLogged.class)
                || type.isAnnotationPresent(NotAccessLogged.class)) {
            return Uni.createFrom().voidItem();
        }
        return identity.getDeferredIdentity().onFailure().recoverWithNull().chain(who -> {
            if (who == null || who.isAnonymous()) {
                return Uni.createFrom().voidItem();
            }
            Caller caller = Caller.of(who);
            Map<String, String> ids = ids(request);
            String tenant = caller.tenant().orElseGet(() -> ids.getOrDefault("tenantId", "*"));
            ids.remove("tenantId");
            ids.computeIfPresent(PHONE_NUMBER, (name, number) -> subjectOf(tenant, number));
            return log.record(new AccessRecord(
                    UUID.randomUUID(),
                    tenant,
                    Instant.now(),
                    log.service(),
                    caller.principal(),
                    caller.credential(),
                    String.join(",", caller.roles()),
                    request.getMethod() + " " + operations.computeIfAbsent(method, m -> template(type, m)),
                    ids.isEmpty()
                            ? null
                            : ids.entrySet().stream()
                                    .map(e -> e.getKey() + "=" + e.getValue())
                                    .collect(Collectors.joining(",")),
                    response.getStatus()));
        });
    }

    /** The log must not hold the personal data it guards: a number becomes the person's subject id. */
    private String subjectOf(String tenant, String number) {
        try {
            return "subject:" + subjects.subjectOf(new TenantId(tenant), number).value();
        } catch (RuntimeException notANumber) {
            return "not-a-number";
        }
    }

    /** The path's parameters (ids), and a subjectId from the query; other query values may be personal data. */
    private static Map<String, String> ids(ContainerRequestContext request) {
        Map<String, String> ids = new TreeMap<>();
        request.getUriInfo().getPathParameters().forEach((name, values) -> ids.put(name, String.join("|", values)));
        List<String> subject = request.getUriInfo().getQueryParameters().get("subjectId");
        if (subject != null && !subject.isEmpty()) {
            ids.put("subjectId", String.join("|", subject));
        }
        List<String> tenant = request.getUriInfo().getQueryParameters().get("tenantId");
        if (tenant != null && !tenant.isEmpty() && !ids.containsKey("tenantId")) {
            ids.put("tenantId", tenant.get(0));
        }
        return ids;
    }

    private static String template(Class<?> type, Method method) {
        Path onType = type.getAnnotation(Path.class);
        Path onMethod = method.getAnnotation(Path.class);
        String path = (onType == null ? "" : onType.value()) + (onMethod == null ? "" : "/" + onMethod.value());
        return path.replaceAll("/+", "/");
    }
}
