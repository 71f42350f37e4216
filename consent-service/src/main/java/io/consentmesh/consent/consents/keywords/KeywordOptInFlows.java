package io.consentmesh.consent.consents.keywords;

import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The keyword opt-in flows of the campaigns behind the numbers people texted (issue 17, item 4): a campaign whose
 * registered message flow is "Text START to join" declared its opt-in keywords and the consent one gives. Read in the
 * batch's transaction, one statement for the whole batch.
 */
final class KeywordOptInFlows {

    /** One campaign's declared flow. */
    record Flow(String campaignId, List<String> keywords, String level) {

        /** The declared keyword the text is, if it is one (a keyword is the whole message, KW-02). */
        Optional<String> keywordOf(SmsReceived sms) {
            String word = sms.body().trim().toUpperCase(Locale.ROOT);
            return keywords.contains(word) ? Optional.of(word) : Optional.empty();
        }
    }

    private record TextedNumber(String tenant, String number) {}

    private final Map<TextedNumber, Flow> flows;

    private KeywordOptInFlows(Map<TextedNumber, Flow> flows) {
        this.flows = flows;
    }

    /** The flow of the campaign the texted number is on, when it declared one. */
    Optional<Flow> of(EventEnvelope<SmsReceived> text) {
        return Optional.ofNullable(
                flows.get(new TextedNumber(text.tenantId().value(), text.data().to())));
    }

    static Uni<KeywordOptInFlows> read(SqlConnection connection, List<EventEnvelope<SmsReceived>> texts) {
        if (texts.isEmpty()) {
            return Uni.createFrom().item(new KeywordOptInFlows(Map.of()));
        }
        List<TextedNumber> numbers = texts.stream()
                .map(text ->
                        new TextedNumber(text.tenantId().value(), text.data().to()))
                .distinct()
                .toList();
        return connection
                .preparedQuery("SELECT n.tenant_id, n.number, c.campaign_id, c.opt_in_keywords, c.keyword_opt_in_level"
                        + " FROM tendlc_sender_number n"
                        + " JOIN unnest($1::text[], $2::text[]) AS k (tenant_id, number)"
                        + " ON n.tenant_id = k.tenant_id AND n.number = k.number"
                        + " JOIN tendlc_campaign c ON c.tenant_id = n.tenant_id AND c.campaign_id = n.campaign_id"
                        + " WHERE c.opt_in_keywords <> '{}'")
                .execute(Tuple.of(
                        numbers.stream().map(TextedNumber::tenant).toArray(String[]::new),
                        numbers.stream().map(TextedNumber::number).toArray(String[]::new)))
                .map(rows -> {
                    Map<TextedNumber, Flow> flows = new HashMap<>();
                    for (Row row : rows) {
                        flows.put(
                                new TextedNumber(row.getString("tenant_id"), row.getString("number")),
                                new Flow(
                                        row.getString("campaign_id"),
                                        List.of(row.getArrayOfStrings("opt_in_keywords")),
                                        row.getString("keyword_opt_in_level")));
                    }
                    return new KeywordOptInFlows(flows);
                });
    }
}
