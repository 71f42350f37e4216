package io.consentmesh.privacy;

import io.consentmesh.privacy.kek.KeyEncryptionKeys;
import io.consentmesh.privacy.kek.KeystoreKeyEncryptionKeys;
import io.consentmesh.privacy.keys.DataKeys;
import io.consentmesh.privacy.seal.PersonalData;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** Makes the key store and {@link PersonalData} injectable in a service that depends on this module. */
public class PrivacyProducers {

    @Produces
    @Singleton
    KeyEncryptionKeys keyEncryptionKeys(PrivacyConfig config) {
        return KeystoreKeyEncryptionKeys.open(
                config.keystore().path(),
                config.keystore().password().toCharArray(),
                config.keystore().createIfMissing());
    }

    @Produces
    @Singleton
    DataKeys dataKeys(Pool pool, KeyEncryptionKeys keks, PrivacyConfig config, MeterRegistry meters) {
        return new DataKeys(pool, keks, config.keys().cacheSize(), config.keys().cacheTtl(), Clock.systemUTC(), meters);
    }

    @Produces
    @Singleton
    PersonalData personalData(DataKeys keys) {
        return new PersonalData(keys);
    }

    /** The key schema exists before anything seals (early among startup observers, like the security store). */
    void migrateOnStart(@Observes @Priority(11) StartupEvent start, DataKeys keys, PrivacyConfig config) {
        keys.migrate(config.keys().ownerRole()).await().atMost(Duration.ofMinutes(2));
    }
}
