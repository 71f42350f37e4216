package io.consentmesh.consent.authorization;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A stored authorization decision: what was asked, what was answered, under which rules, on which evidence. */
@Entity
@Table(name = "decision")
public class DecisionRecord {

    @Id
    public UUID id;

    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "subject_id")
    public String subjectId;

    public String channel;
    public String sender;
    public String outcome;

    /** Reason codes, comma-separated. */
    public String reasons;

    @Column(name = "rule_set_version")
    public String ruleSetVersion;

    /** Evidence ids, comma-separated. */
    @Column(name = "evidence_ids")
    public String evidenceIds;

    @Column(name = "decided_at")
    public Instant decidedAt;
}
