package io.consentmesh.ingest.accounts;

import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.telephony.Provider;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** Provider accounts, their tenants and their signing credentials. */
@ApplicationScoped
public class ProviderAccounts {

    private final Mutiny.SessionFactory sessions;

    ProviderAccounts(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /**
     * The account's tenant and currently valid secrets, or empty for an account we do not know. One round trip: every
     * webhook asks this before anything else.
     */
    public Uni<Optional<AccountCredentials>> credentials(Provider provider, String accountId) {
        return sessions.withSession(session -> session.createNativeQuery(
                                """
                                SELECT a.tenant_id, c.secret FROM provider_account a
                                LEFT JOIN provider_credential c
                                       ON c.provider = a.provider AND c.account_id = a.account_id
                                      AND (c.valid_until IS NULL OR c.valid_until > now())
                                WHERE a.provider = :provider AND a.account_id = :account
                                ORDER BY c.created_at DESC""",
                                Object[].class)
                        .setParameter("provider", provider.name())
                        .setParameter("account", accountId)
                        .getResultList())
                .map(rows -> rows.isEmpty()
                        ? Optional.<AccountCredentials>empty()
                        : Optional.of(new AccountCredentials(
                                accountId,
                                new TenantId((String) rows.get(0)[0]),
                                rows.stream()
                                        .map(row -> (String) row[1])
                                        .filter(Objects::nonNull)
                                        .toList())));
    }

    /** Creates the account, or moves it to another tenant. */
    public Uni<Void> register(Provider provider, String accountId, TenantId tenant) {
        return sessions.withTransaction(session -> session.createNativeQuery(
                                """
                                INSERT INTO provider_account (provider, account_id, tenant_id) VALUES (:provider, :account, :tenant)
                                ON CONFLICT (provider, account_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id""")
                        .setParameter("provider", provider.name())
                        .setParameter("account", accountId)
                        .setParameter("tenant", tenant.value())
                        .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * Adds a signing secret. The old one stays valid until its {@code validUntil}, so a rotation never rejects a
     * webhook the provider signed with either.
     *
     * @return the new credential's id, or empty when the account is unknown
     */
    public Uni<Optional<UUID>> addCredential(Provider provider, String accountId, String secret, Instant validUntil) {
        UUID id = UUID.randomUUID();
        return sessions.withTransaction(session -> session.createNativeQuery(
                                """
                                INSERT INTO provider_credential (id, provider, account_id, secret, valid_until)
                                SELECT :id, provider, account_id, :secret, :validUntil FROM provider_account
                                WHERE provider = :provider AND account_id = :account""")
                        .setParameter("id", id)
                        .setParameter("secret", secret)
                        .setParameter(
                                "validUntil",
                                validUntil == null ? null : OffsetDateTime.ofInstant(validUntil, ZoneOffset.UTC))
                        .setParameter("provider", provider.name())
                        .setParameter("account", accountId)
                        .executeUpdate())
                .map(inserted -> inserted == 0 ? Optional.<UUID>empty() : Optional.of(id));
    }

    /** Ends a credential's validity now (the last step of a rotation). */
    public Uni<Boolean> retireCredential(Provider provider, String accountId, UUID credentialId) {
        return sessions.withTransaction(
                        session -> session.createNativeQuery("UPDATE provider_credential SET valid_until = now() "
                                        + "WHERE id = :id AND provider = :provider AND account_id = :account")
                                .setParameter("id", credentialId)
                                .setParameter("provider", provider.name())
                                .setParameter("account", accountId)
                                .executeUpdate())
                .map(updated -> updated > 0);
    }
}
