package io.consentmesh.runtime.http;

import io.consentmesh.contracts.http.Problem;
import io.consentmesh.contracts.json.InputRules;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;

/**
 * The input rules for what is not JSON: a path or query value with a NUL or another control character, or that is not
 * valid Unicode, is refused with 400 before any resource sees it (it would otherwise reach PostgreSQL, which cannot
 * store NUL, or a log).
 */
@Provider
@PreMatching
public class InputFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String why = InputRules.violation(request.getUriInfo().getPath(true));
        if (why != null) {
            refuse(request, "the path " + why);
            return;
        }
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters(true);
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            String named = InputRules.violation(parameter.getKey());
            if (named != null) {
                refuse(request, "a query parameter's name " + named);
                return;
            }
            for (String value : parameter.getValue()) {
                String valueWhy = InputRules.violation(value);
                if (valueWhy != null) {
                    refuse(request, "query parameter '" + parameter.getKey() + "' " + valueWhy);
                    return;
                }
            }
        }
    }

    private static void refuse(ContainerRequestContext request, String detail) {
        request.abortWith(ProblemMappers.toResponse(Problem.invalidRequest(detail)));
    }
}
