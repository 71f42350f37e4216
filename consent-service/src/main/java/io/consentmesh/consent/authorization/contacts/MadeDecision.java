package io.consentmesh.consent.authorization.contacts;

import io.consentmesh.contracts.consent.DecisionOutcome;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A stored decision, as far as matching a contact to it goes. */
record MadeDecision(
        UUID id,
        String subjectId,
        String channel,
        String sender,
        DecisionOutcome outcome,
        List<String> reasons,
        Instant decidedAt,
        Instant decidedFor,
        Instant deferUntil,
        Instant validUntil,
        boolean used) {

    boolean isFor(Contact contact) {
        return subjectId.equals(contact.subject().value())
                && channel.equals(contact.channel().name())
                && sender.equals(contact.sender());
    }
}
