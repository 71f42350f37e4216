package io.consentmesh.consent.consents.keywords;

import io.consentmesh.consent.consents.replies.ReplyCommands;
import io.consentmesh.consent.consents.replies.ReplyKind;
import io.consentmesh.consent.consents.state.ConsentStates;
import io.consentmesh.consent.consents.state.ConsentTransition;
import io.consentmesh.consent.consents.state.StateChanges;
import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.consent.evidence.EvidenceKind;
import io.consentmesh.consent.evidence.EvidenceLedger;
import io.consentmesh.consent.evidence.NewEvidence;
import io.consentmesh.contracts.envelope.EventEnvelope;
import io.consentmesh.contracts.telephony.SmsReceived;
import io.consentmesh.runtime.chain.SubjectRef;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Applies a batch of texts people sent, in one transaction and in their order: keywords (KW-01…KW-04) and clear
 * revocations in other words (KW-05) become ledger evidence, consent-state changes and reply commands; doubtful
 * revocations wait in the review queue. An opt-out covers the whole brand (tenant), every channel, whichever of its
 * numbers received it (KW-12), and gets one confirmation (KW-08); an opt-in keyword re-opts-in someone who had
 * opted out (KW-11) and, texted to a number whose campaign declared keyword opt-in as its message flow, opts in to
 * that campaign at the level the flow declares, confirmed with its opt-in message; HELP/INFO get the campaign's help
 * text (KW-03). A redelivered text has no second effect.
 *
 * <p>Batches because a STOP storm must not queue behind per-message round trips: each table is written by one
 * statement per batch, whatever its size (docs/benchmarks.md, evidence ingest).
 */
@ApplicationScoped
public class InboundTexts {

    /**
     * One text and what it said.
     *
     * @param optInFlow when the text is an opt-in keyword the campaign behind the texted number declared as its
     *     message flow: that campaign's flow (set here, in the batch's transaction); else null
     */
    public record Text(
            EventEnvelope<SmsReceived> event,
            KeywordMatch keyword,
            FreeTextMatch words,
            KeywordOptInFlows.Flow optInFlow) {

        public Text(EventEnvelope<SmsReceived> event, KeywordMatch keyword, FreeTextMatch words) {
            this(event, keyword, words, null);
        }

        /** A text that could be an opt-in keyword of a declared flow: one already is, or a one-word message. */
        boolean mayOptIn() {
            return keyword.intent() == KeywordIntent.OPT_IN
                    || (!isEvidence()
                            && !words.needsReview()
                            && event.data().body().trim().indexOf(' ') < 0);
        }

        /** This text as an opt-in under the campaign's declared flow, when it is one of its keywords. */
        Text under(Optional<KeywordOptInFlows.Flow> flow) {
            Optional<String> declared = flow.flatMap(f -> f.keywordOf(event.data()));
            if (declared.isEmpty()) {
                return this;
            }
            KeywordMatch optIn = keyword.intent() == KeywordIntent.OPT_IN
                    ? keyword
                    : new KeywordMatch(KeywordIntent.OPT_IN, declared.get(), null);
            return new Text(event, optIn, FreeTextMatch.NONE, flow.get());
        }

        boolean isEvidence() {
            return keyword.isKeyword() || words.isRevocation();
        }

        boolean isOptOut() {
            return keyword.isKeyword() ? keyword.intent() == KeywordIntent.OPT_OUT : words.isRevocation();
        }

        SubjectRef person() {
            return new SubjectRef(event.tenantId().value(), event.subject());
        }
    }

    private final Pool database;
    private final EvidenceLedger ledger;
    private final ConsentStates states;
    private final ReplyCommands replies;
    private final FreeTextRevocations freeText;

    InboundTexts(
            Pool database,
            EvidenceLedger ledger,
            ConsentStates states,
            ReplyCommands replies,
            FreeTextRevocations freeText) {
        this.database = database;
        this.ledger = ledger;
        this.states = states;
        this.replies = replies;
        this.freeText = freeText;
    }

    public Uni<Void> apply(List<Text> texts) {
        List<Text> mayOptIn = texts.stream().filter(Text::mayOptIn).toList();
        if (mayOptIn.isEmpty()
                && texts.stream()
                        .noneMatch(text -> text.isEvidence() || text.words().needsReview())) {
            return Uni.createFrom().voidItem(); // ordinary messages: not consent evidence
        }
        return database.withTransaction(connection -> KeywordOptInFlows.read(
                        connection, mayOptIn.stream().map(Text::event).toList())
                .chain(flows -> {
                    List<Text> read = texts.stream()
                            .map(text -> text.mayOptIn() ? text.under(flows.of(text.event())) : text)
                            .toList();
                    List<Text> evidence = read.stream().filter(Text::isEvidence).toList();
                    List<Text> doubtful = read.stream()
                            .filter(text -> !text.isEvidence() && text.words().needsReview())
                            .toList();
                    return record(connection, evidence).chain(() -> freeText.queueForReview(connection, doubtful));
                }));
    }

    private Uni<Void> record(SqlConnection connection, List<Text> texts) {
        if (texts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<NewEvidence> records = texts.stream().map(InboundTexts::evidenceOf).toList();
        return ledger.appendAll(connection, records).chain(appended -> {
            Map<Text, UUID> recorded = new LinkedHashMap<>();
            for (int i = 0; i < texts.size(); i++) {
                Optional<UUID> id = appended.get(i);
                if (id.isPresent()) {
                    recorded.put(texts.get(i), id.get());
                }
            }
            if (recorded.isEmpty()) {
                return Uni.createFrom().voidItem(); // all redeliveries: no second effect
            }
            TreeSet<SubjectRef> people = new TreeSet<>();
            recorded.keySet().forEach(text -> people.add(text.person()));
            return states.load(connection, people).chain(changes -> {
                List<ReplyCommands.Reply> owed = new ArrayList<>();
                recorded.forEach((text, evidenceId) -> apply(text, evidenceId, changes, owed));
                return states.save(connection, changes).chain(() -> replies.queueAll(connection, owed));
            });
        });
    }

    /** One recorded text's effect, on top of the effects of the texts before it. */
    private static void apply(Text text, UUID evidenceId, StateChanges changes, List<ReplyCommands.Reply> owed) {
        ConsentTransition.Consents consents = changes.of(text.person());
        boolean alreadyOptedOut = ConsentTransition.optedOut(consents, Channel.SMS);
        KeywordOptInFlows.Flow flow = text.optInFlow();
        ConsentTransition.apply(
                consents,
                new ConsentTransition.Evidence(
                        evidenceId,
                        kindOf(text),
                        Channel.SMS,
                        flow == null ? null : flow.level(),
                        flow == null ? null : flow.campaignId(),
                        null,
                        text.event().data().receivedAt()));
        if (text.isOptOut() && !alreadyOptedOut) { // a repeated STOP gets no second confirmation (KW-08)
            owed.add(new ReplyCommands.Reply(text.event(), ReplyKind.OPT_OUT_CONFIRMATION));
        } else if (text.keyword().intent() == KeywordIntent.HELP) {
            owed.add(new ReplyCommands.Reply(text.event(), ReplyKind.HELP));
        } else if (flow != null) { // CTIA: a keyword opt-in is confirmed, with the campaign's opt-in message
            owed.add(new ReplyCommands.Reply(text.event(), ReplyKind.OPT_IN_CONFIRMATION));
        }
    }

    private static EvidenceKind kindOf(Text text) {
        return text.keyword().isKeyword() ? kindOf(text.keyword().intent()) : EvidenceKind.FREE_TEXT_OPT_OUT;
    }

    private static NewEvidence evidenceOf(Text text) {
        if (!text.keyword().isKeyword()) {
            return FreeTextRevocations.evidenceOf(text.event(), text.words());
        }
        EventEnvelope<SmsReceived> event = text.event();
        SmsReceived sms = event.data();
        KeywordMatch match = text.keyword();
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("keyword", match.keyword());
        content.put("language", match.language());
        content.put("body", sms.body());
        content.put("provider", sms.provider().name());
        content.put("providerAccountId", sms.providerAccountId());
        content.put("providerMessageId", sms.messageId());
        content.put("tenantNumber", sms.to());
        if (text.optInFlow() != null) { // the consent the campaign's declared flow gives: what a replay folds
            content.put("flow", "KEYWORD_OPT_IN");
            content.put("campaignId", text.optInFlow().campaignId());
            content.put("level", text.optInFlow().level());
        }
        return new NewEvidence(
                event.tenantId(),
                event.subjectId(),
                event.id(),
                kindOf(match.intent()),
                Channel.SMS,
                sms.receivedAt(),
                content);
    }

    private static EvidenceKind kindOf(KeywordIntent intent) {
        return switch (intent) {
            case OPT_OUT -> EvidenceKind.OPT_OUT_KEYWORD;
            case OPT_IN -> EvidenceKind.OPT_IN_KEYWORD;
            case HELP -> EvidenceKind.HELP_KEYWORD;
            case NONE -> throw new IllegalArgumentException("not a keyword");
        };
    }
}
