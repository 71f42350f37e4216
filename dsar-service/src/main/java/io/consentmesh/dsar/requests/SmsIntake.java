package io.consentmesh.dsar.requests;

import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.MalformedEventException;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.dsar.clock.Jurisdiction;
import io.consentmesh.messaging.consumer.UntilApplied;
import io.consentmesh.privacy.seal.PersonalData;
import io.consentmesh.privacy.seal.PersonalEvents;
import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.security.caller.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Privacy requests made by SMS inside the mesh: consumes {@code telephony.sms.v1} (group {@code dsar-service-sms}),
 * opens each message with the person's key, and a message that is a privacy keyword ({@link PrivacyKeywords}) opens
 * a request as the person ({@code PERSON_SMS}, under the tenant's default jurisdiction
 * {@code mesh.dsar.sms-jurisdiction}): the one-time code is texted back, so the request goes out only once the person
 * proves the number is theirs (a sender can be spoofed; an opt-out of sale or sharing needs no proof). Every other
 * message is not dsar-service's. A message delivered again opens nothing more ({@code dsar_sms_intake}).
 */
@ApplicationScoped
public class SmsIntake {

    /** Who opens these requests, as the record shows it. */
    private static final Caller KEYWORD_HANDLER =
            new Caller("dsar-service (SMS keyword)", "mesh", Optional.empty(), Set.of());

    private final Pool database;
    private final Intake intake;
    private final PersonalData personalData;
    private final Jurisdiction jurisdiction;

    SmsIntake(Pool database, Intake intake, PersonalData personalData, DsarConfig config) {
        this.database = database;
        this.intake = intake;
        this.personalData = personalData;
        this.jurisdiction = config.smsJurisdiction();
    }

    @Incoming("sms-events")
    @SuppressWarnings("unchecked")
    public Uni<Void> onSms(String json) {
        return UntilApplied.apply("an inbound SMS", () -> {
            EventEnvelope<?> event = EventCodec.decode(json);
            if (!(event.data() instanceof SmsReceived)) {
                return Uni.createFrom().voidItem();
            }
            if (event.subject() == null) {
                throw new MalformedEventException("an inbound SMS must name its sender's subject");
            }
            return PersonalEvents.openerFor(personalData, List.of(event))
                    .map(opener -> PersonalEvents.open((EventEnvelope<SmsReceived>) event, opener))
                    .chain(opened -> opened.flatMap(
                                    sms -> PrivacyKeywords.of(sms.data().body()).map(meaning -> openOnce(sms, meaning)))
                            .orElseGet(() -> Uni.createFrom().voidItem()));
        });
    }

    /** A request the intake refuses for good (a number that is no number) is dead-lettered; a 429 is retried later. */
    private static boolean refused(Throwable failure) {
        return failure instanceof ProblemException problem
                && problem.problem().status() >= 400
                && problem.problem().status() < 500
                && problem.problem().status() != 429;
    }

    private Uni<Void> openOnce(EventEnvelope<SmsReceived> sms, PrivacyKeywords.Meaning meaning) {
        return database.preparedQuery("SELECT request_id FROM dsar_sms_intake WHERE event_id = $1")
                .execute(Tuple.of(sms.id()))
                .chain(seen -> seen.iterator().hasNext()
                        ? Uni.createFrom().voidItem() // delivered again: opened before
                        : Uni.createFrom()
                                .deferred(() -> intake.open(
                                        new NewDsarRequest(
                                                sms.tenantId(),
                                                sms.data().from(),
                                                meaning.type(),
                                                jurisdiction,
                                                sms.data().receivedAt(),
                                                RequestSource.PERSON_SMS,
                                                meaning.language(),
                                                null,
                                                null),
                                        KEYWORD_HANDLER))
                                .onFailure(SmsIntake::refused)
                                .transform(refusal -> new MalformedEventException("the request was refused: "
                                        + ((ProblemException) refusal).problem().detail()))
                                .chain(opened -> database.preparedQuery(
                                                "INSERT INTO dsar_sms_intake (event_id, request_id) VALUES ($1, $2)"
                                                        + " ON CONFLICT DO NOTHING")
                                        .execute(Tuple.of(sms.id(), opened.id()))
                                        .replaceWithVoid()));
    }
}
