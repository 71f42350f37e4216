package io.consentmesh.ingest.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionIdsTest {

    private static final String DECISION = "0b5e7f3c-2a1d-4e8f-9c6b-3d2a1f0e9b8c";

    @Test
    void aCallbackUrlsQueryNamesItAmongOtherParameters() {
        assertThat(DecisionIds.inQuery("campaign=renewals&decisionId=" + DECISION))
                .contains(DECISION);
        assertThat(DecisionIds.inQuery("campaign=renewals")).isEmpty();
        assertThat(DecisionIds.inQuery(null)).isEmpty();
        assertThat(DecisionIds.inQuery("decisionId=%zz"))
                .as("an unreadable query is a claim that is no id")
                .contains("");
    }

    @Test
    void aTelnyxTagOrClientStateNamesItWithThePrefix() {
        assertThat(DecisionIds.inTags(List.of("campaign:renewals", "decision:" + DECISION)))
                .contains(DECISION);
        assertThat(DecisionIds.inTags(List.of("campaign:renewals"))).isEmpty();
        assertThat(DecisionIds.inClientState(base64("decision:" + DECISION))).contains(DECISION);
        assertThat(DecisionIds.inClientState(base64("{\"announcement\":\"recording-notice\"}")))
                .as("the tenant's own state names no decision")
                .isEmpty();
        assertThat(DecisionIds.inClientState("not base64!")).isEmpty();
        assertThat(DecisionIds.inClientState(null)).isEmpty();
    }

    @Test
    void onlyACanonicalUuidIsAnIdAndItIsWrittenLowerCase() {
        assertThat(DecisionIds.uuid(DECISION.toUpperCase())).contains(DECISION);
        assertThat(DecisionIds.uuid("junk")).isEmpty();
        assertThat(DecisionIds.uuid("1-1-1-1-1"))
                .as("UUID.fromString would take it")
                .isEmpty();
        assertThat(DecisionIds.uuid("")).isEmpty();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
