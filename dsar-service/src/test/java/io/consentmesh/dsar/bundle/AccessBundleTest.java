package io.consentmesh.dsar.bundle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.consentmesh.contracts.Topics;
import io.consentmesh.contracts.dsar.DsarTaskIssued;
import io.consentmesh.contracts.dsar.FileExportCommanded;
import io.consentmesh.contracts.dsar.FileExportOutcome;
import io.consentmesh.contracts.dsar.FileExported;
import io.consentmesh.contracts.dsar.HeldData;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.retention.DeletionAction;
import io.consentmesh.contracts.retention.DeletionCommanded;
import io.consentmesh.contracts.retention.DeletionOutcome;
import io.consentmesh.contracts.retention.DeletionReason;
import io.consentmesh.contracts.retention.DeletionReceipted;
import io.consentmesh.contracts.retention.MeshStores;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.dsar.Attested;
import io.consentmesh.dsar.TaskAnswers;
import io.consentmesh.messaging.dsar.DsarAnswers;
import io.consentmesh.privacy.seal.PersonalData;
import io.consentmesh.privacy.seal.Sealer;
import io.consentmesh.runtime.chain.CheckpointKey;
import io.consentmesh.runtime.chain.SubjectRef;
import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.TestNumbers;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import io.consentmesh.testkit.security.MeshCredentials;
import io.consentmesh.testkit.security.TenantCredentialFilter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The person's copy for an access request (issue 16, item 4): the services' records arrive as pages with personal
 * values sealed, the copy is assembled with every record opened, its manifest signed (verifiable offline with the
 * public key alone), stored sealed, reached through links that expire and are counted; DSR-03 facts and the recipients
 * are in it.
 */
@QuarkusTest
@MeshTest
@io.quarkus.test.common.QuarkusTestResource(ObjectStorageResource.class)
class AccessBundleTest {

    private static final TenantId TENANT = new TenantId("acme");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    SubjectKeys keys;

    @Inject
    PersonalData personalData;

    @Inject
    Pool database;

    @Test
    void anAccessRequestYieldsASignedCopyWithEveryServicesRecordsOpenedThroughAnExpiringLink() throws Exception {
        String person = TestNumbers.randomUs();
        String id = open(person, "ACCESS");
        given().get("/v1/dsar/requests/" + id + "/bundle")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://consentmesh.io/problems/copy-not-ready"));
        TaskAnswers.discloseToProcessorInGermany(person, "dpa-" + id);

        String stagedCopy;
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            EventEnvelope<DsarTaskIssued> task = TaskAnswers.taskOf(kafka, id);
            List<EventEnvelope<?>> answers = answersOf(task, person);
            answers.forEach(kafka::send);
            answers.forEach(kafka::send); // every page and answer delivered twice: one copy, each record once
            // the recording Twilio keeps is copied by the agent that answers for store twilio (answered twice too)
            FileExportCommanded export = exportCommandOf(kafka, id);
            ObjectStorageResource.putAt(export.target(), twilioAudioOf(person));
            agentAnswers(kafka, export, exported(export, twilioAudioOf(person)));
            agentAnswers(kafka, export, exported(export, twilioAudioOf(person)));
            stagedCopy = export.target();
        }
        await().atMost(WAIT).untilAsserted(() -> given().get("/v1/dsar/requests/" + id + "/bundle")
                .then()
                .statusCode(200));
        Response bundle = given().get("/v1/dsar/requests/" + id + "/bundle");
        assertThat(bundle.jsonPath().getList("manifest.files.path", String.class))
                .contains(
                        "README.txt",
                        "letter.txt",
                        "request.json",
                        "facts.json",
                        "recipients.json",
                        "recipients.csv",
                        "data/consent-service/consent-evidence.json",
                        "data/consent-service/consent-evidence.csv",
                        "data/consent-service/consent-state.json",
                        "data/retention-service/stored-items.json",
                        "data/retention-service/stored-items.csv");
        assertThat(bundle.jsonPath().getString("manifest.signer.algorithm")).isEqualTo("Ed25519");

        String link = given().post("/v1/dsar/requests/" + id + "/bundle/links")
                .then()
                .statusCode(201)
                .header("Cache-Control", "no-store")
                .extract()
                .path("url");
        assertThat(link).matches("http://127\\.0\\.0\\.1:8084/v1/dsar/bundles/[A-Za-z0-9_-]{43}");
        String path = URI.create(link).getPath();

        // the person, with no credential, downloads it
        byte[] zip = anonymous()
                .get(path)
                .then()
                .statusCode(200)
                .contentType("application/zip")
                .header("Content-Disposition", "attachment; filename=\"consent-mesh-copy-" + id + ".zip\"")
                .extract()
                .asByteArray();
        String publicKey = given().get("/v1/dsar/bundles/signing-key")
                .then()
                .statusCode(200)
                .extract()
                .path("publicKey");

        BundleVerifier.Report report = BundleVerifier.verify(zip, publicKey);
        assertThat(report.problems()).isEmpty();
        assertThat(report.valid()).isTrue();

        Map<String, byte[]> files = BundleZip.read(zip);
        String evidence = new String(files.get("data/consent-service/consent-evidence.json"), StandardCharsets.UTF_8);
        List<Map<String, Object>> records = EventCodec.mapper().readValue(evidence, List.class);
        assertThat(records).hasSize(1_000); // delivered twice, there once
        assertThat(records.get(7)).containsEntry("kind", "SMS_OPT_IN");
        assertThat((Map<String, Object>) records.get(7).get("content")).containsEntry("body", "START 7");
        assertThat(evidence).doesNotContain("pv1.");
        String csv = new String(files.get("data/consent-service/consent-evidence.csv"), StandardCharsets.UTF_8);
        assertThat(csv.lines().findFirst().orElseThrow().split(","))
                .containsExactlyInAnyOrder("id", "kind", "channel", "occurred_at", "content");
        assertThat(csv.lines().count()).isEqualTo(1_001);
        // the stored files the object store can give, byte for byte; the one a provider keeps, listed with why
        String recordingPath = files.keySet().stream()
                .filter(file -> file.startsWith("files/recording/" + ITEM_RECORDING + "-"))
                .findFirst()
                .orElseThrow();
        assertThat(files.get(recordingPath)).isEqualTo(recordingOf(person));
        assertThat(files.keySet()).anyMatch(file -> file.startsWith("files/transcript/" + ITEM_TRANSCRIPT + "-"));
        assertThat(files.get("files/recording/" + ITEM_AT_TWILIO + "-RE1.wav"))
                .as("copied by Twilio's agent, byte for byte")
                .isEqualTo(twilioAudioOf(person));
        assertThat(ObjectStorageResource.exists(stagedCopy))
                .as("the agent's copy is not kept beside the sealed copy")
                .isFalse();
        String listing = new String(files.get("files.json"), StandardCharsets.UTF_8);
        assertThat(listing)
                .contains(recordingPath)
                .contains("kept by telnyx, which this copy cannot read from: ask the company for it");
        String facts = new String(files.get("facts.json"), StandardCharsets.UTF_8);
        assertThat(facts)
                .contains("\"category\" : \"consent-evidence\"")
                .contains("\"records\" : 1000")
                .contains("To prove that you agreed to be called or texted")
                .contains("automatedDecisions");
        assertThat(new String(files.get("recipients.csv"), StandardCharsets.UTF_8))
                .contains("Acme Transcription GmbH");
        assertThat(new String(files.get("letter.txt"), StandardCharsets.UTF_8))
                .startsWith("Your privacy request: access to your data");
        assertThat(new String(files.get("README.txt"), StandardCharsets.UTF_8)).contains("Ed25519");

        // a copy changed after signing, or checked with another key, does not verify
        Map<String, byte[]> changed = new LinkedHashMap<>(files);
        changed.put("data/consent-service/consent-state.json", "[]".getBytes(StandardCharsets.UTF_8));
        byte[] forged = BundleZip.write(
                withoutManifest(changed),
                changed.get(BundleZip.MANIFEST),
                new String(changed.get(BundleZip.SIGNATURE), StandardCharsets.UTF_8).trim());
        assertThat(BundleVerifier.verify(forged, publicKey).problems())
                .containsExactly("data/consent-service/consent-state.json differs from the manifest (changed after"
                        + " signing)");
        String otherKey = CheckpointKey.fromSeed(java.util.Base64.getEncoder().encodeToString(new byte[32]))
                .publicKeyBase64();
        assertThat(BundleVerifier.verify(zip, otherKey).problems())
                .containsExactly("the manifest's signature does not verify with the trusted public key");

        // the link serves its downloads (3 in tests), then is used up; an unknown one is not found
        anonymous().get(path).then().statusCode(200);
        anonymous().get(path).then().statusCode(200);
        anonymous()
                .get(path)
                .then()
                .statusCode(410)
                .contentType("application/problem+json")
                .body("type", equalTo("https://consentmesh.io/problems/link-used-up"));
        anonymous()
                .get("/v1/dsar/bundles/" + "A".repeat(43))
                .then()
                .statusCode(404)
                .contentType("application/problem+json");

        // a link past its expiry is refused (its expiry moved into the past, as time would)
        String second = URI.create(given().post("/v1/dsar/requests/" + id + "/bundle/links")
                        .then()
                        .statusCode(201)
                        .extract()
                        .<String>path("url"))
                .getPath();
        database.preparedQuery("UPDATE dsar_bundle_link SET expires_at = now() - interval '1 second'"
                        + " WHERE token_hash = $1")
                .execute(Tuple.of(BundleLinks.hash(second.substring(second.lastIndexOf('/') + 1))))
                .await()
                .atMost(WAIT);
        anonymous()
                .get(second)
                .then()
                .statusCode(410)
                .body("type", equalTo("https://consentmesh.io/problems/link-expired"));

        // every step is on the request's record
        List<String> kinds = given().get("/v1/dsar/requests/" + id + "/record")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("kind", String.class);
        assertThat(kinds).containsSubsequence("COMPLETED", "BUNDLE_READY", "BUNDLE_LINK_ISSUED", "BUNDLE_DOWNLOADED");
        assertThat(kinds.stream().filter("BUNDLE_READY"::equals)).hasSize(1);
        assertThat(kinds.stream().filter("BUNDLE_DOWNLOADED"::equals)).hasSize(3);
        given().get("/v1/dsar/record/verify").then().statusCode(200).body("intact", equalTo(true));

        // the copy is sealed under the person's key: once they are erased it is unreadable (and a copy whose time is
        // up is deleted: see theCopyIsDeletedWhenItsTimeIsUp)
        String third = URI.create(given().post("/v1/dsar/requests/" + id + "/bundle/links")
                        .then()
                        .statusCode(201)
                        .extract()
                        .<String>path("url"))
                .getPath();
        SubjectId subject = keys.subjectOf(TENANT, person);
        personalData
                .keys()
                .shred(new SubjectRef("acme", subject.value()), "test", id)
                .await()
                .atMost(WAIT);
        anonymous()
                .get(third)
                .then()
                .statusCode(410)
                .body("type", equalTo("https://consentmesh.io/problems/person-erased"));
    }

    @Test
    void aFileOnlyItsAgentCanReadIsListedWithWhyWhenItsCopyIsWrongOrLateAndAStrayAnswerIsDeadLettered()
            throws Exception {
        String first = TestNumbers.randomUs();
        String second = TestNumbers.randomUs();
        String tampered = open(first, "ACCESS");
        String late = open(second, "ACCESS");
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            answersOf(TaskAnswers.taskOf(kafka, tampered), first).forEach(kafka::send);
            answersOf(TaskAnswers.taskOf(kafka, late), second).forEach(kafka::send);
            // the bytes in the staging bucket are not what the agent read: not put in the copy
            FileExportCommanded export = exportCommandOf(kafka, tampered);
            ObjectStorageResource.putAt(export.target(), "changed on the way".getBytes(StandardCharsets.UTF_8));
            agentAnswers(kafka, export, exported(export, "what the agent read".getBytes(StandardCharsets.UTF_8)));
            // no agent answers for the other: once the wait is over (moved into the past) the copy goes without it
            exportCommandOf(kafka, late);
            database.preparedQuery("UPDATE dsar_file_export SET commanded_at = now() - interval '1 day'"
                            + " WHERE request_id = $1")
                    .execute(Tuple.of(UUID.fromString(late)))
                    .await()
                    .atMost(WAIT);
            // an answer to an export nobody commanded
            FileExportCommanded stray = new FileExportCommanded(
                    UUID.randomUUID().toString(),
                    late,
                    "item-nobody-asked-for",
                    "RECORDING",
                    "twilio",
                    "Accounts/AC1/Recordings/RE9",
                    "s3://dsar-exports/elsewhere",
                    10,
                    Instant.now());
            agentAnswers(kafka, stray, exported(stray, new byte[] {1}));
            var dead = kafka.await(Topics.DSAR_DEAD_LETTER, r -> r.value().contains(stray.exportId()), 1, WAIT);
            assertThat(KafkaTestClient.header(dead.get(0), "dead-letter-reason"))
                    .contains("no file export");
        }
        assertThat(listingOf(tampered)).contains("the agent's copy of it did not match what the agent read (SHA-256)");
        assertThat(listingOf(late)).contains("the agent that reads twilio did not answer in time");
    }

    @Test
    void theCopyIsDeletedWhenItsTimeIsUpAndItsLinksStopWorking() {
        String person = TestNumbers.randomUs();
        String id = open(person, "PORTABILITY");
        awaitCopy(id, person);
        String link = URI.create(given().post("/v1/dsar/requests/" + id + "/bundle/links")
                        .then()
                        .statusCode(201)
                        .extract()
                        .<String>path("url"))
                .getPath();
        // its retention ends (moved into the past, as time would)
        database.preparedQuery("UPDATE dsar_bundle SET expires_at = now() - interval '1 second' WHERE request_id = $1")
                .execute(Tuple.of(UUID.fromString(id)))
                .await()
                .atMost(WAIT);
        await().atMost(WAIT).untilAsserted(() -> given().get("/v1/dsar/requests/" + id + "/bundle")
                .then()
                .statusCode(200)
                .body("deletedAt", org.hamcrest.Matchers.notNullValue()));
        assertThat(database.preparedQuery("SELECT content IS NULL FROM dsar_bundle WHERE request_id = $1")
                        .execute(Tuple.of(UUID.fromString(id)))
                        .await()
                        .atMost(WAIT)
                        .iterator()
                        .next()
                        .getBoolean(0))
                .isTrue();
        anonymous()
                .get(link)
                .then()
                .statusCode(410)
                .body("type", equalTo("https://consentmesh.io/problems/bundle-deleted"));
        given().post("/v1/dsar/requests/" + id + "/bundle/links").then().statusCode(410);
        assertThat(given().get("/v1/dsar/requests/" + id + "/record")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("kind", String.class))
                .containsOnlyOnce("BUNDLE_DELETED");
    }

    @Test
    void retentionServiceCommandsTheCopysDeletionAndGetsOneReceiptPerCommand() {
        String person = TestNumbers.randomUs();
        String id = open(person, "ACCESS");
        awaitCopy(id, person);
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            String bundleId = given().get("/v1/dsar/requests/" + id + "/bundle")
                    .then()
                    .extract()
                    .path("id");
            // as retention-service commands it once the DSAR_EXPORT item's period ends
            String item = UUID.randomUUID().toString();
            DeletionReceipted receipt = commandDeletion(kafka, item, bundleId, 1);
            assertThat(receipt.outcome()).isEqualTo(DeletionOutcome.DELETED);
            assertThat(receipt.agent()).isEqualTo("dsar-service");
            given().get("/v1/dsar/requests/" + id + "/bundle")
                    .then()
                    .body("deletedAt", org.hamcrest.Matchers.notNullValue());
            // the same item commanded again (a lost receipt): already gone
            assertThat(commandDeletion(kafka, item, bundleId, 2).outcome()).isEqualTo(DeletionOutcome.ALREADY_GONE);
        }
        assertThat(given().get("/v1/dsar/requests/" + id + "/record")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("kind", String.class))
                .containsOnlyOnce("BUNDLE_DELETED");
    }

    @Test
    void onlyAccessAndPortabilityHaveACopyAndOnlyPrivacyOpsMakesLinks() {
        String id = open(TestNumbers.randomUs(), "RESTRICTION");
        given().get("/v1/dsar/requests/" + id + "/bundle")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://consentmesh.io/problems/no-copy-for-this-right"));
        given().spec(MeshCredentials.as("acme", MeshCredentials.AUDITOR))
                .post("/v1/dsar/requests/" + id + "/bundle/links")
                .then()
                .statusCode(403);
        given().spec(MeshCredentials.as("globex", MeshCredentials.PRIVACY_OPS))
                .get("/v1/dsar/requests/" + id + "/bundle")
                .then()
                .statusCode(404);
    }

    /** retention-service's command to delete the copy (item {@code item}, attempt {@code attempt}), and its receipt. */
    private static DeletionReceipted commandDeletion(KafkaTestClient kafka, String item, String bundleId, int attempt) {
        DeletionCommanded command = new DeletionCommanded(
                "command-" + UUID.randomUUID(),
                item,
                DeletionAction.DELETE,
                DeletionReason.RETENTION_PERIOD_ENDED,
                "DSAR_EXPORT",
                MeshStores.DSAR_SERVICE,
                MeshStores.dsarBundle("acme", bundleId),
                attempt,
                Instant.now(),
                Instant.now());
        kafka.send(
                Topics.RETENTION_DELETION_COMMAND,
                command.key(),
                EventCodec.encode(EventEnvelope.of(
                        EventIds.of("retention-service", "command", command.commandId()),
                        URI.create("/retention-service"),
                        TENANT,
                        null,
                        Instant.now(),
                        command)));
        return EventCodec.decode(
                        kafka.await(
                                        Topics.RETENTION_DELETION_RECEIPT,
                                        r -> r.value().contains(command.commandId()),
                                        1,
                                        WAIT)
                                .get(0)
                                .value(),
                        DeletionReceipted.class)
                .data();
    }

    /**
     * Every service's answers, the Twilio recording answered by its agent as gone (so the copy waits for nothing),
     * and the copy assembled.
     */
    private void awaitCopy(String id, String person) {
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            answersOf(TaskAnswers.taskOf(kafka, id), person).forEach(kafka::send);
            FileExportCommanded export = exportCommandOf(kafka, id);
            agentAnswers(
                    kafka,
                    export,
                    new FileExported(
                            export.exportId(),
                            export.requestId(),
                            export.itemId(),
                            export.store(),
                            FileExportOutcome.NOT_FOUND,
                            null,
                            null,
                            null,
                            null,
                            "HTTP 404 from twilio",
                            "test",
                            Instant.now()));
        }
        await().atMost(WAIT).untilAsserted(() -> given().get("/v1/dsar/requests/" + id + "/bundle")
                .then()
                .statusCode(200));
    }

    /** The copy's files.json, once the copy is assembled (read through a new link). */
    private static String listingOf(String id) throws java.io.IOException {
        await().atMost(WAIT).untilAsserted(() -> given().get("/v1/dsar/requests/" + id + "/bundle")
                .then()
                .statusCode(200));
        String link = given().post("/v1/dsar/requests/" + id + "/bundle/links")
                .then()
                .statusCode(201)
                .extract()
                .path("url");
        byte[] zip = anonymous()
                .get(URI.create(link).getPath())
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        return new String(BundleZip.read(zip).get("files.json"), StandardCharsets.UTF_8);
    }

    /** The command dsar-service sent the deletion agents for the request's Twilio recording. */
    private static FileExportCommanded exportCommandOf(KafkaTestClient kafka, String requestId) {
        return EventCodec.decode(
                        kafka.await(Topics.DSAR_FILE_EXPORT, r -> r.value().contains(requestId), 1, WAIT)
                                .get(0)
                                .value(),
                        FileExportCommanded.class)
                .data();
    }

    private static FileExported exported(FileExportCommanded export, byte[] content) {
        return new FileExported(
                export.exportId(),
                export.requestId(),
                export.itemId(),
                export.store(),
                FileExportOutcome.EXPORTED,
                export.target(),
                (long) content.length,
                Manifest.sha256(content),
                "audio/wav",
                null,
                "test",
                Instant.now());
    }

    /** What the agent for store twilio answers, on the task results as it does. */
    private static void agentAnswers(KafkaTestClient kafka, FileExportCommanded export, FileExported answer) {
        kafka.send(
                Topics.DSAR_TASK_RESULT,
                export.key(),
                EventCodec.encode(EventEnvelope.of(
                        EventIds.of("deletion-agent", "test", "export", export.exportId()),
                        URI.create("/deletion-agent/exports"),
                        TENANT,
                        null,
                        answer.completedAt(),
                        answer)));
    }

    private static byte[] twilioAudioOf(String person) {
        return ("RIFF twilio audio of " + person).getBytes(StandardCharsets.UTF_8);
    }

    /** The person, with no credential: the link is all they have. */
    private static io.restassured.specification.RequestSpecification anonymous() {
        return given().header("Authorization", TenantCredentialFilter.ANONYMOUS);
    }

    private static Map<String, byte[]> withoutManifest(Map<String, byte[]> files) {
        Map<String, byte[]> rest = new LinkedHashMap<>(files);
        rest.remove(BundleZip.MANIFEST);
        rest.remove(BundleZip.SIGNATURE);
        return rest;
    }

    private static String open(String person, String type) {
        return Attested.open("acme", person, type);
    }

    /**
     * The person's recording and transcript in object storage, a recording kept by Twilio (read through its agent) and
     * one kept by Telnyx (no agent reads it for the copy), as retention lists them.
     */
    private static List<Map<String, Object>> storedItems(String person) {
        String call = "CA" + UUID.randomUUID().toString().replace("-", "");
        String recording = ObjectStorageResource.put("acme/" + call + ".wav", recordingOf(person));
        String transcript = ObjectStorageResource.put(
                "acme/" + call + ".txt", ("Agent: hello. Caller " + person + ": hi.").getBytes(StandardCharsets.UTF_8));
        return List.of(
                Map.of(
                        "id",
                        ITEM_RECORDING,
                        "category",
                        "RECORDING",
                        "store",
                        "object-storage",
                        "storage_uri",
                        recording,
                        "due_at",
                        "2027-03-01T00:00:00Z"),
                Map.of(
                        "id",
                        ITEM_TRANSCRIPT,
                        "category",
                        "TRANSCRIPT",
                        "store",
                        "object-storage",
                        "storage_uri",
                        transcript,
                        "due_at",
                        "2027-03-01T00:00:00Z"),
                Map.of(
                        "id",
                        ITEM_AT_TWILIO,
                        "category",
                        "RECORDING",
                        "store",
                        "twilio",
                        "storage_uri",
                        "Accounts/AC1/Recordings/RE1",
                        "due_at",
                        "2027-03-01T00:00:00Z"),
                Map.of(
                        "id",
                        ITEM_AT_TELNYX,
                        "category",
                        "RECORDING",
                        "store",
                        "telnyx",
                        "storage_uri",
                        "recordings/0b8f6c1e-2d3a-4b5c-9d6e-7f8091a2b3c4",
                        "due_at",
                        "2027-03-01T00:00:00Z"));
    }

    private static final String ITEM_RECORDING = "6d1f0e2a-3b4c-4d5e-8f90-a1b2c3d4e5f6";
    private static final String ITEM_TRANSCRIPT = "7e2a1f3b-4c5d-4e6f-9a01-b2c3d4e5f6a7";
    private static final String ITEM_AT_TWILIO = "8f3b2a4c-5d6e-4f70-8b12-c3d4e5f6a7b8";
    private static final String ITEM_AT_TELNYX = "9a4c3b5d-6e7f-4081-9c23-d4e5f6a7b8c9";

    /** A recording's bytes (not text): what a person must get back exactly. */
    private static byte[] recordingOf(String person) {
        byte[] audio = new byte[300_000];
        new java.util.Random(person.hashCode()).nextBytes(audio);
        return audio;
    }

    /** consent-service's 1,000 evidence records (bodies sealed as it stores them) and retention-service's items. */
    private List<EventEnvelope<?>> answersOf(EventEnvelope<DsarTaskIssued> task, String person) {
        SubjectId subject = keys.subjectOf(TENANT, person);
        SubjectRef ref = new SubjectRef("acme", subject.value());
        Sealer sealer = personalData.sealer(List.of(ref)).await().atMost(WAIT);
        List<Map<String, Object>> evidence = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put(
                    "id",
                    UUID.nameUUIDFromBytes(("e" + i).getBytes(StandardCharsets.UTF_8))
                            .toString());
            record.put("kind", "SMS_OPT_IN");
            record.put("channel", "SMS");
            record.put(
                    "occurred_at",
                    Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i).toString());
            record.put("content", Map.of("body", sealer.seal(ref, "body", "START " + i)));
            evidence.add(record);
        }
        Map<String, List<Map<String, Object>>> consent = new LinkedHashMap<>();
        consent.put("consent-evidence", evidence);
        consent.put("consent-state", List.of(Map.of("channel", "SMS", "status", "OPTED_IN")));
        List<EventEnvelope<?>> events = new ArrayList<>(DsarAnswers.events(
                URI.create("/consent-service/dsar"),
                TENANT,
                subject,
                TaskAnswers.completed(
                        task, "consent-service", List.of(new HeldData("consent-evidence", 1_000, "records"))),
                consent));
        events.addAll(DsarAnswers.events(
                URI.create("/retention-service/dsar"),
                TENANT,
                subject,
                TaskAnswers.completed(
                        task, "retention-service", List.of(new HeldData("stored-recording", 1, "in recordings"))),
                Map.of("stored-items", storedItems(person))));
        return events;
    }
}
