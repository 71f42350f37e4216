package io.consentmesh.consent.authorization;

import io.consentmesh.consent.state.ConsentStates;
import io.consentmesh.consent.state.ConsentStatus;
import io.consentmesh.consent.state.CurrentConsent;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.subject.SubjectConfig;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.reactive.mutiny.Mutiny;

/** Decides ALLOW or DENY before a send, and stores every decision with the evidence it relied on. */
@ApplicationScoped
public class Authorizer {

    /** Bumped whenever a rule changes, so a stored decision can be re-checked under the rules of its day. */
    public static final String RULE_SET_VERSION = "2026.11-consent-v1";

    private final Mutiny.SessionFactory sessions;
    private final ConsentStates states;
    private final SubjectKeys subjectKeys;
    private final SubjectConfig config;
    private final Clock clock = Clock.systemUTC();

    Authorizer(Mutiny.SessionFactory sessions, ConsentStates states, SubjectKeys subjectKeys, SubjectConfig config) {
        this.sessions = sessions;
        this.states = states;
        this.subjectKeys = subjectKeys;
        this.config = config;
    }

    public Uni<AuthorizationDecision> authorize(AuthorizationRequest request) {
        SubjectId subject = subjectOf(request);
        return sessions.withTransaction(
                session -> states.current(session, request.tenantId(), subject, request.channel())
                        .map(consent -> decide(consent, clock.instant()))
                        .call(decision -> session.persist(toRecord(request, subject, decision))));
    }

    /** The rules themselves: pure, so the replay audit can re-run them. */
    static AuthorizationDecision decide(Optional<CurrentConsent> consent, Instant now) {
        UUID id = UUID.randomUUID();
        if (consent.isEmpty()) {
            return new AuthorizationDecision(
                    id, Outcome.DENY, List.of(Reason.NO_CONSENT), RULE_SET_VERSION, List.of(), now);
        }
        CurrentConsent current = consent.get();
        List<UUID> evidence = List.of(current.basisEvidenceId());
        return current.status() == ConsentStatus.REVOKED
                ? new AuthorizationDecision(
                        id, Outcome.DENY, List.of(Reason.OPTED_OUT), RULE_SET_VERSION, evidence, now)
                : new AuthorizationDecision(
                        id, Outcome.ALLOW, List.of(Reason.CONSENT_ON_RECORD), RULE_SET_VERSION, evidence, now);
    }

    private SubjectId subjectOf(AuthorizationRequest request) {
        return subjectKeys.subjectOf(request.tenantId(), request.to(), config.defaultRegion(), "to");
    }

    private static DecisionRecord toRecord(
            AuthorizationRequest request, SubjectId subject, AuthorizationDecision decision) {
        DecisionRecord record = new DecisionRecord();
        record.id = decision.decisionId();
        record.tenantId = request.tenantId().value();
        record.subjectId = subject.value();
        record.channel = request.channel().name();
        record.sender = request.from();
        record.outcome = decision.outcome().name();
        record.reasons = decision.reasons().stream().map(Enum::name).collect(Collectors.joining(","));
        record.ruleSetVersion = decision.ruleSetVersion();
        record.evidenceIds = decision.evidenceIds().stream().map(UUID::toString).collect(Collectors.joining(","));
        record.decidedAt = decision.decidedAt();
        return record;
    }
}
