package io.consentmesh.ingest.calls;

import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.telephony.Provider;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.hibernate.reactive.mutiny.Mutiny;

/** Which person (subject id) each call is with, learned from the call's status callbacks. */
@ApplicationScoped
public class CallParties {

    private final Mutiny.SessionFactory sessions;

    CallParties(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    public Uni<Void> remember(Provider provider, String callId, TenantId tenant, SubjectId subject) {
        return sessions.withTransaction(session -> session.createNativeQuery(
                                """
                                INSERT INTO call_party (provider, call_id, tenant_id, subject_id)
                                VALUES (:provider, :callId, :tenant, :subject) ON CONFLICT DO NOTHING""")
                        .setParameter("provider", provider.name())
                        .setParameter("callId", callId)
                        .setParameter("tenant", tenant.value())
                        .setParameter("subject", subject.value())
                        .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Optional<SubjectId>> subjectOf(Provider provider, String callId, TenantId tenant) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "SELECT subject_id FROM call_party "
                                        + "WHERE provider = :provider AND call_id = :callId AND tenant_id = :tenant",
                                String.class)
                        .setParameter("provider", provider.name())
                        .setParameter("callId", callId)
                        .setParameter("tenant", tenant.value())
                        .getSingleResultOrNull())
                .map(subject -> Optional.ofNullable(subject).map(SubjectId::new));
    }
}
