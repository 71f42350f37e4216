package io.consentmesh.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.schema.EventSchemas;
import io.consentmesh.privacy.seal.Opener;
import io.consentmesh.privacy.seal.PersonalData;
import io.consentmesh.privacy.seal.PersonalEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * Published events as a reader in the mesh gets them: checked against their schema (so a personal field in clear on a
 * topic fails the test), then opened with the person's data key from the real key store.
 */
@ApplicationScoped
public class PublishedEvents {

    private static final EventSchemas SCHEMAS = new EventSchemas();

    private final PersonalData personalData;

    PublishedEvents(PersonalData personalData) {
        this.personalData = personalData;
    }

    public EventEnvelope<?> opened(String json) {
        assertThat(SCHEMAS.violations(json)).as("schema violations of %s", json).isEmpty();
        EventEnvelope<?> event = EventCodec.decode(json);
        if (PersonalEvents.carriesPersonalData(event)) {
            assertThat(event.eventType().sealed())
                    .as("%s carries personal data: it is only published sealed", event.type())
                    .isTrue();
        }
        Opener opener =
                PersonalEvents.openerFor(personalData, List.of(event)).await().atMost(Duration.ofSeconds(10));
        return PersonalEvents.open(event, opener).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    public <T> EventEnvelope<T> opened(String json, Class<T> payload) {
        EventEnvelope<?> event = opened(json);
        assertThat(event.data()).isInstanceOf(payload);
        return (EventEnvelope<T>) event;
    }
}
