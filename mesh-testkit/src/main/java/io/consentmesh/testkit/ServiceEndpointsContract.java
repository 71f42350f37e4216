package io.consentmesh.testkit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.consentmesh.testkit.infra.MeshKafkaAcls;
import io.consentmesh.testkit.security.TenantCredentialFilter;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every service exposes for operators, on its management interface only: liveness, readiness that checks Kafka
 * and PostgreSQL, Prometheus metrics and its OpenAPI document. A service's test extends this with its own
 * {@code @QuarkusTest} annotations.
 */
public abstract class ServiceEndpointsContract {

    @Test
    void livenessIsUp() {
        Management.given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessChecksKafkaAndTheDatabase() {
        Management.given()
                .when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Kafka")))
                .body("checks.name", hasItem(containsStringIgnoringCase("database")));
    }

    @Test
    void exposesPrometheusMetrics() {
        Management.given()
                .when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void publishesItsOpenApiDocument() {
        Management.given()
                .accept("application/json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("openapi", containsString("3."));
    }

    /** The API port, the one tenants and providers reach, serves none of them (issue 13: management interface only). */
    @ParameterizedTest
    @ValueSource(strings = {"/q/health", "/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/"})
    void theApiPortServesNoneOfThem(String path) {
        given().header("Authorization", TenantCredentialFilter.ANONYMOUS)
                .when()
                .get(path)
                .then()
                .statusCode(404);
    }

    /**
     * Every Kafka channel's topics, dead-letter topic and group are in this service's row of {@link MeshKafkaAcls}, so
     * a channel added without its ACL fails here, even when no test happens to use it.
     */
    @Test
    void kafkaAclsCoverEveryChannel() {
        Config config = ConfigProvider.getConfig();
        String service = config.getValue("quarkus.application.name", String.class);
        MeshKafkaAcls.ServiceAccess access = MeshKafkaAcls.service(service)
                .orElseThrow(() -> new AssertionError("no Kafka principal for " + service + " in MeshKafkaAcls"));
        Pattern connector = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.connector");
        for (String property : config.getPropertyNames()) {
            Matcher channel = connector.matcher(property);
            if (!channel.matches()
                    || !"smallrye-kafka"
                            .equals(config.getOptionalValue(property, String.class)
                                    .orElse(""))) {
                continue;
            }
            String name = channel.group(2);
            String prefix = "mp.messaging." + channel.group(1) + "." + name + ".";
            List<String> topics = config.getOptionalValue(prefix + "topics", String.class)
                    .map(list ->
                            Arrays.stream(list.split(",")).map(String::trim).toList())
                    .orElseGet(() -> List.of(config.getOptionalValue(prefix + "topic", String.class)
                            .orElse(name)));
            if (channel.group(1).equals("outgoing")) {
                assertThat(access.writes())
                        .as("topics %s writes (channel %s)", service, name)
                        .containsAll(topics);
                continue;
            }
            assertThat(access.reads())
                    .as("topics %s reads (channel %s)", service, name)
                    .containsAll(topics);
            config.getOptionalValue(prefix + "group.id", String.class).ifPresent(group -> assertThat(access.groups())
                    .as("groups of %s", service)
                    .contains(group));
            if (config.getOptionalValue(prefix + "failure-strategy", String.class)
                    // the connector's own, or mesh-messaging's counted one (same settings, same topic)
                    .filter(strategy ->
                            strategy.equals("dead-letter-queue") || strategy.equals("counted-dead-letter-queue"))
                    .isPresent()) {
                String deadLetters = config.getOptionalValue(prefix + "dead-letter-queue.topic", String.class)
                        .orElse("dead-letter-topic-" + name);
                assertThat(access.writes()).as("dead letters of %s", name).contains(deadLetters);
            }
        }
    }
}
