package io.consentmesh.consent.authorization.contacts;

import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.MalformedEventException;
import io.consentmesh.contracts.telephony.CallDirection;
import io.consentmesh.contracts.telephony.CallStatus;
import io.consentmesh.contracts.telephony.CallStatusChanged;
import io.consentmesh.contracts.telephony.MessageStatus;
import io.consentmesh.contracts.telephony.MessageStatusChanged;
import io.consentmesh.messaging.consumer.UntilApplied;
import io.consentmesh.privacy.seal.Opener;
import io.consentmesh.privacy.seal.PersonalData;
import io.consentmesh.privacy.seal.PersonalEvents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reconciles sends with decisions: every outbound message status ({@code telephony.sms.v1}) and outbound call status
 * ({@code telephony.call.v1}) of every provider is a contact the tenant made, recorded and judged by {@link Contacts}
 * in one transaction per batch, in its own consumer group. Malformed events are the evidence consumers' to
 * dead-letter; here they are skipped. A database outage is waited out, the partitions held.
 */
@ApplicationScoped
public class ContactConsumer {

    private static final Logger LOG = Logger.getLogger(ContactConsumer.class);

    private final Pool database;
    private final Contacts contacts;
    private final PersonalData personalData;
    /**
     * When reconciliation began (migration V26): the group reads the topics from their start, but the contacts made
     * before were counted by that migration from their ALLOWs and are not judged again (their ALLOWs are all marked
     * used: judging them would record violations that are not).
     */
    private final AtomicReference<Instant> reconciledFrom = new AtomicReference<>();

    ContactConsumer(Pool database, Contacts contacts, PersonalData personalData) {
        this.database = database;
        this.contacts = contacts;
        this.personalData = personalData;
    }

    /** Read once (a failure is retried with the batch, like the database's). */
    private Uni<Void> readReconciledFrom() {
        if (reconciledFrom.get() != null) {
            return Uni.createFrom().voidItem();
        }
        return database.query("SELECT installed_on::timestamptz AS at FROM flyway_schema_history WHERE version = '26'")
                .execute()
                .invoke(rows -> reconciledFrom.set(
                        rows.size() == 0
                                ? Instant.MIN
                                : rows.iterator().next().getOffsetDateTime("at").toInstant()))
                .replaceWithVoid();
    }

    @Incoming("contacts")
    public Uni<Void> onBatch(List<String> events) {
        List<EventEnvelope<?>> sends = new ArrayList<>();
        for (String json : events) {
            try {
                EventEnvelope<?> event = EventCodec.decode(json);
                if (isSend(event)) {
                    sends.add(event);
                }
            } catch (RuntimeException malformed) {
                LOG.debugf("skipped a malformed event: %s", malformed.getMessage());
            }
        }
        if (sends.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // an outbound call's caller (the tenant's number) is sealed like every party of a call: one trip opens them
        AtomicReference<Opener> opener = new AtomicReference<>();
        return UntilApplied.apply("opening a batch of sends", () -> PersonalEvents.openerFor(personalData, sends)
                        .invoke(opener::set)
                        .replaceWithVoid())
                .chain(() -> UntilApplied.apply("reading when reconciliation began", this::readReconciledFrom))
                .chain(() -> {
                    Instant from = reconciledFrom.get();
                    List<Contact> batch = contactsOf(sends, opener.get()).stream()
                            .filter(contact -> !contact.contactedAt().isBefore(from))
                            .toList();
                    return UntilApplied.applyBatch(
                            "a batch of sends",
                            () -> database.withTransaction(connection -> contacts.record(connection, batch)),
                            () -> oneByOne(batch));
                });
    }

    private static boolean isSend(EventEnvelope<?> event) {
        if (event.tenantId() == null || event.subject() == null) {
            return false;
        }
        return event.data() instanceof MessageStatusChanged
                || event.data() instanceof CallStatusChanged call && call.direction() == CallDirection.OUTBOUND;
    }

    /** Each provider message or call once, at its earliest status (a batch often holds several of one message). */
    private static List<Contact> contactsOf(List<EventEnvelope<?>> sends, Opener opener) {
        Map<String, Contact> byReference = new LinkedHashMap<>();
        for (EventEnvelope<?> event : sends) {
            Optional<Contact> contact;
            try {
                contact = PersonalEvents.open(event, opener).map(ContactConsumer::contactOf);
            } catch (MalformedEventException malformed) {
                LOG.debugf("skipped a send whose sealed values do not open: %s", malformed.getMessage());
                continue;
            }
            // empty: the person was erased since; there is no one left to record a contact against
            contact.ifPresent(one -> byReference.merge(one.key(), one, Contact::merge));
        }
        return List.copyOf(byReference.values());
    }

    private static Contact contactOf(EventEnvelope<?> event) {
        if (event.data() instanceof MessageStatusChanged status) {
            return new Contact(
                    event.tenantId(),
                    event.subjectId(),
                    Channel.SMS,
                    status.provider(),
                    status.messageId(),
                    status.from(),
                    status.occurredAt(),
                    status.status() != MessageStatus.FAILED && status.status() != MessageStatus.CANCELED,
                    uuid(status.decisionId()),
                    event.id());
        }
        CallStatusChanged call = (CallStatusChanged) event.data();
        return new Contact(
                event.tenantId(),
                event.subjectId(),
                Channel.VOICE,
                call.provider(),
                call.callId(),
                call.from(),
                call.occurredAt(),
                call.status() != CallStatus.FAILED && call.status() != CallStatus.CANCELED,
                uuid(call.decisionId()),
                event.id());
    }

    /** call-ingest passes on only ids that are UUIDs; anything else names no decision. */
    private static UUID uuid(String decisionId) {
        try {
            return decisionId == null ? null : UUID.fromString(decisionId);
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    private Uni<Void> oneByOne(List<Contact> batch) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Contact contact : batch) {
            all = all.chain(() -> UntilApplied.apply(
                            "a send", () -> database.withTransaction(c -> contacts.record(c, List.of(contact))))
                    .onFailure(MalformedEventException.class)
                    .recoverWithItem(refused -> {
                        LOG.warnf("skipped a send the database refuses: %s", refused.getMessage());
                        return null;
                    }));
        }
        return all;
    }
}
