package io.consentmesh.dsar.recipients;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.consentmesh.dsar.Attested;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.security.MeshCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The recipients log through the API and the real database, and in the person's access answer (DSR-03). */
@QuarkusTest
@MeshTest
class RecipientsLogTest {

    private static final Instant DISCLOSED =
            Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @Test
    void aDisclosureIsRecordedOnceAndListedForThePersonAndInTheirAccessAnswerOnly() {
        String person = TestNumbers.randomUs();
        Map<String, Object> disclosure = disclosure(person);
        disclosure.put("reference", "subpoena-" + person);
        String id = given().contentType(ContentType.JSON)
                .body(disclosure)
                .post("/v1/dsar/recipients")
                .then()
                .statusCode(201)
                .body("recipient", equalTo("Superior Court of California"))
                .body("recipientKind", equalTo("AUTHORITY"))
                .body("country", equalTo("US"))
                .body("categories", equalTo(List.of("call recordings", "consent evidence")))
                .body("disclosedAt", equalTo(DISCLOSED.toString()))
                .extract()
                .path("id");
        // the same reference again: the same disclosure, not a second one
        given().contentType(ContentType.JSON)
                .body(disclosure)
                .post("/v1/dsar/recipients")
                .then()
                .statusCode(200)
                .body("id", equalTo(id));
        // without a reference, the same content twice is one disclosure too
        Map<String, Object> unreferenced = disclosure(person);
        unreferenced.put("recipient", "Acme Transcription GmbH");
        unreferenced.put("recipientKind", "SUB_PROCESSOR");
        unreferenced.put("country", "DE");
        given().contentType(ContentType.JSON)
                .body(unreferenced)
                .post("/v1/dsar/recipients")
                .then()
                .statusCode(201);
        given().contentType(ContentType.JSON)
                .body(unreferenced)
                .post("/v1/dsar/recipients")
                .then()
                .statusCode(200);

        given().queryParam("tenantId", "acme")
                .queryParam("phoneNumber", person)
                .get("/v1/dsar/recipients")
                .then()
                .statusCode(200)
                .body("", hasSize(2))
                // newest first: disclosed at the same time, the one recorded later comes first
                .body("recipient", equalTo(List.of("Acme Transcription GmbH", "Superior Court of California")));
        given().queryParam("tenantId", "acme")
                .queryParam("phoneNumber", TestNumbers.randomUs())
                .get("/v1/dsar/recipients")
                .then()
                .statusCode(200)
                .body("", hasSize(0));

        given().get("/v1/dsar/requests/" + request(person, "ACCESS"))
                .then()
                .statusCode(200)
                .body("recipients", hasSize(2))
                .body("recipients[0].country", equalTo("DE"));
        given().get("/v1/dsar/requests/" + request(person, "DELETION"))
                .then()
                .statusCode(200)
                .body("recipients", hasSize(0));
    }

    @Test
    void badDisclosuresGetProblemJsonAndAnotherTenantSeesNothing() {
        String person = TestNumbers.randomUs();
        assertRefused(with(person, "country", "usa"), "country must be an ISO 3166-1 alpha-2 code such as US or DE");
        assertRefused(with(person, "categories", List.of()), "categories must name 1 to 20 categories of data");
        assertRefused(with(person, "recipient", "x".repeat(201)), "recipient is longer than 200 characters");
        assertRefused(
                with(
                        person,
                        "disclosedAt",
                        Instant.now().plus(1, ChronoUnit.DAYS).toString()),
                "disclosedAt is in the future");
        assertRefused(with(person, "disclosedAt", "2001-01-01T00:00:00Z"), "disclosedAt is more than ten years ago");
        assertRefused(with(person, "phoneNumber", "not a number"), "phoneNumber: not a phone number: NOT_A_NUMBER");
        given().contentType(ContentType.JSON)
                .body(with(person, "recipientKind", "FRIEND"))
                .post("/v1/dsar/recipients")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("tenantId", "acme")
                .get("/v1/dsar/recipients")
                .then()
                .statusCode(400)
                .body("detail", equalTo("tenantId and phoneNumber are required"));
        given().spec(MeshCredentials.as("globex"))
                .queryParam("tenantId", "acme")
                .queryParam("phoneNumber", person)
                .get("/v1/dsar/recipients")
                .then()
                .statusCode(403);
    }

    private static void assertRefused(Map<String, Object> body, String detail) {
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/v1/dsar/recipients")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo(detail));
    }

    private static Map<String, Object> with(String person, String field, Object value) {
        Map<String, Object> body = disclosure(person);
        body.put(field, value);
        return body;
    }

    private static Map<String, Object> disclosure(String person) {
        Map<String, Object> body = new HashMap<>();
        body.put("tenantId", "acme");
        body.put("phoneNumber", person);
        body.put("recipient", "Superior Court of California");
        body.put("recipientKind", "AUTHORITY");
        body.put("country", "US");
        body.put("categories", List.of("call recordings", "consent evidence"));
        body.put("purpose", "a subpoena in a consumer's lawsuit");
        body.put("legalBasis", "legal obligation");
        body.put("disclosedAt", DISCLOSED.toString());
        return body;
    }

    private static String request(String person, String type) {
        return Attested.open("acme", person, type);
    }
}
