package io.consentmesh.testkit;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Requests to the service's management interface (health, metrics, OpenAPI), which listens on its own port, apart from
 * the API: {@code Management.given().get("/q/metrics")}. The port is the one the test run actually bound.
 */
public final class Management {

    private Management() {}

    public static RequestSpecification given() {
        // Quarkus resolves test.management.url to the bound port, e.g. http://localhost:41234/q
        URI management = URI.create(ConfigProvider.getConfig().getValue("test.management.url", String.class));
        return RestAssured.given()
                .baseUri(management.getScheme() + "://" + management.getHost())
                .port(management.getPort());
    }
}
