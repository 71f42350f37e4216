package io.consentmesh.ingest.chaos;

import io.consentmesh.ingest.load.SignedTelnyx;
import io.consentmesh.testkit.load.LoadCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * The tenant a fault run sends as, made as an operator and the tenant would make it: an API key with every tenant
 * role, a Twilio, a Telnyx and a Plivo account with their credentials, a brand, a campaign and two senders, and people
 * who opted in (each will text STOP once).
 */
final class ChaosTenant {

    private final Mesh mesh;
    private final String id = "chaos-" + HexFormat.of().formatHex(randomBytes(4));
    private final String twilioAccount = "AC" + HexFormat.of().formatHex(randomBytes(16));
    private final String twilioToken = HexFormat.of().formatHex(randomBytes(16));
    private final SignedTelnyx telnyx = new SignedTelnyx();
    private final String plivoAuthId = "MA" + HexFormat.of().withUpperCase().formatHex(randomBytes(9));
    private final String plivoToken = HexFormat.of().formatHex(randomBytes(16));
    private final String senderA = randomNumber("+1415");
    private final String senderB = randomNumber("+1415");
    private final List<String> optedIn = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private String apiKey;

    private ChaosTenant(Mesh mesh) {
        this.mesh = mesh;
    }

    /** Makes the tenant and its {@code people} opted-in people. */
    static ChaosTenant create(Mesh mesh, int people) throws Exception {
        ChaosTenant tenant = new ChaosTenant(mesh);
        tenant.apiKey = LoadCredentials.tenantKey(mesh.consent(), mesh.platformAdminKey(), tenant.id);
        tenant.providerAccount("twilio", tenant.twilioAccount, tenant.twilioToken);
        tenant.providerAccount("telnyx", tenant.telnyx.profile(), tenant.telnyx.publicKey());
        tenant.providerAccount("plivo", tenant.plivoAuthId, tenant.plivoToken);
        tenant.asTenant(
                "PUT",
                mesh.consent().resolve("/v1/registry/brands/BCHAOS"),
                "{\"tenantId\":\"%s\",\"legalName\":\"Chaos Test Co\",\"status\":\"APPROVED\"}".formatted(tenant.id));
        tenant.asTenant(
                "PUT",
                mesh.consent().resolve("/v1/registry/campaigns/CCHAOS"),
                """
                {"tenantId":"%s","brandId":"BCHAOS","useCase":"MIXED","subUseCases":["ACCOUNT_NOTIFICATION","MARKETING"],
                 "status":"ACTIVE","helpMessage":"Chaos Test Co: reply STOP to end, HELP for help."}"""
                        .formatted(tenant.id));
        for (String sender : List.of(tenant.senderA, tenant.senderB)) {
            tenant.asTenant(
                    "PUT",
                    mesh.consent().resolve("/v1/registry/sender-numbers/" + sender),
                    "{\"tenantId\":\"%s\",\"campaignId\":\"CCHAOS\"}".formatted(tenant.id));
        }
        IntStream.range(0, people).parallel().forEach(i -> {
            String person = randomNumber("+1212");
            tenant.asTenant(
                    "POST",
                    mesh.consent().resolve("/v1/consents"),
                    """
                    {"tenantId":"%s","phoneNumber":"%s","channel":"SMS","level":"EXPRESS_WRITTEN","source":"WEB_FORM",
                     "disclosureText":"Texts from Chaos Test Co. Reply STOP to end.","disclosureVersion":"v1",
                     "capturedAt":"%s","ipAddress":"203.0.113.7","userAgent":"chaos"}"""
                            .formatted(tenant.id, person, Instant.now().minusSeconds(60)));
            synchronized (tenant.optedIn) {
                tenant.optedIn.add(person);
            }
        });
        return tenant;
    }

    private void providerAccount(String provider, String account, String secret) {
        String base = "/v1/admin/provider-accounts/" + provider + "/" + account;
        call("PUT", mesh.ingest().resolve(base), "{\"tenantId\":\"" + id + "\"}", mesh.platformAdminKey());
        call(
                "POST",
                mesh.ingest().resolve(base + "/credentials"),
                "{\"secret\":\"" + secret + "\"}",
                mesh.platformAdminKey());
    }

    /** A call as the tenant; anything but 2xx stops the run (the setup must work before any fault). */
    String asTenant(String method, URI uri, String json) {
        return call(method, uri, json, apiKey);
    }

    private String call(String method, URI uri, String json, String key) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + key)
                    .timeout(Duration.ofSeconds(30))
                    .method(
                            method,
                            json == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        method + " " + uri.getPath() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String randomNumber(String prefix) {
        return prefix + ThreadLocalRandom.current().nextInt(2_000_000, 10_000_000);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    String id() {
        return id;
    }

    String apiKey() {
        return apiKey;
    }

    URI ingest() {
        return mesh.ingest();
    }

    URI consent() {
        return mesh.consent();
    }

    URI retention() {
        return mesh.retention();
    }

    URI dsar() {
        return mesh.dsar();
    }

    URI storage() {
        return mesh.storage();
    }

    String twilioAccount() {
        return twilioAccount;
    }

    String twilioToken() {
        return twilioToken;
    }

    SignedTelnyx telnyx() {
        return telnyx;
    }

    String plivoAuthId() {
        return plivoAuthId;
    }

    String plivoToken() {
        return plivoToken;
    }

    String senderA() {
        return senderA;
    }

    String senderB() {
        return senderB;
    }

    List<String> optedIn() {
        return List.copyOf(optedIn);
    }

    String anyOptedIn() {
        return optedIn.get(ThreadLocalRandom.current().nextInt(optedIn.size()));
    }
}
