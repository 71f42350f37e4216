package io.consentmesh.ingest.webhooks;

import io.consentmesh.ingest.config.IngestConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Rebuilds the URL a provider signed. It is the public URL the provider was told to call, which behind a reverse
 * proxy is not the URL this service sees: the configured public base URL wins, then trusted forwarded headers,
 * then the request as received.
 */
@ApplicationScoped
public class SignedUrl {

    private final IngestConfig config;

    SignedUrl(IngestConfig config) {
        this.config = config;
    }

    public String of(HttpServerRequest request) {
        String pathAndQuery = request.uri(); // path plus query, exactly as sent
        if (config.publicBaseUrl().isPresent()) {
            return stripTrailingSlash(config.publicBaseUrl().get()) + pathAndQuery;
        }
        if (config.trustForwardedHeaders()) {
            String proto = request.getHeader("X-Forwarded-Proto");
            String host = request.getHeader("X-Forwarded-Host");
            if (proto != null && host != null) {
                return first(proto) + "://" + first(host) + pathAndQuery;
            }
        }
        return request.absoluteURI();
    }

    private static String first(String headerValue) {
        int comma = headerValue.indexOf(',');
        return (comma < 0 ? headerValue : headerValue.substring(0, comma)).trim();
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
