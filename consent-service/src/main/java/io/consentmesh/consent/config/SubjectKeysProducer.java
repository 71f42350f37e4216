package io.consentmesh.consent.config;

import io.consentmesh.contracts.subject.SubjectKeys;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

public class SubjectKeysProducer {

    @Produces
    @Singleton
    SubjectKeys subjectKeys(MeshConfig config) {
        return SubjectKeys.fromSecret(config.subjectKey().secret());
    }
}
