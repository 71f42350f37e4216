package io.consentmesh.consent.registry;

import static io.consentmesh.consent.registry.RegistryApi.changeStatus;
import static io.consentmesh.consent.registry.RegistryApi.newTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.consentmesh.consent.ConsentDatabase;
import io.consentmesh.consent.authorization.rules.AuthorizationFacts.SenderCampaign;
import io.consentmesh.consent.authorization.rules.CampaignStatus;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.testkit.MeshTest;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sender lookup the authorizer asks on every request: served from memory, yet a suspension or expiry counts at
 * once. A second cache ("another instance": its own entries and its own LISTEN connection, entries kept for an hour)
 * shows that a change made anywhere, even straight in SQL, reaches every instance by NOTIFY within a second.
 */
@QuarkusTest
@MeshTest
class SenderCampaignsTest {

    private static final Duration WITHIN_A_SECOND = Duration.ofSeconds(1);

    @Inject
    SenderCampaigns thisInstance;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    AgroalDataSource db;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    SenderCampaigns otherInstance;

    @BeforeEach
    void startOtherInstance() {
        PgConnectOptions options = PgConnectOptions.fromUri(url).setUser(user).setPassword(password.orElse(null));
        otherInstance = new SenderCampaigns(pool, vertx, options, Duration.ofHours(1));
        otherInstance.listen().await().atMost(Duration.ofSeconds(10));
    }

    @AfterEach
    void stopOtherInstance() {
        otherInstance.close();
    }

    @Test
    void G01_a_suspension_written_straight_in_sql_reaches_every_instance_within_a_second() {
        String tenant = newTenant();
        String number = RegistryApi.activeSender(tenant, "CSQL001", "MARKETING", List.of());
        assertThat(status(otherInstance, tenant, number)).isEqualTo(CampaignStatus.ACTIVE);
        assertThat(status(thisInstance, tenant, number)).isEqualTo(CampaignStatus.ACTIVE);

        ConsentDatabase.count(
                db,
                "WITH changed AS (UPDATE consent.tendlc_campaign SET status = 'SUSPENDED'"
                        + " WHERE tenant_id = ? AND campaign_id = 'CSQL001' RETURNING 1) SELECT count(*) FROM changed",
                tenant);

        await("the other instance forgets")
                .atMost(WITHIN_A_SECOND)
                .until(() -> status(otherInstance, tenant, number) == CampaignStatus.SUSPENDED);
        await("this instance forgets")
                .atMost(WITHIN_A_SECOND)
                .until(() -> status(thisInstance, tenant, number) == CampaignStatus.SUSPENDED);
    }

    @Test
    void CAR02_a_brand_suspended_through_this_instance_suspends_at_once_here_and_within_a_second_elsewhere() {
        String tenant = newTenant();
        String number = RegistryApi.activeSender(tenant, "CAPI001", "MIXED", List.of("2FA", "MARKETING"));
        SenderCampaign before = campaign(otherInstance, tenant, number);
        assertThat(before.useCases()).isEqualTo(Set.of("MIXED", "2FA", "MARKETING"));
        assertThat(campaign(thisInstance, tenant, number)).isEqualTo(before);

        changeStatus(tenant, "brands", "BCAPI001", "SUSPENDED").statusCode(200);

        assertThat(status(thisInstance, tenant, number))
                .as("this instance forgot before it answered")
                .isEqualTo(CampaignStatus.SUSPENDED);
        await("the other instance forgets")
                .atMost(WITHIN_A_SECOND)
                .until(() -> status(otherInstance, tenant, number) == CampaignStatus.SUSPENDED);
    }

    @Test
    void a_number_taken_off_its_campaign_is_forgotten_everywhere() {
        String tenant = newTenant();
        String number = RegistryApi.activeSender(tenant, "COFF001", "MARKETING", List.of());
        assertThat(otherInstance
                        .campaignOf(new TenantId(tenant), number)
                        .await()
                        .indefinitely())
                .isPresent();

        ConsentDatabase.count(
                db,
                "WITH gone AS (DELETE FROM consent.tendlc_sender_number WHERE tenant_id = ? RETURNING 1)"
                        + " SELECT count(*) FROM gone",
                tenant);

        await("the other instance forgets").atMost(WITHIN_A_SECOND).until(() -> otherInstance
                .campaignOf(new TenantId(tenant), number)
                .await()
                .indefinitely()
                .isEmpty());
    }

    @Test
    void G01_an_expiry_date_that_passes_counts_as_expired_at_read_time_without_any_write() {
        String tenant = newTenant();
        String number = RegistryApi.activeSender(tenant, "CEXP001", "MARKETING", List.of());
        Instant soon = Instant.now().plusMillis(1_500);
        ConsentDatabase.count(
                db,
                "WITH changed AS (UPDATE consent.tendlc_campaign SET expires_at = ?::timestamptz"
                        + " WHERE tenant_id = ? RETURNING 1) SELECT count(*) FROM changed",
                soon.toString(),
                tenant);
        await("the expiry date is cached")
                .atMost(WITHIN_A_SECOND)
                .until(() -> otherInstance
                                .senderOf(new TenantId(tenant), number)
                                .await()
                                .indefinitely()
                                .orElseThrow()
                                .expiresAt()
                        != null);
        assertThat(status(otherInstance, tenant, number)).isEqualTo(CampaignStatus.ACTIVE);

        await("expired once the date passes")
                .atMost(Duration.ofSeconds(3))
                .until(() -> status(otherInstance, tenant, number) == CampaignStatus.EXPIRED);
    }

    private static SenderCampaign campaign(SenderCampaigns instance, String tenant, String number) {
        return instance.campaignOf(new TenantId(tenant), number)
                .await()
                .atMost(Duration.ofSeconds(5))
                .orElseThrow();
    }

    private static CampaignStatus status(SenderCampaigns instance, String tenant, String number) {
        return campaign(instance, tenant, number).status();
    }
}
