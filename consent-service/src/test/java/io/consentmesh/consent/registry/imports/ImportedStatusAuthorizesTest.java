package io.consentmesh.consent.registry.imports;

import static io.consentmesh.consent.registry.imports.ProviderFixtures.fixture;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consentmesh.consent.ConsentApi;
import io.consentmesh.testkit.MeshTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * From the provider's status object to the authorization answer: a Telnyx campaign provisioned at the carriers lets
 * its number send; the same campaign suspended by T-Mobile, imported, denies at once (G-01, CAR-02).
 */
@QuarkusTest
@MeshTest
class ImportedStatusAuthorizesTest {

    @Test
    void G01_an_imported_t_mobile_suspension_denies_the_campaigns_numbers_at_once() {
        // The tenant "acme" holds the consents the authorizer reads; the Telnyx brand and campaign are new to it.
        importing("brands", fixture("telnyx/brand.json")).statusCode(200);
        importing("campaigns", fixture("telnyx/campaign.json"))
                .statusCode(200)
                .body("results[0].status", equalTo("ACTIVE"));
        String sender = "+1415" + ThreadLocalRandom.current().nextInt(2_000_000, 10_000_000);
        ConsentApi.assignSender(sender, "CJ2M9QF");
        String person = "+1212" + ThreadLocalRandom.current().nextInt(2_000_000, 10_000_000);
        ConsentApi.recordSmsOptIn(person);
        ConsentApi.authorize(person, "SMS", sender).body("outcome", equalTo("ALLOW"));

        importing("campaigns", fixture("telnyx/campaign-t-mobile-suspended.json"))
                .statusCode(200)
                .body("results[0].status", equalTo("SUSPENDED"));

        ConsentApi.authorize(person, "SMS", sender)
                .body("outcome", equalTo("DENY"))
                .body("reasons", equalTo(List.of("CAMPAIGN_NOT_ACTIVE")))
                .body("rules", equalTo(List.of("G-01")));
    }

    private static ValidatableResponse importing(String kind, ObjectNode body) {
        return given().contentType(ContentType.JSON)
                .body(body.toString())
                .post("/v1/registry/imports/telnyx/" + kind + "?tenantId=acme")
                .then();
    }
}
