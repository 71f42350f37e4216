package io.consentmesh.ingest.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * A provider account (Twilio AccountSid, Telnyx connection, Plivo auth id) and the tenant it belongs to. Reads and
 * writes go through {@link ProviderAccounts}' SQL (one round trip per webhook); the mapping documents the table.
 */
@Entity
@Table(name = "provider_account")
@IdClass(ProviderAccount.Key.class)
public class ProviderAccount {

    @Id
    public String provider;

    @Id
    @Column(name = "account_id")
    public String accountId;

    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "created_at")
    public Instant createdAt;

    public record Key(String provider, String accountId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
