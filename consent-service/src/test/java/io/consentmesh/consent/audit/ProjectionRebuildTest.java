package io.consentmesh.consent.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.consentmesh.consent.ConsentApi;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The consent-state projection rebuilt from consent.evidence.v1 equals the live one, and a difference is named. */
@QuarkusTest
@MeshTest
class ProjectionRebuildTest {

    @Inject
    AgroalDataSource db;

    @Inject
    SubjectKeys keys;

    @Test
    void the_rebuilt_projection_matches_the_live_one_and_a_tampered_row_is_named() throws Exception {
        String tenant = "rebuild-" + UUID.randomUUID(); // a tenant of its own: other tests tamper with theirs
        String person = TestNumbers.randomUs();
        String subject = keys.subjectOf(new TenantId(tenant), person).value();
        ConsentApi.recordSmsOptIn(tenant, person);
        ConsentApi.recordSmsOptIn(tenant, TestNumbers.randomUs());

        JsonPath matching = rebuild(tenant);
        assertThat(matching.getBoolean("matches")).isTrue();
        assertThat(matching.getString("rebuiltStateHash")).isEqualTo(matching.getString("liveStateHash"));
        assertThat(matching.getLong("rebuiltRows")).isEqualTo(2);
        assertThat(matching.getLong("subjects")).isEqualTo(2);

        // someone revokes the person in the live projection, without any evidence
        try (Connection connection = db.getConnection();
                PreparedStatement flip = connection.prepareStatement("UPDATE consent.consent_state SET status ="
                        + " 'REVOKED' WHERE tenant_id = ? AND subject_id = ?")) {
            flip.setString(1, tenant);
            flip.setString(2, subject);
            flip.executeUpdate();
        }

        JsonPath differing = rebuild(tenant);
        assertThat(differing.getBoolean("matches")).isFalse();
        assertThat(differing.getList("differences.subjectId", String.class)).containsExactly(subject);
        assertThat(differing.getString("differences[0].live.status")).isEqualTo("REVOKED");
        assertThat(differing.getString("differences[0].rebuilt.status")).isEqualTo("OPTED_IN");
        assertThat(ProjectionRebuildCommand.markdown(differing.getObject("", ProjectionRebuild.Report.class)))
                .contains(subject)
                .contains("1 rows differ");
    }

    private static JsonPath rebuild(String tenant) {
        return given().queryParam("tenantId", tenant)
                .post("/v1/audit/projection-rebuild")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
