package io.consentmesh.testkit.security;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lets the tests written before authentication keep calling the APIs as the tenant they name: a request without an
 * Authorization header gets a key of the tenant its query, body or path names (all tenant roles), or the bootstrap
 * platform-admin key on the platform's own operations. Tests of authentication itself set their own header (or
 * {@link #ANONYMOUS}), which this filter never touches; the isolation matrix proves the rules without it.
 */
public final class TenantCredentialFilter implements Filter {

    /** A header value that marks a request as deliberately anonymous: the filter removes it and adds nothing. */
    public static final String ANONYMOUS = "anonymous-on-purpose";

    private static final Pattern TENANT_IN_PATH =
            Pattern.compile("/v1/(?:tenants|keyword-lists|recording-policies)/([^/?]+)");
    private static final Pattern TENANT_IN_BODY =
            Pattern.compile("^\\s*\\{.*?\"tenantId\"\\s*:\\s*\"([^\"]+)\"", Pattern.DOTALL);
    private static final Pattern TENANT_IN_QUERY = Pattern.compile("[?&]tenantId=([^&#]*)");
    private static final String DEFAULT_TENANT = "acme";

    @Override
    public Response filter(
            FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext context) {
        String path = request.getDerivedPath();
        if (ANONYMOUS.equals(request.getHeaders().getValue("Authorization"))) {
            request.removeHeader("Authorization");
            return context.next(request, response);
        }
        if (request.getHeaders().hasHeaderWithName("Authorization")
                || path.startsWith("/q/")
                || path.startsWith("/webhooks/")
                || path.startsWith("/v1/events/")) {
            return context.next(request, response);
        }
        String credential = platformOperation(path, request.getMethod())
                ? MeshCredentials.PLATFORM_ADMIN
                : MeshCredentials.apiKey(usable(tenant(request, path)));
        request.header("Authorization", "Bearer " + credential);
        return context.next(request, response);
    }

    private static boolean platformOperation(String path, String method) {
        return path.startsWith("/v1/admin/") || (path.startsWith("/v1/rule-sets") && !"GET".equals(method));
    }

    private static String tenant(FilterableRequestSpecification request, String path) {
        Object inQuery = request.getQueryParams().get("tenantId");
        if (inQuery instanceof String text) {
            return text;
        }
        if (inQuery instanceof List<?> list && !list.isEmpty()) {
            return list.get(0).toString();
        }
        Matcher inUri = TENANT_IN_QUERY.matcher(request.getURI());
        if (inUri.find()) {
            return URLDecoder.decode(inUri.group(1), StandardCharsets.UTF_8);
        }
        Matcher inPath = TENANT_IN_PATH.matcher(path);
        if (inPath.find()) {
            return inPath.group(1);
        }
        Object body = request.getBody();
        if (body instanceof Map<?, ?> map && map.get("tenantId") != null) {
            return map.get("tenantId").toString();
        }
        if (body instanceof byte[] bytes) {
            body = new String(bytes, StandardCharsets.UTF_8);
        }
        if (body instanceof String text) {
            Matcher inBody = TENANT_IN_BODY.matcher(text);
            if (inBody.find()) {
                return inBody.group(1);
            }
        }
        return DEFAULT_TENANT;
    }

    /** A tenant the admin API would refuse gets the default tenant's key: the service then refuses the mismatch. */
    static String usable(String tenant) {
        return tenant.matches("[a-z0-9][a-z0-9-]{0,62}") ? tenant : DEFAULT_TENANT;
    }
}
