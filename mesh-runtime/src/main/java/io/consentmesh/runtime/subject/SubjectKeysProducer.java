package io.consentmesh.runtime.subject;

import io.consentmesh.contracts.subject.SubjectKeys;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes {@link SubjectKeys} injectable in every service (this jar is indexed through META-INF/beans.xml). */
public class SubjectKeysProducer {

    @Produces
    @Singleton
    SubjectKeys subjectKeys(SubjectConfig config) {
        return SubjectKeys.fromSecret(config.secret());
    }
}
