package io.consentmesh.consent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import io.consentmesh.testkit.Management;
import io.consentmesh.testkit.MeshTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The mesh's input rules at the HTTP edge (issue 20), one regression per class the fuzzer found with a 500: duplicate
 * keys, enum numbers, NUL in a body, a path or a query, instants no database holds, bodies over the limit, strings
 * longer than their field takes — each a problem+json 4xx that quotes nothing long of the input.
 */
@QuarkusTest
@MeshTest
class InputRulesEndpointTest {

    private static final String AUTHORIZATION = "{\"tenantId\":\"acme\",\"channel\":\"SMS\",\"from\":\"+14155550101\","
            + "\"to\":\"+12125550123\",\"contentClass\":\"INFORMATIONAL\"}";

    @Test
    void aDuplicateKeyIsA400NotWhicheverValueTheParserKept() {
        given().contentType(ContentType.JSON)
                .body("{\"tenantId\":\"other\"," + AUTHORIZATION.substring(1))
                .post("/v1/authorizations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("a field appears twice in the JSON object"));
    }

    @Test
    void anEnumGivenAsANumberIsA400() {
        given().contentType(ContentType.JSON)
                .body(AUTHORIZATION.replace("\"INFORMATIONAL\"", "0"))
                .post("/v1/authorizations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aNulInABodyAPathOrAQueryIsA400BeforeItReachesTheDatabase() {
        given().contentType(ContentType.JSON)
                .body("{\"reason\":\"a\\u0000b\"}")
                .put("/v1/tenants/acme/do-not-contact/+12125550123")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("NUL"));
        given().contentType(ContentType.JSON)
                .body("{\"status\":\"VERIFIED\"}")
                .put("/v1/registry/brands/%00/status")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("tenantId", "acme")
                .queryParam("phoneNumber", "+12125550123\u0000")
                .get("/v1/audit/consent-as-of")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("query parameter 'phoneNumber' contains a NUL character"));
    }

    @Test
    void anInstantNoDatabaseHoldsIsA400InABodyAndInAQuery() {
        for (String extreme : new String[] {"+1000000000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z"}) {
            given().queryParam("tenantId", "acme")
                    .queryParam("phoneNumber", "+12125550123")
                    .queryParam("at", extreme)
                    .get("/v1/audit/consent-as-of")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
            given().contentType(ContentType.JSON)
                    .body(AUTHORIZATION.replace("}", ",\"sendAt\":\"" + extreme + "\"}"))
                    .post("/v1/authorizations")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void aValueAContractRefusesInAResourceAndANullImportAre400NotServerErrors() {
        given().contentType(ContentType.JSON)
                .body("{\"tenantId\":-1,\"phoneNumber\":\"+12125550123\"}")
                .post("/v1/erasures")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("tenant id must be a lower-case slug"));
        given().contentType(ContentType.JSON)
                .queryParam("tenantId", "acme")
                .body("null")
                .post("/v1/consents/imports")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aBodyOverTheLimitIsA413ProblemAndAHugeValueIsNotEchoed() {
        byte[] huge = new byte[11 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        huge[huge.length - 1] = '}';
        given().contentType(ContentType.JSON)
                .body(huge)
                .post("/v1/authorizations")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("https://consentmesh.io/problems/body-too-large"));
        String value = "x".repeat(1_000_000);
        given().contentType(ContentType.JSON)
                .body("{\"tenantId\":\"acme\",\"campaignId\":\"" + value + "\"}")
                .put("/v1/registry/sender-numbers/+14155550199")
                .then()
                .statusCode(400) // longer than the field takes: said without quoting the megabyte
                .contentType("application/problem+json")
                .body("detail.length()", lessThan(301));
    }

    @Test
    void aStringLongerThanItsFieldTakesIsA400AndEachLimitIsInTheOpenApiDocument() {
        // a field without its own limit takes 4,096 characters; the disclosure text, 20,000
        Map<String, Object> consent = new HashMap<>(Map.of(
                "tenantId", "acme",
                "phoneNumber", "+12125550123",
                "channel", "SMS",
                "level", "EXPRESS_WRITTEN",
                "source", "WEB_FORM",
                "disclosureText", "Texts from Acme. Reply STOP to end.",
                "disclosureVersion", "v1",
                "capturedAt", Instant.now().minusSeconds(60).toString(),
                "ipAddress", "203.0.113.7",
                "userAgent", "u".repeat(4_097)));
        given().contentType(ContentType.JSON)
                .body(consent)
                .post("/v1/consents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("'userAgent': the text is longer than 4096 characters"));
        consent.put("userAgent", "Mozilla/5.0");
        consent.put("disclosureText", "d".repeat(20_001));
        given().contentType(ContentType.JSON)
                .body(consent)
                .post("/v1/consents")
                .then()
                .statusCode(400)
                .body("detail", containsString("longer than 20000 characters"));

        JsonPath document = JsonPath.from(Management.given()
                .accept("application/json")
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        String consentFields = "components.schemas.RecordConsentRequest.properties";
        assertThat(document.getInt(consentFields + ".disclosureText.maxLength")).isEqualTo(20_000);
        assertThat(document.getInt(consentFields + ".userAgent.maxLength")).isEqualTo(4_096);
        assertThat(document.getString(consentFields + ".capturedAt.maxLength"))
                .as("an instant is described by its format")
                .isNull();
    }
}
