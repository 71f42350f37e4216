package io.consentmesh.consent.consents.replies;

import static io.consentmesh.runtime.sql.Timestamps.utc;

import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.privacy.seal.PersonalData;
import io.consentmesh.privacy.seal.PersonalEvents;
import io.consentmesh.privacy.seal.Sealer;
import io.consentmesh.runtime.chain.SubjectRef;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
    static final String DEFAULT_OPT_IN_CONFIRMATION = "You are subscribed to messages from this sender."
            + " Msg frequency varies. Msg & data rates may apply. Reply HELP for help, STOP to opt out.";

    /** A reply owed to a person's text. */
    public record Reply(EventEnvelope<SmsReceived> inReplyTo, ReplyKind kind) {}

    private final Clock clock = Clock.systemUTC();
    private final PersonalData personalData;

    ReplyCommands(PersonalData personalData) {
        this.personalData = personalData;
    }

    /**
     * Queues a batch's replies in the connection's transaction (skipped, with the reason, when already too late). The
     * person's number and the text are stored sealed under their data key, as the contract's fields say.
     */
    public Uni<Void> queueAll(SqlConnection connection, List<Reply> replies) {
        if (replies.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<SubjectRef> people = replies.stream()
                .map(reply -> PersonalEvents.subjectOf(reply.inReplyTo()))
                .toList();
        return personalData.sealer(people).chain(sealer -> queueAll(connection, replies, sealer));
    }

    private Uni<Void> queueAll(SqlConnection connection, List<Reply> replies, Sealer sealer) {
        return campaignTexts(connection, replies).chain(texts -> {
            Instant now = clock.instant();
            List<Tuple> rows = new ArrayList<>(replies.size());
            for (Reply reply : replies) {
                EventEnvelope<SmsReceived> event = reply.inReplyTo();
                SmsReceived sms = event.data();
                CampaignTexts campaign =
                        texts.getOrDefault(new TextedNumber(event.tenantId().value(), sms.to()), CampaignTexts.NONE);
                String text =
                        switch (reply.kind()) {
                            case HELP -> campaign.help() != null ? campaign.help() : DEFAULT_HELP;
                            case OPT_OUT_CONFIRMATION ->
                                campaign.optOut() != null ? campaign.optOut() : DEFAULT_CONFIRMATION;
                            case OPT_IN_CONFIRMATION ->
                                campaign.optIn() != null ? campaign.optIn() : DEFAULT_OPT_IN_CONFIRMATION;
                        };
                // an opt-out confirmation has its legal window (KW-08); the others are useless long after
                Duration window = reply.kind() == ReplyKind.OPT_OUT_CONFIRMATION ? CONFIRMATION_WINDOW : HELP_WINDOW;
                Instant notAfter = sms.receivedAt().plus(window);
                boolean late = now.isAfter(notAfter);
                rows.add(Tuple.tuple(Arrays.asList(
                        UUID.fromString(EventIds.of(
                                "consent-reply",
                                event.tenantId().value(),
                                event.id(),
                                reply.kind().name())),
                        event.tenantId().value(),
                        event.subject(),
                        reply.kind().name(),
                        sms.to(),
                        sealer.seal(PersonalEvents.subjectOf(event), "to", sms.from()),
                        sealer.seal(PersonalEvents.subjectOf(event), "body", text),
                        event.id(),
                        campaign.campaignId(),
                        utc(now),
                        utc(notAfter),
                        late ? "SKIPPED" : "QUEUED",
                        late
                                ? "processed at " + now + ", after " + notAfter + " (" + window.toMinutes()
                                        + " minutes after the message)"
                                : null)));
            }
            // The reply's id derives from the person's message: a redelivery queues nothing more.
            return connection
                    .preparedQuery(
                            """
                            INSERT INTO reply_command (id, tenant_id, subject_id, kind, from_number, to_number, body,
                                                       in_reply_to, campaign_id, requested_at, not_after, status,
                                                       skipped_reason)
                            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                            ON CONFLICT (id) DO NOTHING""")
                    .executeBatch(rows)
                    .replaceWithVoid();
        });
    }

    private record TextedNumber(String tenant, String number) {}

    private record CampaignTexts(String campaignId, String help, String optOut, String optIn) {
        static final CampaignTexts NONE = new CampaignTexts(null, null, null, null);
    }

    /** The help, opt-out and opt-in texts of the campaigns the texted numbers are on (none for a number on no campaign). */
    private static Uni<Map<TextedNumber, CampaignTexts>> campaignTexts(SqlConnection connection, List<Reply> replies) {
        List<TextedNumber> numbers = replies.stream()
                .map(reply -> new TextedNumber(
                        reply.inReplyTo().tenantId().value(),
                        reply.inReplyTo().data().to()))
                .distinct()
                .toList();
        return connection
                .preparedQuery("SELECT n.tenant_id, n.number, c.campaign_id, c.help_message, c.opt_out_message,"
                        + " c.opt_in_message"
                        + " FROM tendlc_sender_number n"
                        + " JOIN unnest($1::text[], $2::text[]) AS k (tenant_id, number)"
                        + " ON n.tenant_id = k.tenant_id AND n.number = k.number"
                        + " JOIN tendlc_campaign c ON c.tenant_id = n.tenant_id AND c.campaign_id = n.campaign_id")
                .execute(Tuple.of(
                        numbers.stream().map(TextedNumber::tenant).toArray(String[]::new),
                        numbers.stream().map(TextedNumber::number).toArray(String[]::new)))
                .map(rows -> {
                    Map<TextedNumber, CampaignTexts> texts = new HashMap<>();
                    for (Row row : rows) {
                        texts.put(
                                new TextedNumber(row.getString("tenant_id"), row.getString("number")),
                                new CampaignTexts(
                                        row.getString("campaign_id"),
                                        blankToNull(row.getString("help_message")),
                                        blankToNull(row.getString("opt_out_message")),
                                        blankToNull(row.getString("opt_in_message"))));
                    }
                    return texts;
                });
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
