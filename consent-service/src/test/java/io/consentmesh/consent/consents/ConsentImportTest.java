package io.consentmesh.consent.consents;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.consentmesh.consent.ConsentApi;
import io.consentmesh.consent.ConsentDatabase;
import io.consentmesh.consent.TestEvents;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bulk import of existing consents, CSV and JSON: a report row by row, nothing valid lost, nothing recorded twice. */
@QuarkusTest
@MeshTest
class ConsentImportTest {

    private static final String CAPTURED = Instant.now().minusSeconds(3_600).toString();

    @Inject
    AgroalDataSource db;

    @Test
    void a_csv_import_reports_each_row_and_importing_it_again_records_nothing_twice() {
        ConsentApi.registerSenders();
        String webForm = TestNumbers.randomUs();
        String ivr = TestNumbers.randomUs();
        String legacy = TestNumbers.randomUs();
        String externalRef = "crm-" + UUID.randomUUID();
        String csv = String.join(
                "\n",
                "phoneNumber,channel,level,source,campaignId,disclosureText,disclosureVersion,capturedAt,ipAddress,"
                        + "userAgent,callId,ivrKey,externalRef",
                row(webForm, "SMS", "EXPRESS_WRITTEN", "WEB_FORM", "", "203.0.113.7", "Mozilla/5.0", "", "", ""),
                row(ivr, "VOICE", "EXPRESS", "IVR_KEY", "CACME01", "", "", "CA-ivr-1", "1", ""),
                row(TestNumbers.randomUs(), "SMS", "EXPRESS", "WEB_FORM", "", "", "Mozilla/5.0", "", "", ""),
                row("not-a-number", "SMS", "EXPRESS", "API_IMPORT", "", "", "", "", "", "x-1"),
                row(webForm, "SMS", "EXPRESS_WRITTEN", "WEB_FORM", "", "203.0.113.7", "Mozilla/5.0", "", "", ""),
                row(legacy, "SMS", "EXPRESS", "", "", "", "", "", "", externalRef));

        JsonPath first = importCsv(csv);
        assertThat(first.getInt("rows")).isEqualTo(6);
        assertThat(first.getList("results.status"))
                .containsExactly("RECORDED", "RECORDED", "REJECTED", "REJECTED", "ALREADY_RECORDED", "RECORDED");
        assertThat(first.getString("results[2].problem"))
                .isEqualTo("ipAddress is required for consent given by WEB_FORM");
        assertThat(first.getString("results[3].problem"))
                .contains("phoneNumber")
                .contains("not a phone number");
        assertThat(first.getString("results[4].evidenceId")).isEqualTo(first.getString("results[0].evidenceId"));
        assertThat(first.getString("results[5].externalRef")).isEqualTo(externalRef);
        assertThat(first.getInt("recorded")).isEqualTo(3);
        assertThat(first.getInt("alreadyRecorded")).isEqualTo(1);
        assertThat(first.getInt("rejected")).isEqualTo(2);
        assertThat(ConsentDatabase.count(
                        db,
                        "SELECT count(*) FROM consent.evidence WHERE content->>'importId' = ?",
                        first.getString("importId")))
                .isEqualTo(3);
        // a row without a source came from another system: API_IMPORT, known by its externalRef
        assertThat(ConsentDatabase.count(
                        db,
                        "SELECT count(*) FROM consent.evidence WHERE content->>'externalRef' = ?"
                                + " AND content->>'source' = 'API_IMPORT'",
                        externalRef))
                .isEqualTo(1);

        JsonPath again = importCsv(csv);
        assertThat(again.getList("results.status"))
                .containsExactly(
                        "ALREADY_RECORDED",
                        "ALREADY_RECORDED",
                        "REJECTED",
                        "REJECTED",
                        "ALREADY_RECORDED",
                        "ALREADY_RECORDED");
        assertThat(again.getList("results.evidenceId")).isEqualTo(first.getList("results.evidenceId"));

        ConsentApi.authorize(webForm, "SMS", TestEvents.SENDER_A).body("outcome", equalTo("ALLOW"));
        assertThat(ConsentDatabase.count(
                        db,
                        "SELECT count(*) FROM consent.consent_state WHERE basis_evidence_id = ?::uuid"
                                + " AND channel = 'VOICE' AND scope = 'CACME01' AND status = 'OPTED_IN'",
                        first.getString("results[1].evidenceId")))
                .as("the IVR row's consent holds for its campaign")
                .isEqualTo(1);

        given().queryParam("tenantId", "acme")
                .get("/v1/consents/imports/" + first.getString("importId"))
                .then()
                .statusCode(200)
                .body("recorded", equalTo(3))
                .body("results[2].problem", equalTo("ipAddress is required for consent given by WEB_FORM"));
        given().queryParam("tenantId", "other-tenant")
                .get("/v1/consents/imports/" + first.getString("importId"))
                .then()
                .statusCode(404);
    }

    @Test
    void a_json_import_refuses_bad_rows_by_name_and_records_the_rest() {
        String person = TestNumbers.randomUs();
        String json =
                """
                [{"phoneNumber":"%s","channel":"SMS","level":"EXPRESS","source":"DSAR","dsarRequestId":"DSAR-42",
                  "disclosureText":"Acme may text you. Reply STOP to end.","disclosureVersion":"v1","capturedAt":"%s"},
                 {"phoneNumber":"%s","channel":"SMS","level":"SUPER","source":"DSAR","dsarRequestId":"DSAR-43",
                  "disclosureText":"Acme may text you.","disclosureVersion":"v1","capturedAt":"%s"},
                 {"phoneNumber":"%s","channel":"SMS","level":"EXPRESS","externalRef":"e-1","tenantId":"someone-else",
                  "disclosureText":"Acme may text you.","disclosureVersion":"v1","capturedAt":"%s"},
                 "not a record"]"""
                        .formatted(
                                person, CAPTURED, TestNumbers.randomUs(), CAPTURED, TestNumbers.randomUs(), CAPTURED);

        JsonPath report = given().contentType("application/json")
                .queryParam("tenantId", "acme")
                .body(json)
                .post("/v1/consents/imports")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();

        assertThat(report.getList("results.status")).containsExactly("RECORDED", "REJECTED", "REJECTED", "REJECTED");
        assertThat(report.getString("results[1].problem")).isEqualTo("level: 'SUPER' is not a valid ConsentLevel");
        assertThat(report.getString("results[2].problem"))
                .isEqualTo("tenantId someone-else is not the tenant of this import");
        assertThat(report.getString("results[3].problem"))
                .isEqualTo("each element of the array must be a consent record object");
        assertThat(report.getString("format")).isEqualTo("JSON");
    }

    @Test
    void a_file_that_cannot_be_read_or_is_too_long_is_refused_whole() {
        given().contentType("text/csv")
                .queryParam("tenantId", "acme")
                .body("phoneNumber,channel\n\"+12125550100,SMS\n")
                .post("/v1/consents/imports")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("the CSV file cannot be read"));

        StringBuilder tooLong = new StringBuilder("phoneNumber,channel\n");
        for (int i = 0; i < 21; i++) { // %test.mesh.consent.import.max-rows=20
            tooLong.append(TestNumbers.randomUs()).append(",SMS\n");
        }
        given().contentType("text/csv")
                .queryParam("tenantId", "acme")
                .body(tooLong.toString())
                .post("/v1/consents/imports")
                .then()
                .statusCode(400)
                .body("detail", equalTo("an import holds at most 20 rows: split the file and import each part"));

        given().contentType("application/json")
                .queryParam("tenantId", "acme")
                .body("{\"phoneNumber\":\"+12125550100\"}")
                .post("/v1/consents/imports")
                .then()
                .statusCode(400)
                .body("detail", containsString("must be an array of consent records"));
    }

    private static JsonPath importCsv(String csv) {
        return given().contentType("text/csv")
                .queryParam("tenantId", "acme")
                .body(csv)
                .post("/v1/consents/imports")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    private static String row(
            String phone,
            String channel,
            String level,
            String source,
            String campaign,
            String ip,
            String ua,
            String call,
            String key,
            String ref) {
        return String.join(
                ",",
                List.of(
                        phone,
                        channel,
                        level,
                        source,
                        campaign,
                        "\"Acme may text you about your orders, and call. Reply STOP to end.\"",
                        "paper-2024",
                        CAPTURED,
                        ip,
                        ua,
                        call,
                        key,
                        ref));
    }
}
