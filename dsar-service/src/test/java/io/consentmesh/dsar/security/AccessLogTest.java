package io.consentmesh.dsar.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.security.MeshCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The security audit log (mesh-security): who read what is recorded, chained, queryable by auditors, tamper-evident. */
@QuarkusTest
@MeshTest
class AccessLogTest {

    @Inject
    Pool database;

    @Test
    void aReadOfDsarDataIsRecordedWithWhoWhatAndTheAnswer() {
        String tenant = "access-" + UUID.randomUUID().toString().substring(0, 8);
        String requestId = UUID.randomUUID().toString();
        String reader = MeshCredentials.apiKey(tenant, MeshCredentials.PRIVACY_OPS);
        given().header("Authorization", "Bearer " + reader)
                .get("/v1/dsar/requests/" + requestId)
                .then()
                .statusCode(404);

        JsonPath log = given().spec(MeshCredentials.as(tenant, MeshCredentials.AUDITOR))
                .get("/v1/audit/access-log")
                .then()
                .statusCode(200)
                .body("tenantId", equalTo(tenant))
                .extract()
                .jsonPath();
        List<Map<String, Object>> records = log.getList("records");
        Map<String, Object> read = records.stream()
                .filter(r -> ("id=" + requestId).equals(r.get("dataSubject")))
                .findFirst()
                .orElseThrow();
        assertThat(read)
                .containsEntry("operation", "GET /v1/dsar/requests/{id}")
                .containsEntry("principal", reader.substring(0, reader.indexOf('.')))
                .containsEntry("credential", "api-key")
                .containsEntry("roles", "privacy-ops")
                .containsEntry("service", "dsar-service")
                .containsEntry("outcome", 404);

        given().spec(MeshCredentials.as(tenant, MeshCredentials.AUDITOR))
                .get("/v1/audit/access-log/verification")
                .then()
                .statusCode(200)
                .body("intact", equalTo(true));
    }

    @Test
    void aChangedRecordBreaksTheChain() {
        String tenant = "tamper-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            given().spec(MeshCredentials.as(tenant, MeshCredentials.PRIVACY_OPS))
                    .get("/v1/dsar/requests/" + UUID.randomUUID())
                    .then()
                    .statusCode(404);
        }
        // Someone with the database's owner role rewrites who read what.
        database.withTransaction(connection -> connection
                        .query("ALTER TABLE mesh_security.access_record DISABLE TRIGGER access_record_append_only")
                        .execute()
                        .chain(() -> connection
                                .preparedQuery("UPDATE mesh_security.access_record SET principal = 'someone-else'"
                                        + " WHERE seq = (SELECT min(seq) FROM mesh_security.access_record"
                                        + " WHERE tenant_id = $1)")
                                .execute(Tuple.of(tenant)))
                        .chain(() -> connection
                                .query(
                                        "ALTER TABLE mesh_security.access_record ENABLE TRIGGER access_record_append_only")
                                .execute()))
                .await()
                .atMost(Duration.ofSeconds(10));

        given().spec(MeshCredentials.as(tenant, MeshCredentials.AUDITOR))
                .get("/v1/audit/access-log/verification")
                .then()
                .statusCode(200)
                .body("intact", equalTo(false));
    }

    @Test
    void theLogRefusesChanges() {
        String tenant = "append-" + UUID.randomUUID().toString().substring(0, 8);
        given().spec(MeshCredentials.as(tenant, MeshCredentials.PRIVACY_OPS))
                .get("/v1/dsar/requests/" + UUID.randomUUID())
                .then()
                .statusCode(404);
        Throwable refused = database.preparedQuery("DELETE FROM mesh_security.access_record WHERE tenant_id = $1")
                .execute(Tuple.of(tenant))
                .onItem()
                .transform(rows -> (Throwable) null)
                .onFailure()
                .recoverWithItem(failure -> failure)
                .await()
                .atMost(Duration.ofSeconds(5));
        assertThat(refused).isNotNull().hasMessageContaining("append-only");
    }
}
