package io.consentmesh.security.tenancy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.consentmesh.security.caller.Caller;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The tenant comes from the credential (architecture: Security): a {@code tenantId} in the path, the query or at the
 * top of a JSON body must be the caller's own, else 403 — checked before the body is validated, so a caller learns
 * nothing about another tenant from the errors. One rule for every operation of every service that takes a
 * credential, so no endpoint can forget it; anonymous calls are left to the role check (401).
 */
public class TenantGuard {

    private static final String TENANT_ID = "tenantId";
    private static final JsonFactory JSON = new JsonFactory();
    private static final Map<Method, Boolean> TAKES_A_BODY = new ConcurrentHashMap<>();

    private final CurrentIdentityAssociation identity;

    TenantGuard(CurrentIdentityAssociation identity) {
        this.identity = identity;
    }

    @ServerRequestFilter(readBody = true)
    public Uni<Void> requireOwnTenant(ContainerRequestContext request, ResourceInfo resource) {
        if (!GuardedOperations.guarded(resource.getResourceClass(), resource.getResourceMethod())) {
            return Uni.createFrom().voidItem();
        }
        List<String> inPath = request.getUriInfo().getPathParameters().get(TENANT_ID);
        List<String> inQuery = request.getUriInfo().getQueryParameters().get(TENANT_ID);
        String inBody =
                json(request.getMediaType()) && takesABody(resource.getResourceMethod()) ? bodyTenant(request) : null;
        if (isEmpty(inPath) && isEmpty(inQuery) && inBody == null) {
            return Uni.createFrom().voidItem();
        }
        return identity.getDeferredIdentity()
                .invoke(who -> {
                    if (who.isAnonymous()) {
                        return;
                    }
                    Caller caller = Caller.of(who);
                    check(caller, inPath, "path's");
                    check(caller, inQuery, "query's");
                    if (inBody != null && !caller.mayActFor(inBody)) {
                        throw TenantMismatch.problem("body's");
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Whether the operation reads an entity: only then has the body been read for this filter (readBody); reading a
     * body nobody else reads would block the event loop.
     */
    private static boolean takesABody(Method method) {
        return TAKES_A_BODY.computeIfAbsent(method, m -> {
            for (Parameter parameter : m.getParameters()) {
                boolean bound = false;
                for (Annotation annotation : parameter.getAnnotations()) {
                    String type = annotation.annotationType().getName();
                    bound |= type.startsWith("jakarta.ws.rs.") || type.startsWith("org.jboss.resteasy.reactive.Rest");
                }
                if (!bound && !parameter.getType().getName().startsWith("io.vertx.")) {
                    return true;
                }
            }
            return false;
        });
    }

    private static boolean json(MediaType type) {
        return type != null
                && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
    }

    /** The top-level "tenantId" string of the body, if any; the body is put back for the endpoint to read. */
    private static String bodyTenant(ContainerRequestContext request) {
        if (!request.hasEntity()) {
            return null;
        }
        try (InputStream in = request.getEntityStream()) {
            byte[] body = in.readAllBytes();
            request.setEntityStream(new ByteArrayInputStream(body));
            return topLevelTenant(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String topLevelTenant(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (TENANT_ID.equals(field) && value == JsonToken.VALUE_STRING) {
                    return parser.getText();
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null; // not JSON: the endpoint's own reader answers 400
        }
    }

    private static boolean isEmpty(List<String> values) {
        return values == null || values.isEmpty();
    }

    private static void check(Caller caller, List<String> values, String where) {
        if (values != null) {
            for (String value : values) {
                if (!caller.mayActFor(value)) {
                    throw TenantMismatch.problem(where);
                }
            }
        }
    }
}
