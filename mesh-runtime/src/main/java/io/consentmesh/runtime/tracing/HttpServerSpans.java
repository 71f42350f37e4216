package io.consentmesh.runtime.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * One SERVER span per request to a resource, named by its route ({@code POST /webhooks/twilio/{accountSid}/sms}: the
 * path's values are ids, kept out of the name so that spans group), continuing the caller's trace when the request
 * carries a W3C {@code traceparent}. Its context is kept on the request's Vert.x context for {@link Traces#ofRequest}.
 */
@Singleton
public class HttpServerSpans {

    // RESTEasy Reactive makes its filters while the application is built (static init), before the runtime
    // configuration the tracing needs exists: they are looked up at the first request instead
    private final Provider<Traces> traces;
    private volatile Traces tracing;
    // one per resource method (RESTEasy Reactive keeps one SimpleResourceInfo per method)
    private final Map<SimpleResourceInfo, String> routes = new ConcurrentHashMap<>();

    HttpServerSpans(Provider<Traces> traces) {
        this.traces = traces;
    }

    @ServerRequestFilter
    public void start(ContainerRequestContext request, SimpleResourceInfo resource, RoutingContext routing) {
        Traces tracing = this.tracing;
        if (tracing == null) {
            tracing = this.tracing = traces.get();
        }
        if (!tracing.enabled()) {
            return; // tracing off: not even a no-op span per request
        }
        Context caller = tracing.openTelemetry()
                .getPropagators()
                .getTextMapPropagator()
                .extract(Context.root(), request, REQUEST_HEADERS);
        String route = routes.computeIfAbsent(resource, HttpServerSpans::route);
        Span span = tracing.tracer()
                .spanBuilder(request.getMethod() + " " + route)
                .setParent(caller)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", request.getMethod())
                .setAttribute("http.route", route)
                .startSpan();
        // ends when the response is written, or when the caller hangs up first (a provider's timeout): a response
        // filter would miss the second
        routing.addEndHandler(written -> {
            int status = routing.response().getStatusCode();
            span.setAttribute("http.response.status_code", status);
            if (written.failed()) {
                span.setStatus(StatusCode.ERROR, "the connection closed before the response was written");
            } else if (status >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        });
        if (VertxContext.isOnDuplicatedContext()) { // a request always is
            ContextLocals.put(Traces.REQUEST_CONTEXT, caller.with(span));
        }
    }

    /** The resource method's path template, class and method {@code @Path} joined (found once per method). */
    private static String route(SimpleResourceInfo resource) {
        Method method = method(resource);
        if (method == null) {
            return resource.getResourceClass().getSimpleName() + "." + resource.getMethodName();
        }
        Path onClass = resource.getResourceClass().getAnnotation(Path.class);
        Path onMethod = method.getAnnotation(Path.class);
        String joined =
                (onClass == null ? "" : "/" + onClass.value()) + (onMethod == null ? "" : "/" + onMethod.value());
        return joined.replaceAll("/+", "/");
    }

    private static Method method(SimpleResourceInfo resource) {
        try {
            return resource.getResourceClass().getMethod(resource.getMethodName(), resource.parameterTypes());
        } catch (NoSuchMethodException notPublic) {
            try {
                return resource.getResourceClass()
                        .getDeclaredMethod(resource.getMethodName(), resource.parameterTypes());
            } catch (NoSuchMethodException missing) {
                return null;
            }
        }
    }

    private static final TextMapGetter<ContainerRequestContext> REQUEST_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ContainerRequestContext request) {
            return request.getHeaders().keySet();
        }

        @Override
        public String get(ContainerRequestContext request, String key) {
            return request == null ? null : request.getHeaderString(key);
        }
    };
}
