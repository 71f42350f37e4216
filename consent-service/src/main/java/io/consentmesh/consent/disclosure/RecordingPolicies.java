package io.consentmesh.consent.disclosure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentmesh.contracts.envelope.TenantId;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** The tenants' recording policies; a tenant without one has {@link RecordingPolicy#DEFAULT}. */
@ApplicationScoped
public class RecordingPolicies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<RecordingPolicy.DisclosureMedia>> MEDIA = new TypeReference<>() {};

    private final Mutiny.SessionFactory sessions;

    RecordingPolicies(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    public Uni<RecordingPolicy> get(TenantId tenant) {
        return sessions.withSession(session -> of(session, tenant));
    }

    /** Replaces the tenant's policy; verdicts made from now on follow it. */
    public Uni<Void> set(TenantId tenant, RecordingPolicy policy) {
        return sessions.withTransaction(session -> put(session, tenant, policy, Instant.now()));
    }

    public Uni<RecordingPolicy> of(Mutiny.Session session, TenantId tenant) {
        return session.createNativeQuery(
                        "SELECT explicit_consent_before_recording, CAST(disclosure_media AS text) FROM recording_policy"
                                + " WHERE tenant_id = :tenant",
                        Object[].class)
                .setParameter("tenant", tenant.value())
                .getResultList()
                .map(rows -> rows.isEmpty()
                        ? RecordingPolicy.DEFAULT
                        : new RecordingPolicy((Boolean) rows.get(0)[0], media((String) rows.get(0)[1])));
    }

    private Uni<Void> put(Mutiny.Session session, TenantId tenant, RecordingPolicy policy, Instant now) {
        return session.createNativeQuery(
                        """
                        INSERT INTO recording_policy (tenant_id, explicit_consent_before_recording, disclosure_media,
                                                      updated_at)
                        VALUES (:tenant, :explicit, CAST(CAST(:media AS text) AS jsonb), :now)
                        ON CONFLICT (tenant_id) DO UPDATE SET
                            explicit_consent_before_recording = EXCLUDED.explicit_consent_before_recording,
                            disclosure_media = EXCLUDED.disclosure_media, updated_at = EXCLUDED.updated_at""")
                .setParameter("tenant", tenant.value())
                .setParameter("explicit", policy.explicitConsentBeforeRecording())
                .setParameter("media", json(policy.disclosureMedia()))
                .setParameter("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .executeUpdate()
                .replaceWithVoid();
    }

    private static List<RecordingPolicy.DisclosureMedia> media(String json) {
        try {
            return JSON.readValue(json, MEDIA);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored recording policy is unreadable", e);
        }
    }

    private static String json(List<RecordingPolicy.DisclosureMedia> media) {
        try {
            return JSON.writeValueAsString(media);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("disclosure media are plain values", e);
        }
    }
}
