package io.consentmesh.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentmesh.privacy.kek.KeystoreKeyEncryptionKeys;
import io.consentmesh.privacy.keys.DataKeys;
import io.consentmesh.privacy.keys.Erasure;
import io.consentmesh.privacy.keys.KeysUnavailableException;
import io.consentmesh.privacy.seal.Opener;
import io.consentmesh.privacy.seal.PersonalData;
import io.consentmesh.privacy.seal.Revealed;
import io.consentmesh.privacy.seal.Sealer;
import io.consentmesh.runtime.chain.SubjectRef;
import io.consentmesh.testkit.infra.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sealing, opening, shredding and rotation against a real PostgreSQL and a real keystore file. Each test uses a
 * {@link #fresh} key store (empty cache) where it matters, so what it shows comes from the database, not from memory.
 */
class PersonalDataTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final char[] PASSWORD = "keystore-test-password".toCharArray();

    @TempDir
    static Path dir;

    private static TestDatabase database;
    private static Pool pool;
    private static Path keystore;

    @BeforeAll
    static void database() {
        database = TestDatabase.start();
        pool = database.pool();
        keystore = dir.resolve("keks.p12");
        fresh().keys().migrate(Optional.empty()).await().atMost(WAIT);
        // migrating again (a second service starting) changes nothing
        fresh().keys().migrate(Optional.empty()).await().atMost(WAIT);
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void aSealedValueIsNotThePlaintextAndOpensAgainFromTheDatabase() {
        SubjectRef ana = person("tenant-a");
        String sealed = seal(fresh(), ana, "body", "Call me at 555-0100, I'm Ana");

        assertThat(sealed).startsWith("pv1.").doesNotContain("Ana").doesNotContain("555");
        assertThat(open(fresh(), "body", sealed)).isEqualTo(Revealed.of("Call me at 555-0100, I'm Ana"));
        // one key per subject: a second seal, by another process, uses the same key
        assertThat(keyRows(ana)).isEqualTo(1);
        String again = seal(fresh(), ana, "body", "again");
        assertThat(keyRows(ana)).isEqualTo(1);
        assertThat(open(fresh(), "body", again).text()).isEqualTo("again");
        // the same plaintext never seals to the same text (random nonce)
        assertThat(seal(fresh(), ana, "body", "again")).isNotEqualTo(again);
    }

    @Test
    void aValueCopiedToAnotherFieldOrTamperedWithDoesNotOpen() {
        SubjectRef ben = person("tenant-a");
        String sealed = seal(fresh(), ben, "ipAddress", "203.0.113.7");

        assertThatThrownBy(() -> open(fresh(), "userAgent", sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not open");
        char last = sealed.charAt(sealed.length() - 2);
        String tampered = sealed.substring(0, sealed.length() - 2)
                + (last == 'A' ? 'B' : 'A')
                + sealed.charAt(sealed.length() - 1);
        assertThatThrownBy(() -> open(fresh(), "ipAddress", tampered)).isInstanceOf(IllegalStateException.class);
        // a value that was never sealed (written before encryption) reads as it is
        assertThat(open(fresh(), "ipAddress", "198.51.100.1").text()).isEqualTo("198.51.100.1");
        // text that only looks sealed is sealed like any other; a value this person's key sealed is carried as it is
        String lookalike = "pv1.AAAAAAAAAAAAAAAAAAAAAA.AAAA";
        String sealedLookalike = seal(fresh(), ben, "ipAddress", lookalike);
        assertThat(sealedLookalike).isNotEqualTo(lookalike);
        assertThat(open(fresh(), "ipAddress", sealedLookalike).text()).isEqualTo(lookalike);
        assertThat(seal(fresh(), ben, "ipAddress", sealed)).isEqualTo(sealed);
    }

    @Test
    void aBatchSealsForManySubjectsWithOneKeyEach() {
        List<SubjectRef> people = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            people.add(person("tenant-b"));
        }
        PersonalData data = fresh();
        Sealer sealer = data.sealer(people).await().atMost(WAIT);
        Map<SubjectRef, String> sealed = new LinkedHashMap<>();
        people.forEach(p -> sealed.put(p, sealer.seal(p, "body", "text of " + p.subject())));

        Opener opener = fresh().opener(sealed.values()).await().atMost(WAIT);
        sealed.forEach(
                (p, value) -> assertThat(opener.open("body", value).text()).isEqualTo("text of " + p.subject()));
        assertThat(count("SELECT count(*) FROM mesh_keys.data_key WHERE tenant_id = 'tenant-b'"))
                .isEqualTo(200);
    }

    @Test
    void aFileSealedInBinaryOpensForItsFieldAndReadsAsGoneOnceItsPersonIsErased() {
        SubjectRef eve = person("tenant-a");
        byte[] file = new byte[200_000];
        new java.util.Random(7).nextBytes(file);
        byte[] sealed = fresh().sealer(List.of(eve)).await().atMost(WAIT).sealBytes(eve, "bundle", file);
        assertThat(sealed.length).isGreaterThan(file.length);

        Opener opener = fresh().openerForBytes(sealed).await().atMost(WAIT);
        assertThat(opener.openBytes("bundle", sealed))
                .hasValueSatisfying(open -> assertThat(open).isEqualTo(file));
        assertThatThrownBy(() -> opener.openBytes("recording", sealed)) // bound to its field
                .isInstanceOf(IllegalStateException.class);
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> opener.openBytes("bundle", tampered)).isInstanceOf(IllegalStateException.class);

        fresh().keys().shred(eve, "privacy-ops:alice", "dsar-44").await().atMost(WAIT);
        assertThat(fresh().openerForBytes(sealed).await().atMost(WAIT).openBytes("bundle", sealed))
                .isEmpty();
    }

    @Test
    void contentEntriesNamedPersonalAreSealedAndTheRestAreNot() {
        SubjectRef cy = person("tenant-a");
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("level", "EXPRESS_WRITTEN");
        content.put("subjectName", "Cy Example");
        content.put("ipAddress", "203.0.113.9");
        content.put("userAgent", null);
        Set<String> personal = Set.of("subjectName", "ipAddress", "userAgent");

        PersonalData data = fresh();
        Map<String, Object> sealed =
                data.sealer(List.of(cy)).await().atMost(WAIT).sealEntries(cy, content, personal);
        assertThat(sealed.keySet()).containsExactly("level", "subjectName", "ipAddress", "userAgent");
        assertThat(sealed.get("level")).isEqualTo("EXPRESS_WRITTEN");
        assertThat(sealed.get("userAgent")).isNull();
        assertThat(sealed.toString()).doesNotContain("Cy Example").doesNotContain("203.0.113.9");

        Map<String, Object> opened = fresh().openerForEntries(List.of(sealed), personal)
                .await()
                .atMost(WAIT)
                .openEntries(sealed, personal);
        assertThat(opened).isEqualTo(content);
    }

    @Test
    void aShreddedSubjectReadsAsErasedEverywhereAndOthersDoNot() {
        SubjectRef dee = person("tenant-c");
        SubjectRef eve = person("tenant-c");
        PersonalData data = fresh();
        String deesBody = seal(data, dee, "body", "STOP texting me, Dee");
        String evesBody = seal(data, eve, "body", "hello from Eve");
        // the process that sealed has the key cached: the shred must reach that cache too
        assertThat(open(data, "body", deesBody).text()).contains("Dee");

        Erasure first =
                data.keys().shred(dee, "privacy-ops:alice", "dsar-42").await().atMost(WAIT);

        assertThat(first.outcome()).isEqualTo(Erasure.Outcome.ERASED);
        assertThat(first.keysDestroyed()).isEqualTo(1);
        assertThat(open(data, "body", deesBody)).isEqualTo(Revealed.ERASED);
        assertThat(open(fresh(), "body", deesBody)).isEqualTo(Revealed.ERASED);
        assertThat(keyRows(dee)).isZero();
        assertThat(open(fresh(), "body", evesBody).text()).isEqualTo("hello from Eve");

        Erasure second =
                fresh().keys().shred(dee, "privacy-ops:bob", "dsar-43").await().atMost(WAIT);
        assertThat(second.outcome()).isEqualTo(Erasure.Outcome.ALREADY_ERASED);
        assertThat(second.erasedAt()).isEqualTo(first.erasedAt());
        assertThat(fresh().keys().erasedAt(dee).await().atMost(WAIT)).contains(first.erasedAt());
        assertThat(count("SELECT count(*) FROM mesh_keys.erasure WHERE subject_id = '" + dee.subject()
                        + "' AND erased_by = 'privacy-ops:alice' AND request_ref = 'dsar-42'"))
                .isEqualTo(1);

        Erasure unknown = fresh().keys()
                .shred(person("tenant-c"), "privacy-ops:alice", null)
                .await()
                .atMost(WAIT);
        assertThat(unknown.outcome()).isEqualTo(Erasure.Outcome.UNKNOWN_SUBJECT);

        // the person writes again after the erasure: a new key; the old data stays erased
        String newBody = seal(fresh(), dee, "body", "START");
        assertThat(open(fresh(), "body", newBody).text()).isEqualTo("START");
        assertThat(open(fresh(), "body", deesBody)).isEqualTo(Revealed.ERASED);
    }

    @Test
    void aRotationWrapsNewKeysWithTheNewKekAndRewrapMovesTheOldOnes() {
        // the installation's keystore (every key in this database was wrapped by it), as an operator rotates it
        Path rotating = keystore;
        PersonalData before = fresh();
        SubjectRef fay = person("tenant-rot");
        String sealed = seal(before, fay, "body", "Fay's message");
        assertThat(count("SELECT count(*) FROM mesh_keys.data_key WHERE tenant_id = 'tenant-rot' AND kek_id = 'kek-1'"))
                .isEqualTo(1);

        assertThat(KeystoreKeyEncryptionKeys.rotate(rotating, PASSWORD)).isEqualTo("kek-2");
        PersonalData after = with(KeystoreKeyEncryptionKeys.open(rotating, PASSWORD, false));
        SubjectRef gus = person("tenant-rot");
        seal(after, gus, "body", "Gus's message");
        assertThat(count("SELECT count(*) FROM mesh_keys.data_key WHERE subject_id = '" + gus.subject()
                        + "' AND kek_id = 'kek-2'"))
                .isEqualTo(1);

        int moved = 0;
        for (int n; (n = after.keys().rewrap(100).await().atMost(WAIT)) > 0; ) {
            moved += n;
        }
        assertThat(moved).isGreaterThanOrEqualTo(1);
        assertThat(count("SELECT count(*) FROM mesh_keys.data_key WHERE kek_id = 'kek-1'"))
                .isZero();
        assertThat(open(with(KeystoreKeyEncryptionKeys.open(rotating, PASSWORD, false)), "body", sealed)
                        .text())
                .isEqualTo("Fay's message");
    }

    @Test
    void withoutItsKeysNothingIsSealedAndTheFailureSaysSo() {
        assertThatThrownBy(() -> KeystoreKeyEncryptionKeys.open(dir.resolve("absent.p12"), PASSWORD, false))
                .isInstanceOf(KeysUnavailableException.class)
                .hasMessageContaining("no keystore");
        assertThatThrownBy(() -> KeystoreKeyEncryptionKeys.open(keystore, "wrong".toCharArray(), false))
                .isInstanceOf(KeysUnavailableException.class);

        // a key store (database) that cannot be reached: the seal fails, it does not hand out plaintext
        Pool unreachable = database.poolOn(closedPort());
        try {
            PersonalData data = new PersonalData(new DataKeys(
                    unreachable,
                    KeystoreKeyEncryptionKeys.open(keystore, PASSWORD, true),
                    100,
                    Duration.ofSeconds(60),
                    Clock.systemUTC(),
                    new SimpleMeterRegistry()));
            assertThatThrownBy(() ->
                            data.sealer(List.of(person("tenant-a"))).await().atMost(WAIT))
                    .isInstanceOf(KeysUnavailableException.class);
        } finally {
            unreachable.close().await().atMost(WAIT);
        }
    }

    @Test
    void anotherKeystoreCannotUnwrapTheKeys() throws Exception {
        SubjectRef hal = person("tenant-a");
        String sealed = seal(fresh(), hal, "body", "Hal");
        Path other = dir.resolve("other.p12");
        Files.deleteIfExists(other);
        PersonalData stranger = with(KeystoreKeyEncryptionKeys.open(other, PASSWORD, true));

        assertThatThrownBy(() -> open(stranger, "body", sealed))
                .isInstanceOf(KeysUnavailableException.class)
                .hasMessageContaining("does not unwrap");
    }

    private static PersonalData fresh() {
        return with(KeystoreKeyEncryptionKeys.open(keystore, PASSWORD, true));
    }

    private static PersonalData with(KeystoreKeyEncryptionKeys keks) {
        return new PersonalData(
                new DataKeys(pool, keks, 1_000, Duration.ofSeconds(60), Clock.systemUTC(), new SimpleMeterRegistry()));
    }

    private static String seal(PersonalData data, SubjectRef subject, String field, String plaintext) {
        return data.sealer(List.of(subject)).await().atMost(WAIT).seal(subject, field, plaintext);
    }

    private static Revealed open(PersonalData data, String field, String sealed) {
        return data.opener(List.of(sealed)).await().atMost(WAIT).open(field, sealed);
    }

    private static SubjectRef person(String tenant) {
        return new SubjectRef(tenant, UUID.randomUUID().toString().replace("-", ""));
    }

    private static long keyRows(SubjectRef subject) {
        return count("SELECT count(*) FROM mesh_keys.data_key WHERE tenant_id = '" + subject.tenant()
                + "' AND subject_id = '" + subject.subject() + "'");
    }

    private static long count(String sql) {
        return database.count(sql);
    }

    private static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
