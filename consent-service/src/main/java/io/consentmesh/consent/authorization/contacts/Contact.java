package io.consentmesh.consent.authorization.contacts;

import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.telephony.Provider;
import java.time.Instant;
import java.util.UUID;

/**
 * A message the tenant sent or a call it placed, as a provider's status event shows it.
 *
 * @param reference the provider's message or call id: one contact, whatever number of statuses it gets
 * @param sender the tenant's number it was made from
 * @param contactedAt when the provider says it happened (the earliest status seen)
 * @param reached false while every status says it never left the provider (failed, canceled): not counted by caps
 * @param decisionId the decision the tenant named when it sent, or null
 * @param statusEventId the status event that showed it
 */
public record Contact(
        TenantId tenant,
        SubjectId subject,
        Channel channel,
        Provider provider,
        String reference,
        String sender,
        Instant contactedAt,
        boolean reached,
        UUID decisionId,
        String statusEventId) {

    /** Two statuses of one contact in a batch: the earliest time, reached if either says so. */
    Contact merge(Contact later) {
        Contact first = later.contactedAt.isBefore(contactedAt) ? later : this;
        return new Contact(
                tenant,
                subject,
                channel,
                provider,
                reference,
                sender,
                first.contactedAt,
                reached || later.reached,
                decisionId != null ? decisionId : later.decisionId,
                first.statusEventId);
    }

    String key() {
        // one message may go to several people (group MMS): a contact is a message or call to one person
        return tenant.value() + '\n' + provider.name() + '\n' + reference + '\n' + subject.value();
    }
}
