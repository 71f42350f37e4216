package io.consentmesh.ingest.accounts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.ingest.ProviderAccountsAdmin;
import io.consentmesh.security.secrets.SecretBox;
import io.consentmesh.security.secrets.SecretHash;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.security.MeshCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Provider tokens are kept sealed and runtime keys hashed; rows from before (or sealed under an old key) are upgraded. */
@QuarkusTest
@MeshTest
class CredentialsAtRestTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The test profile's older key (mesh.ingest.credential-keys.keys.test1); test2 is current. */
    private static final byte[] OLD_KEY = Base64.getDecoder().decode("dGVzdC1vbmx5LW9sZC1jcmVkZW50aWFsLWtleS0zMmI=");

    @Inject
    Pool database;

    @Inject
    ProviderAccounts accounts;

    @Inject
    StoredCredentialUpgrade upgrade;

    @Inject
    CredentialProtection protection;

    private final List<String> created = new ArrayList<>();

    @AfterEach
    void removeTheAccounts() {
        // credentials go with their account (ON DELETE CASCADE): no odd row is left for the next startup
        database.preparedQuery("DELETE FROM provider_account WHERE account_id = ANY($1)")
                .execute(Tuple.of(created.toArray(String[]::new)))
                .await()
                .atMost(WAIT);
    }

    @Test
    void aProviderTokenAddedThroughTheApiIsStoredSealedAndNeverEchoed() {
        String account = account("AC");
        String token = "twilio-token-" + UUID.randomUUID();
        ProviderAccountsAdmin.register("twilio", account, "acme", List.of());

        String response = given().spec(MeshCredentials.asPlatformAdmin())
                .contentType(ContentType.JSON)
                .body(Map.of("secret", token))
                .post("/v1/admin/provider-accounts/twilio/" + account + "/credentials")
                .then()
                .statusCode(201)
                .extract()
                .asString();

        assertThat(response).doesNotContain(token);
        String stored = storedSecrets(account).get(0);
        assertThat(stored).startsWith("v1:test2:").doesNotContain(token);
        assertThat(secretsInUse(Provider.TWILIO, account)).containsExactly(token);
    }

    @Test
    void aRuntimeKeyAddedThroughTheApiIsStoredOnlyAsItsHash() {
        String keyId = account("rt-");
        String secret = "runtime-secret-" + UUID.randomUUID();

        ProviderAccountsAdmin.register("agent_runtime", keyId, "acme", List.of(secret));

        String stored = storedSecrets(keyId).get(0);
        assertThat(stored).startsWith("pbkdf2-sha256$").doesNotContain(secret);
        assertThat(SecretHash.matches(secret, stored)).isTrue();
        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + keyId + ".not-" + secret)
                .body(Map.of())
                .post("/v1/events/disclosure-played")
                .then()
                .statusCode(401);
    }

    @Test
    void plaintextRowsAreSealedOrHashedByTheStartupStepAndOnlyThenUsed() {
        String twilio = account("AC");
        String runtime = account("rt-");
        String waiting = account("AC");
        ProviderAccountsAdmin.register("twilio", twilio, "acme", List.of());
        ProviderAccountsAdmin.register("agent_runtime", runtime, "acme", List.of());
        ProviderAccountsAdmin.register("twilio", waiting, "acme", List.of());
        insert(Provider.TWILIO, twilio, UUID.randomUUID(), "plain-twilio-token");
        insert(Provider.AGENT_RUNTIME, runtime, UUID.randomUUID(), "plain-runtime-secret");
        insert(Provider.TWILIO, waiting, UUID.randomUUID(), "plain-waiting-token");

        // a plaintext row verifies nothing until it has been protected
        assertThat(secretsInUse(Provider.TWILIO, waiting)).isEmpty();

        assertThat(upgrade.upgradeAll()).isGreaterThanOrEqualTo(3);

        String sealed = storedSecrets(twilio).get(0);
        assertThat(sealed).startsWith("v1:test2:").doesNotContain("plain-twilio-token");
        assertThat(secretsInUse(Provider.TWILIO, twilio)).containsExactly("plain-twilio-token");
        String hashed = storedSecrets(runtime).get(0);
        assertThat(hashed).startsWith("pbkdf2-sha256$").doesNotContain("plain-runtime-secret");
        assertThat(SecretHash.matches("plain-runtime-secret", hashed)).isTrue();

        // idempotent: a second run (another instance starting) leaves protected rows as they are
        upgrade.upgradeAll();
        assertThat(storedSecrets(twilio)).containsExactly(sealed);
        assertThat(storedSecrets(runtime)).containsExactly(hashed);
    }

    @Test
    void aRowSealedUnderTheOldKeyStillOpensAndIsResealedUnderTheCurrentOne() {
        String account = account("MA");
        UUID id = UUID.randomUUID();
        ProviderAccountsAdmin.register("plivo", account, "acme", List.of());
        String oldSeal = new SecretBox("test1", Map.of("test1", OLD_KEY))
                .seal("plivo-token", CredentialProtection.rowOf(Provider.PLIVO, account, id));
        insert(Provider.PLIVO, account, id, oldSeal);

        assertThat(secretsInUse(Provider.PLIVO, account)).containsExactly("plivo-token");
        upgrade.upgradeAll();

        String resealed = storedSecrets(account).get(0);
        assertThat(resealed).startsWith("v1:test2:");
        assertThat(protection.usable(Provider.PLIVO, account, id, resealed)).contains("plivo-token");
    }

    @Test
    void aSealedValueMovedToAnotherAccountVerifiesNothingAndIsLeftForAnOperator() {
        String victim = account("AC");
        String other = account("AC");
        ProviderAccountsAdmin.register("twilio", victim, "acme", List.of("victim-token"));
        ProviderAccountsAdmin.register("twilio", other, "acme", List.of());
        String moved = storedSecrets(victim).get(0);
        insert(Provider.TWILIO, other, UUID.randomUUID(), moved);

        assertThat(secretsInUse(Provider.TWILIO, other)).isEmpty();
        upgrade.upgradeAll();
        assertThat(storedSecrets(other)).containsExactly(moved);
    }

    private String account(String prefix) {
        String id = prefix + UUID.randomUUID().toString().replace("-", "");
        created.add(id);
        return id;
    }

    private void insert(Provider provider, String account, UUID id, String secret) {
        database.preparedQuery(
                        "INSERT INTO provider_credential (id, provider, account_id, secret) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(id, provider.name(), account, secret))
                .await()
                .atMost(WAIT);
    }

    private List<String> storedSecrets(String account) {
        List<String> secrets = new ArrayList<>();
        for (Row row : database.preparedQuery(
                        "SELECT secret FROM provider_credential WHERE account_id = $1 ORDER BY created_at")
                .execute(Tuple.of(account))
                .await()
                .atMost(WAIT)) {
            secrets.add(row.getString(0));
        }
        return secrets;
    }

    private List<String> secretsInUse(Provider provider, String account) {
        return accounts.credentials(provider, account)
                .await()
                .atMost(WAIT)
                .orElseThrow()
                .secrets();
    }
}
