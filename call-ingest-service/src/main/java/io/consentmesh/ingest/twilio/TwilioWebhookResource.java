package io.consentmesh.ingest.twilio;

import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.http.Problem;
import io.consentmesh.contracts.http.ProblemException;
import io.consentmesh.contracts.subject.SubjectConfig;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.contracts.telephony.Provider;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.ingest.accounts.AccountCredentials;
import io.consentmesh.ingest.accounts.ProviderAccounts;
import io.consentmesh.ingest.publishing.EventPublisher;
import io.consentmesh.ingest.webhooks.FormBody;
import io.consentmesh.ingest.webhooks.SignedUrl;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Twilio webhooks. Configure the Messaging "A message comes in" URL as {@code <public base>/webhooks/twilio/sms}. */
@Path("/webhooks/twilio")
public class TwilioWebhookResource {

    /** TwiML that does nothing: the mesh records, it never replies on the tenant's behalf from here. */
    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private final ProviderAccounts accounts;
    private final EventPublisher publisher;
    private final SignedUrl signedUrl;
    private final SubjectKeys subjectKeys;
    private final SubjectConfig subjects;
    private final MeterRegistry metrics;

    TwilioWebhookResource(
            ProviderAccounts accounts,
            EventPublisher publisher,
            SignedUrl signedUrl,
            SubjectKeys subjectKeys,
            SubjectConfig subjects,
            MeterRegistry metrics) {
        this.accounts = accounts;
        this.publisher = publisher;
        this.signedUrl = signedUrl;
        this.subjectKeys = subjectKeys;
        this.subjects = subjects;
        this.metrics = metrics;
    }

    @POST
    @Path("/sms")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_XML)
    @Operation(summary = "Twilio inbound SMS (signed with X-Twilio-Signature)")
    public Uni<Response> inboundSms(
            String body, @HeaderParam("X-Twilio-Signature") String signature, @Context HttpServerRequest request) {
        Instant receivedAt = Instant.now();
        FormBody form = FormBody.parse(body);
        String url = signedUrl.of(request);
        Optional<String> accountSid = form.first("AccountSid");
        if (accountSid.isEmpty()) {
            throw rejected("missing-account");
        }
        return accounts.credentials(Provider.TWILIO, accountSid.get()).chain(credentials -> {
            if (credentials.isEmpty()
                    || !TwilioSignature.verify(
                            url, form.pairs(), credentials.get().secrets(), signature)) {
                throw rejected(credentials.isEmpty() ? "unknown-account" : "bad-signature");
            }
            EventEnvelope<SmsReceived> event = toEnvelope(form, credentials.get(), receivedAt);
            return publisher
                    .publishOnce(event)
                    .onFailure()
                    .invoke(() -> count("unavailable"))
                    .map(published -> {
                        count(published ? "accepted" : "duplicate");
                        return Response.ok(EMPTY_TWIML, MediaType.TEXT_XML).build();
                    });
        });
    }

    private EventEnvelope<SmsReceived> toEnvelope(FormBody form, AccountCredentials account, Instant receivedAt) {
        SmsReceived sms;
        try {
            sms = TwilioSmsMapper.toEvent(form, subjects.defaultRegion(), receivedAt);
        } catch (ProblemException e) {
            count("malformed");
            throw e;
        }
        return EventEnvelope.of(
                EventIds.of("twilio", "sms", sms.messageId()),
                URI.create("/call-ingest/twilio/" + sms.providerAccountId()),
                account.tenant(),
                subjectKeys.subjectOf(account.tenant(), sms.from()),
                receivedAt,
                sms);
    }

    /** 403 that tells a forger nothing: the same answer for an unknown account and a wrong signature. */
    private ProblemException rejected(String reason) {
        count(reason);
        return new ProblemException(
                Problem.of(403, "signature-rejected", "Signature rejected", "the request signature is not valid"));
    }

    private void count(String outcome) {
        metrics.counter("mesh.ingest.webhooks", "provider", "twilio", "kind", "sms", "outcome", outcome)
                .increment();
    }
}
