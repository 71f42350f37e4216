package io.consentmesh.agent.stores;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentmesh.agent.FakeProviders;
import io.consentmesh.contracts.dsar.FileExportOutcome;
import io.consentmesh.contracts.retention.DeletionAction;
import io.consentmesh.contracts.retention.DeletionCommanded;
import io.consentmesh.contracts.retention.DeletionOutcome;
import io.consentmesh.contracts.retention.DeletionReason;
import io.consentmesh.messaging.deletion.Store;
import io.consentmesh.messaging.deletion.StoreAnswer;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Contract tests: each provider's deletion call as its documentation shows it (method, path, credentials, body),
 * against a local server that answers as the provider does (FakeProviders), and how each answer becomes a receipt.
 */
class ProviderContractTest {

    private final FakeProviders providers = new FakeProviders();
    private final HttpClient http = HttpClient.newHttpClient();

    ProviderContractTest() throws Exception {}

    @AfterEach
    void stop() {
        providers.close();
    }

    @Test
    void twilioRecordingsAreDeletedOnceThenAlreadyGone() throws Exception {
        String recording = "Accounts/" + FakeProviders.TWILIO_SID + "/Recordings/RE" + hex();
        providers.existing.add(recording);
        Store twilio = store("twilio", FakeProviders.TWILIO_SID, FakeProviders.TWILIO_TOKEN, Map.of());

        assertThat(answer(twilio, recording)).extracting(StoreAnswer::outcome).isEqualTo(DeletionOutcome.DELETED);
        assertThat(providers.requests).containsExactly("DELETE /2010-04-01/" + recording + ".json");
        assertThat(answer(twilio, recording).outcome()).isEqualTo(DeletionOutcome.ALREADY_GONE);
    }

    @Test
    void telnyxAndPlivoRecordingsAreDeletedWithTheirOwnCredentials() throws Exception {
        String telnyx = "recordings/" + UUID.randomUUID();
        String plivo = "Account/" + FakeProviders.PLIVO_ID + "/Recording/" + UUID.randomUUID();
        providers.existing.add(telnyx);
        providers.existing.add(plivo);

        assertThat(answer(store("telnyx", null, FakeProviders.TELNYX_KEY, Map.of()), telnyx)
                        .outcome())
                .isEqualTo(DeletionOutcome.DELETED);
        assertThat(answer(store("plivo", FakeProviders.PLIVO_ID, FakeProviders.PLIVO_TOKEN, Map.of()), plivo)
                        .outcome())
                .isEqualTo(DeletionOutcome.DELETED);
        assertThat(providers.requests).containsExactly("DELETE /v2/" + telnyx, "DELETE /v1/" + plivo + "/");
        assertThat(answer(store("telnyx", null, "wrong-key", Map.of()), telnyx))
                .isEqualTo(StoreAnswer.failed("HTTP 401 from test-store", null));
    }

    @Test
    void aPlaidItemIsRemovedWithItsAccessTokenAndThenIsAlreadyGone() throws Exception {
        String item = "item-" + UUID.randomUUID();
        providers.plaidTokens.add("access-sandbox-1");
        Store plaid = store(
                "plaid", FakeProviders.PLAID_CLIENT, FakeProviders.PLAID_SECRET, Map.of(item, "access-sandbox-1"));

        assertThat(answer(plaid, item).outcome()).isEqualTo(DeletionOutcome.DELETED);
        assertThat(answer(plaid, item).outcome()).isEqualTo(DeletionOutcome.ALREADY_GONE);
        assertThat(answer(plaid, "item-nobody-gave-a-token-for"))
                .extracting(StoreAnswer::outcome, StoreAnswer::detail)
                .containsExactly(
                        DeletionOutcome.FAILED,
                        "no access token for this item in test-store (mesh.agent.stores.test-store.access-tokens)");
    }

    @Test
    void aRateLimitedStoreIsFailedWithItsRetryAfterAndAnUnreachableOneIsFailed() throws Exception {
        String recording = "Accounts/" + FakeProviders.TWILIO_SID + "/Recordings/RE" + hex();
        providers.existing.add(recording);
        providers.failNext(1);
        Store twilio = store("twilio", FakeProviders.TWILIO_SID, FakeProviders.TWILIO_TOKEN, Map.of());

        assertThat(answer(twilio, recording)).isEqualTo(StoreAnswer.failed("HTTP 429 from test-store", 7));
        assertThat(answer(twilio, recording).outcome()).isEqualTo(DeletionOutcome.DELETED);

        Store nowhere = new HttpStore(
                "test-store",
                TestStoreConfig.of("twilio", "http://127.0.0.1:1", "a", "b", Map.of()),
                http,
                Duration.ofSeconds(2));
        assertThat(answer(nowhere, recording).outcome()).isEqualTo(DeletionOutcome.FAILED);
    }

    @Test
    void anAddressThatIsNotAResourcePathIsNeverFollowed() throws Exception {
        Store twilio = store("twilio", FakeProviders.TWILIO_SID, FakeProviders.TWILIO_TOKEN, Map.of());
        for (String address : new String[] {"https://evil.example/x", "../../Accounts/x", "/etc/passwd", "a b"}) {
            assertThat(answer(twilio, address).detail()).isEqualTo("the address is not a resource path of test-store");
        }
        assertThat(providers.requests).isEmpty();
    }

    @Test
    void aTwilioRecordingIsReadAsItsWavMediaAndAGoneOneIsNotFound() throws Exception {
        String recording = "Accounts/" + FakeProviders.TWILIO_SID + "/Recordings/RE" + hex();
        providers.existing.add(recording);
        providers.media.put(recording, "RIFF twilio".getBytes(StandardCharsets.UTF_8));
        HttpStore twilio = store("twilio", FakeProviders.TWILIO_SID, FakeProviders.TWILIO_TOKEN, Map.of());

        FetchedFile fetched = fetch(twilio, recording, 1_000);
        assertThat(fetched.outcome()).isEqualTo(FileExportOutcome.EXPORTED);
        assertThat(Files.readString(fetched.file())).isEqualTo("RIFF twilio");
        assertThat(fetched.contentType()).isEqualTo("audio/x-wav");
        assertThat(providers.requests).containsExactly("GET /2010-04-01/" + recording + ".wav");
        assertThat(fetch(twilio, recording, 5))
                .as("larger than the copy carries: not read whole")
                .extracting(FetchedFile::outcome)
                .isEqualTo(FileExportOutcome.TOO_LARGE);
        providers.existing.remove(recording);
        assertThat(fetch(twilio, recording, 1_000).outcome()).isEqualTo(FileExportOutcome.NOT_FOUND);
    }

    @Test
    void telnyxAndPlivoAreReadFromTheMediaLinkTheirApiGivesWithoutTheApisCredentials() throws Exception {
        String telnyx = "recordings/" + UUID.randomUUID();
        String plivo = "Account/" + FakeProviders.PLIVO_ID + "/Recording/" + UUID.randomUUID();
        providers.existing.add(telnyx);
        providers.existing.add(plivo);
        providers.media.put(telnyx, "telnyx audio".getBytes(StandardCharsets.UTF_8));
        providers.media.put(plivo, "plivo audio".getBytes(StandardCharsets.UTF_8));

        FetchedFile fromTelnyx = fetch(store("telnyx", null, FakeProviders.TELNYX_KEY, Map.of()), telnyx, 1_000);
        FetchedFile fromPlivo =
                fetch(store("plivo", FakeProviders.PLIVO_ID, FakeProviders.PLIVO_TOKEN, Map.of()), plivo, 1_000);
        assertThat(Files.readString(fromTelnyx.file())).isEqualTo("telnyx audio");
        assertThat(Files.readString(fromPlivo.file())).isEqualTo("plivo audio");
        assertThat(providers.requests)
                .containsExactly(
                        "GET /v2/" + telnyx, "GET /media/" + telnyx, "GET /v1/" + plivo + "/", "GET /media/" + plivo);
        assertThat(providers.mediaAuthorizations).containsExactly("none", "none");
    }

    @Test
    void aMediaLinkToAHostThatIsNotTheProvidersIsNeverFollowedAndAPlaidItemIsNotAFile() throws Exception {
        String telnyx = "recordings/" + UUID.randomUUID();
        providers.existing.add(telnyx);
        providers.media.put(telnyx, "telnyx audio".getBytes(StandardCharsets.UTF_8));
        providers.mediaBaseUrl =
                "http://localhost:" + URI.create(providers.baseUrl()).getPort(); // another host name

        FetchedFile forged = fetch(store("telnyx", null, FakeProviders.TELNYX_KEY, Map.of()), telnyx, 1_000);
        assertThat(forged.outcome()).isEqualTo(FileExportOutcome.FAILED);
        assertThat(forged.detail())
                .isEqualTo("test-store pointed to media on localhost, which is not one of its media-hosts");
        assertThat(providers.mediaAuthorizations).isEmpty();

        HttpStore allowing = new HttpStore(
                "test-store",
                new TestStoreConfig(
                        "telnyx",
                        providers.baseUrl(),
                        Optional.empty(),
                        Optional.of(FakeProviders.TELNYX_KEY),
                        Map.of(),
                        "us-east-1",
                        Optional.empty(),
                        Optional.of(List.of("*.example.org", "localhost"))),
                http,
                Duration.ofSeconds(5));
        assertThat(fetch(allowing, telnyx, 1_000).outcome())
                .as("a host the store's media-hosts allow")
                .isEqualTo(FileExportOutcome.EXPORTED);

        assertThat(fetch(store("plaid", FakeProviders.PLAID_CLIENT, FakeProviders.PLAID_SECRET, Map.of()), "item-1", 9)
                        .outcome())
                .isEqualTo(FileExportOutcome.NOT_A_FILE);
    }

    private static FetchedFile fetch(HttpStore store, String address, long maxBytes) throws Exception {
        Path into = Files.createTempFile("fetch-test-", ".part");
        into.toFile().deleteOnExit();
        return store.fetch(address, maxBytes, into).toCompletableFuture().get();
    }

    private HttpStore store(String kind, String user, String password, Map<String, String> tokens) {
        return new HttpStore(
                "test-store",
                TestStoreConfig.of(kind, providers.baseUrl(), user, password, tokens),
                http,
                Duration.ofSeconds(5));
    }

    private static StoreAnswer answer(Store store, String address) throws Exception {
        return store.delete(command(address)).toCompletableFuture().get();
    }

    static DeletionCommanded command(String address) {
        return new DeletionCommanded(
                "cmd-" + UUID.randomUUID(),
                UUID.randomUUID().toString(),
                DeletionAction.DELETE,
                DeletionReason.RETENTION_PERIOD_ENDED,
                "RECORDING",
                "test-store",
                address,
                1,
                Instant.now(),
                Instant.now());
    }

    private static String hex() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
