package io.consentmesh.consent.inbound;

import io.consentmesh.consent.keywords.FreeTextClassifier;
import io.consentmesh.consent.keywords.FreeTextMatch;
import io.consentmesh.consent.keywords.FreeTextRevocations;
import io.consentmesh.consent.keywords.KeywordEvidence;
import io.consentmesh.consent.keywords.KeywordLists;
import io.consentmesh.consent.keywords.KeywordMatch;
import io.consentmesh.contracts.consumer.UntilApplied;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.MalformedEventException;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Consumes {@code telephony.sms.v1}. Keywords (the tenant's lists, KW-01…KW-04) and revocations in other words
 * (KW-05: clear ones revoke, doubtful ones are queued for review) become evidence, state and reply commands in one
 * transaction; the offset is committed
 * only after it commits. A malformed event goes to {@code consent.dead-letter.v1} at once; anything else (the
 * database is down) is retried with back-off, holding the partition, so that no STOP is skipped or reordered.
 */
@ApplicationScoped
public class SmsEventConsumer {

    private final Mutiny.SessionFactory sessions;
    private final KeywordEvidence keywordEvidence;
    private final KeywordLists keywordLists;
    private final FreeTextRevocations freeTextRevocations;
    private final SubjectKeys subjectKeys;
    private final FreeTextClassifier freeText = new FreeTextClassifier();

    SmsEventConsumer(
            Mutiny.SessionFactory sessions,
            KeywordEvidence keywordEvidence,
            KeywordLists keywordLists,
            FreeTextRevocations freeTextRevocations,
            SubjectKeys subjectKeys) {
        this.sessions = sessions;
        this.keywordEvidence = keywordEvidence;
        this.keywordLists = keywordLists;
        this.freeTextRevocations = freeTextRevocations;
        this.subjectKeys = subjectKeys;
    }

    @Incoming("sms-events")
    public Uni<Void> onSmsEvent(String json) {
        return UntilApplied.apply("an SMS event", () -> {
            EventEnvelope<?> any = EventCodec.decode(json);
            if (!(any.data() instanceof SmsReceived)) {
                return Uni.createFrom().voidItem(); // delivery states share the topic; not keyword evidence (yet)
            }
            @SuppressWarnings("unchecked")
            EventEnvelope<SmsReceived> event = (EventEnvelope<SmsReceived>) any;
            requireSubjectOfSender(event);
            return keywordLists.classifierFor(event.tenantId()).chain(keywords -> {
                KeywordMatch match = keywords.classify(event.data().body());
                if (match.isKeyword()) {
                    return sessions.withTransaction(session -> keywordEvidence.record(session, event, match));
                }
                FreeTextMatch words = freeText.classify(event.data().body());
                if (words.isRevocation()) {
                    return sessions.withTransaction(session -> freeTextRevocations.revoke(session, event, words));
                }
                if (words.needsReview()) {
                    return sessions.withTransaction(
                            session -> freeTextRevocations.queueForReview(session, event, words));
                }
                return Uni.createFrom().voidItem(); // an ordinary message: not consent evidence
            });
        });
    }

    /** The key must be the sender's subject id: otherwise the event sits on the wrong partition, out of order. */
    private void requireSubjectOfSender(EventEnvelope<SmsReceived> event) {
        String expected;
        try {
            expected =
                    subjectKeys.subjectOf(event.tenantId(), event.data().from()).value();
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("sender is not an E.164 number");
        }
        if (!expected.equals(event.subject())) {
            throw new MalformedEventException("subject is not the subject id of the sender's number");
        }
    }
}
