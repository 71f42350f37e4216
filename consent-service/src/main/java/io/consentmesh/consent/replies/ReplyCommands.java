package io.consentmesh.consent.replies;

import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Decides, in the transaction that records the person's keyword, which reply the tenant's messaging must send, and
 * queues it for {@code consent.reply-command.v1}: to HELP/INFO the help text of the campaign behind the number the
 * person texted (KW-03); to an opt-out one confirmation (KW-08) — only the first opt-out, never for a repeated STOP,
 * and only if it can still go out within 5 minutes of the request, else it is recorded as skipped with the reason.
 * The reply's id derives from the person's message, so a redelivery queues nothing more.
 */
@ApplicationScoped
public class ReplyCommands {

    /** KW-08: a confirmation sent within 5 minutes is presumed lawful; later only if the delay was reasonable. */
    public static final Duration CONFIRMATION_WINDOW = Duration.ofMinutes(5);
    /** A help text answers a question: it is useless long after. */
    static final Duration HELP_WINDOW = Duration.ofHours(1);

    static final String DEFAULT_HELP = "Reply STOP to opt out of these messages. Msg & data rates may apply.";
    static final String DEFAULT_CONFIRMATION =
            "You are unsubscribed and will receive no more messages from this sender. Reply START to resubscribe.";

    private final Clock clock = Clock.systemUTC();

    public Uni<Void> help(Mutiny.Session session, EventEnvelope<SmsReceived> event) {
        return campaignTexts(session, event)
                .chain(texts -> queue(
                        session,
                        event,
                        ReplyKind.HELP,
                        texts.help() != null ? texts.help() : DEFAULT_HELP,
                        texts.campaignId(),
                        HELP_WINDOW));
    }

    public Uni<Void> optOutConfirmation(Mutiny.Session session, EventEnvelope<SmsReceived> event) {
        return campaignTexts(session, event)
                .chain(texts -> queue(
                        session,
                        event,
                        ReplyKind.OPT_OUT_CONFIRMATION,
                        texts.optOut() != null ? texts.optOut() : DEFAULT_CONFIRMATION,
                        texts.campaignId(),
                        CONFIRMATION_WINDOW));
    }

    private Uni<Void> queue(
            Mutiny.Session session,
            EventEnvelope<SmsReceived> event,
            ReplyKind kind,
            String text,
            String campaignId,
            Duration window) {
        SmsReceived sms = event.data();
        Instant now = clock.instant();
        Instant notAfter = sms.receivedAt().plus(window);
        boolean late = now.isAfter(notAfter);
        UUID id = UUID.fromString(EventIds.of("consent-reply", event.tenantId().value(), event.id(), kind.name()));
        return session.createNativeQuery(
                        """
                        INSERT INTO reply_command (id, tenant_id, subject_id, kind, from_number, to_number, body,
                                                   in_reply_to, campaign_id, requested_at, not_after, status,
                                                   skipped_reason)
                        VALUES (:id, :tenant, :subject, :kind, :from, :to, :body, :inReplyTo, :campaign, :now,
                                :notAfter, :status, :reason)
                        ON CONFLICT (id) DO NOTHING""")
                .setParameter("id", id)
                .setParameter("tenant", event.tenantId().value())
                .setParameter("subject", event.subject())
                .setParameter("kind", kind.name())
                .setParameter("from", sms.to())
                .setParameter("to", sms.from())
                .setParameter("body", text)
                .setParameter("inReplyTo", event.id())
                .setParameter("campaign", campaignId)
                .setParameter("now", utc(now))
                .setParameter("notAfter", utc(notAfter))
                .setParameter("status", late ? "SKIPPED" : "QUEUED")
                .setParameter(
                        "reason",
                        late
                                ? "processed at " + now + ", after " + notAfter + " (" + window.toMinutes()
                                        + " minutes after the message)"
                                : null)
                .executeUpdate()
                .replaceWithVoid();
    }

    private record CampaignTexts(String campaignId, String help, String optOut) {}

    /** The help and opt-out texts of the campaign the texted number is on (none when it is on no campaign). */
    private static Uni<CampaignTexts> campaignTexts(Mutiny.Session session, EventEnvelope<SmsReceived> event) {
        return session.createNativeQuery(
                        "SELECT c.campaign_id, c.help_message, c.opt_out_message FROM tendlc_sender_number n"
                                + " JOIN tendlc_campaign c ON c.tenant_id = n.tenant_id AND c.campaign_id = n.campaign_id"
                                + " WHERE n.tenant_id = :tenant AND n.number = :number",
                        Object[].class)
                .setParameter("tenant", event.tenantId().value())
                .setParameter("number", event.data().to())
                .getResultList()
                .map(ReplyCommands::texts);
    }

    private static CampaignTexts texts(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return new CampaignTexts(null, null, null);
        }
        Object[] row = rows.get(0);
        return new CampaignTexts((String) row[0], blankToNull((String) row[1]), blankToNull((String) row[2]));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
