package io.consentmesh.consent.disclosure;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentmesh.contracts.envelope.TenantId;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;

/** The tenants' recording policies; a tenant without one has {@link RecordingPolicy#DEFAULT}. */
@ApplicationScoped
public class RecordingPolicies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<RecordingPolicy.DisclosureMedia>> MEDIA = new TypeReference<>() {};

    private final Pool database;

    RecordingPolicies(Pool database) {
        this.database = database;
    }

    public Uni<RecordingPolicy> get(TenantId tenant) {
        return of(database, tenant);
    }

    /** Replaces the tenant's policy; verdicts made from now on follow it. */
    public Uni<Void> set(TenantId tenant, RecordingPolicy policy) {
        return put(database, tenant, policy, Instant.now());
    }

    /** The tenant's policy, read with {@code client} (a connection, to read it in the caller's transaction). */
    public Uni<RecordingPolicy> of(SqlClient client, TenantId tenant) {
        return client.preparedQuery("SELECT explicit_consent_before_recording, disclosure_media::text"
                        + " FROM recording_policy WHERE tenant_id = $1")
                .execute(Tuple.of(tenant.value()))
                .map(rows -> {
                    Iterator<Row> found = rows.iterator();
                    if (!found.hasNext()) {
                        return RecordingPolicy.DEFAULT;
                    }
                    Row row = found.next();
                    return new RecordingPolicy(row.getBoolean(0), media(row.getString(1)));
                });
    }

    private Uni<Void> put(SqlClient client, TenantId tenant, RecordingPolicy policy, Instant now) {
        return client.preparedQuery(
                        """
                        INSERT INTO recording_policy (tenant_id, explicit_consent_before_recording, disclosure_media,
                                                      updated_at)
                        VALUES ($1, $2, $3::text::jsonb, $4)
                        ON CONFLICT (tenant_id) DO UPDATE SET
                            explicit_consent_before_recording = EXCLUDED.explicit_consent_before_recording,
                            disclosure_media = EXCLUDED.disclosure_media, updated_at = EXCLUDED.updated_at""")
                .execute(Tuple.of(
                        tenant.value(),
                        policy.explicitConsentBeforeRecording(),
                        json(policy.disclosureMedia()),
                        utc(now)))
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
