package io.consentmesh.consent.consents.reported;

import io.consentmesh.consent.consents.state.ConsentStates;
import io.consentmesh.consent.consents.state.ConsentTransition;
import io.consentmesh.consent.evidence.EvidenceLedger;
import io.consentmesh.consent.evidence.NewEvidence;
import io.consentmesh.runtime.chain.SubjectRef;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A revocation that arrives as one record — reported by the tenant, or signalled by a carrier — written in the
 * caller's transaction: the evidence, the brand-wide revocation it makes ({@link ConsentTransition}) and, with it,
 * its KW-07 record. A record already in the ledger (the same source event) has no second effect.
 */
@ApplicationScoped
public class RevocationEvidence {

    private final EvidenceLedger ledger;
    private final ConsentStates states;

    RevocationEvidence(EvidenceLedger ledger, ConsentStates states) {
        this.ledger = ledger;
        this.states = states;
    }

    /** @return the new record's id, or empty when the source event was recorded before */
    public Uni<Optional<UUID>> record(SqlConnection connection, NewEvidence evidence) {
        return ledger.appendAll(connection, List.of(evidence))
                .map(appended -> appended.get(0))
                .call(appended -> appended.map(id -> revoke(connection, evidence, id))
                        .orElseGet(() -> Uni.createFrom().voidItem()));
    }

    /**
     * A revocation changes every row of the person: loaded, changed by the one rule, saved — which also writes its
     * KW-07 record ({@link ConsentStates#save}).
     */
    private Uni<Void> revoke(SqlConnection connection, NewEvidence evidence, UUID id) {
        SubjectRef person = person(evidence);
        return states.load(connection, List.of(person)).chain(changes -> {
            ConsentTransition.apply(
                    changes.of(person),
                    ConsentTransition.Evidence.of(id, evidence.kind(), evidence.channel(), evidence.occurredAt()));
            return states.save(connection, changes);
        });
    }

    private static SubjectRef person(NewEvidence evidence) {
        return new SubjectRef(evidence.tenant().value(), evidence.subject().value());
    }
}
