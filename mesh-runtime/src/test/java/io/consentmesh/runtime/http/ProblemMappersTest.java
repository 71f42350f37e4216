package io.consentmesh.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentmesh.contracts.http.Problem;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** What a database failure becomes at the HTTP edge (issue 20): the request's fault, or unavailable — never a bare 500. */
class ProblemMappersTest {

    private final ProblemMappers.DataExceptionProblemMapper database = new ProblemMappers.DataExceptionProblemMapper();

    @Test
    void aValueTheDatabaseRefusesAsDataIsTheRequestsFault() {
        Response response = database.toResponse(new PgException("invalid byte sequence", "ERROR", "22021", null));
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(((Problem) response.getEntity()).detail()).doesNotContain("byte sequence");
    }

    @Test
    void aDatabaseThatIsDownOrStartingIsA503WithRetryAfter() {
        for (String state : new String[] {"57P03", "57P01", "08006", "53300"}) {
            Response response = database.toResponse(new PgException("unavailable", "FATAL", state, null));
            assertThat(response.getStatus()).as(state).isEqualTo(503);
            assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        }
        Response refused =
                new ProblemMappers.UnreachableProblemMapper().toResponse(new ConnectException("Connection refused"));
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
    }
}
