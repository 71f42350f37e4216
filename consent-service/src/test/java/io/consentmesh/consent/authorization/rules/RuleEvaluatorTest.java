package io.consentmesh.consent.authorization.rules;

import static io.consentmesh.consent.authorization.rules.ReasonCode.CAMPAIGN_NOT_ACTIVE;
import static io.consentmesh.consent.authorization.rules.ReasonCode.CONSENT_EXPIRED;
import static io.consentmesh.consent.authorization.rules.ReasonCode.CONSENT_LEVEL_TOO_LOW;
import static io.consentmesh.consent.authorization.rules.ReasonCode.CONSENT_ON_RECORD;
import static io.consentmesh.consent.authorization.rules.ReasonCode.CONTENT_NOT_COVERED_BY_CAMPAIGN;
import static io.consentmesh.consent.authorization.rules.ReasonCode.CONVERSATION_WINDOW_CLOSED;
import static io.consentmesh.consent.authorization.rules.ReasonCode.FREQUENCY_CAP_REACHED;
import static io.consentmesh.consent.authorization.rules.ReasonCode.IN_CONVERSATION;
import static io.consentmesh.consent.authorization.rules.ReasonCode.LEGALLY_REQUIRED;
import static io.consentmesh.consent.authorization.rules.ReasonCode.NO_CONSENT;
import static io.consentmesh.consent.authorization.rules.ReasonCode.NO_RECENT_OPT_OUT;
import static io.consentmesh.consent.authorization.rules.ReasonCode.ON_DO_NOT_CONTACT_LIST;
import static io.consentmesh.consent.authorization.rules.ReasonCode.OPTED_OUT;
import static io.consentmesh.consent.authorization.rules.ReasonCode.OUTSIDE_FEDERAL_HOURS;
import static io.consentmesh.consent.authorization.rules.ReasonCode.OUTSIDE_STATE_HOURS;
import static io.consentmesh.consent.authorization.rules.ReasonCode.PROCESSING_RESTRICTED;
import static io.consentmesh.consent.authorization.rules.ReasonCode.PURPOSE_NOT_PERMITTED;
import static io.consentmesh.consent.authorization.rules.ReasonCode.SENDER_NOT_REGISTERED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consentmesh.consent.authorization.rules.AuthorizationFacts.Builder;
import io.consentmesh.consent.authorization.rules.AuthorizationFacts.CallbackRequest;
import io.consentmesh.consent.authorization.rules.AuthorizationFacts.Consent;
import io.consentmesh.consent.authorization.rules.AuthorizationFacts.EvidenceRef;
import io.consentmesh.consent.authorization.rules.AuthorizationFacts.KnownAddress;
import io.consentmesh.consent.authorization.rules.AuthorizationFacts.Revocation;
import io.consentmesh.consent.authorization.rules.AuthorizationFacts.SenderCampaign;
import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.contracts.consent.DecisionOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules of regulatory-rules.md sections 2 and 3, one row per case, named by rule id. */
class RuleEvaluatorTest {

    static final RuleSet RULES = RuleSetParser.bundled();
    static final RuleEvaluator EVALUATOR = new RuleEvaluator(AreaCodes.bundled());

    static final String NEW_YORK = "+12125550123";
    static final String MIAMI = "+13055550123";
    static final String PANHANDLE = "+18505550123";
    static final String AUSTIN = "+15125550123";
    static final String EL_PASO = "+19155550123";
    static final String HARTFORD = "+18605550123";
    static final String BIRMINGHAM = "+12055550123";
    static final String PROVIDENCE = "+14015550123";
    static final String BALTIMORE = "+14105550123";
    static final String SAN_FRANCISCO = "+14155550123";
    static final String TOLL_FREE = "+18005550123";

    static final String ET = "America/New_York";
    static final String CT = "America/Chicago";
    static final String MT = "America/Denver";
    static final String PT = "America/Los_Angeles";

    /** Tuesday 2026-11-24, 15:00 in New York: inside every window. */
    static final Instant TUESDAY_AFTERNOON = at("2026-11-24T15:00", ET);

    static final SenderCampaign CAMPAIGN = new SenderCampaign(
            "camp-1", CampaignStatus.ACTIVE, Set.of("MARKETING", "ACCOUNT_NOTIFICATION", "CUSTOMER_CARE"));
    static final UUID WRITTEN = UUID.randomUUID();
    static final UUID REVOCATION = UUID.randomUUID();
    static final UUID INBOUND = UUID.randomUUID();
    static final UUID CALLBACK = UUID.randomUUID();

    record Case(
            String name,
            Supplier<AuthorizationFacts> facts,
            DecisionOutcome outcome,
            List<ReasonCode> reasons,
            Instant until) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Instant at(String localDateTime, String zone) {
        return LocalDateTime.parse(localDateTime).atZone(ZoneId.of(zone)).toInstant();
    }

    /** A marketing text from an active campaign's number. */
    static Builder sms(ContentClass content, String to, Instant now) {
        return AuthorizationFacts.builder(Channel.SMS, content, to, now).senderCampaign(CAMPAIGN);
    }

    /** ... to someone who gave express written consent to texts a month before. */
    static Builder optedIn(ContentClass content, String to, Instant now) {
        return sms(content, to, now)
                .consent(consent(Channel.SMS, null, ConsentGrade.EXPRESS_WRITTEN, WRITTEN, now, 30));
    }

    static Consent consent(Channel channel, String campaign, ConsentGrade grade, UUID id, Instant now, int daysAgo) {
        return new Consent(channel, campaign, grade, id, now.minus(Duration.ofDays(daysAgo)), null);
    }

    static Builder call(ContentClass content, String to, Instant now) {
        return AuthorizationFacts.builder(Channel.VOICE, content, to, now)
                .consent(consent(Channel.VOICE, null, ConsentGrade.EXPRESS_WRITTEN, WRITTEN, now, 30));
    }

    static Case allow(String name, Supplier<AuthorizationFacts> facts, ReasonCode... reasons) {
        return new Case(name, facts, DecisionOutcome.ALLOW, List.of(reasons), null);
    }

    static Case deny(String name, Supplier<AuthorizationFacts> facts, ReasonCode... reasons) {
        return new Case(name, facts, DecisionOutcome.DENY, List.of(reasons), null);
    }

    static Case defer(String name, Supplier<AuthorizationFacts> facts, Instant until, ReasonCode... reasons) {
        return new Case(name, facts, DecisionOutcome.DEFER, List.of(reasons), until);
    }

    static Stream<Case> cases() {
        Instant now = TUESDAY_AFTERNOON;
        return Stream.of(
                allow(
                        "G02_optedInMarketingTextInsideHoursIsAllowed",
                        () -> optedIn(ContentClass.MARKETING, MIAMI, now).build(),
                        CONSENT_ON_RECORD),
                deny(
                        "G01_textFromANumberOnNoCampaignIsDenied",
                        () -> optedIn(ContentClass.MARKETING, MIAMI, now)
                                .senderCampaign(null)
                                .build(),
                        SENDER_NOT_REGISTERED),
                deny(
                        "G01_suspendedCampaignIsDenied",
                        () -> optedIn(ContentClass.MARKETING, MIAMI, now)
                                .senderCampaign(
                                        new SenderCampaign("camp-1", CampaignStatus.SUSPENDED, Set.of("MARKETING")))
                                .build(),
                        CAMPAIGN_NOT_ACTIVE),
                deny(
                        "G01_marketingFromAnAccountNotificationCampaignIsDenied",
                        () -> optedIn(ContentClass.MARKETING, MIAMI, now)
                                .senderCampaign(new SenderCampaign(
                                        "camp-2", CampaignStatus.ACTIVE, Set.of("ACCOUNT_NOTIFICATION")))
                                .build(),
                        CONTENT_NOT_COVERED_BY_CAMPAIGN),
                allow(
                        "G01_mixedCampaignCoversItsSubUseCases",
                        () -> optedIn(ContentClass.TRANSACTIONAL, MIAMI, now)
                                .senderCampaign(new SenderCampaign(
                                        "camp-3", CampaignStatus.ACTIVE, Set.of("MIXED", "2FA", "MARKETING")))
                                .build(),
                        CONSENT_ON_RECORD),
                allow(
                        "G01_callsNeedNoCampaign",
                        () -> call(ContentClass.INFORMATIONAL, MIAMI, now)
                                .callbackRequested(new EvidenceRef(CALLBACK, now.minusSeconds(600)))
                                .build(),
                        CONSENT_ON_RECORD),
                deny(
                        "G02_noConsentIsDenied",
                        () -> sms(ContentClass.TRANSACTIONAL, MIAMI, now).build(),
                        NO_CONSENT,
                        PURPOSE_NOT_PERMITTED),
                deny(
                        "G02_consentForAnotherCampaignDoesNotCount",
                        () -> sms(ContentClass.TRANSACTIONAL, MIAMI, now)
                                .consent(consent(Channel.SMS, "camp-9", ConsentGrade.EXPRESS, WRITTEN, now, 3))
                                .build(),
                        NO_CONSENT,
                        PURPOSE_NOT_PERMITTED),
                allow(
                        "G02_consentForTheSendersCampaignCounts",
                        () -> sms(ContentClass.TRANSACTIONAL, MIAMI, now)
                                .consent(consent(Channel.SMS, "camp-1", ConsentGrade.EXPRESS, WRITTEN, now, 3))
                                .build(),
                        CONSENT_ON_RECORD),
                deny(
                        "G02_consentToCallsDoesNotCoverTexts",
                        () -> sms(ContentClass.TRANSACTIONAL, MIAMI, now)
                                .consent(consent(Channel.VOICE, null, ConsentGrade.EXPRESS_WRITTEN, WRITTEN, now, 3))
                                .build(),
                        NO_CONSENT,
                        PURPOSE_NOT_PERMITTED),
                deny(
                        "G02_expiredConsentIsDenied",
                        () -> sms(ContentClass.TRANSACTIONAL, MIAMI, now)
                                .consent(new Consent(
                                        Channel.SMS,
                                        null,
                                        ConsentGrade.EXPRESS,
                                        WRITTEN,
                                        now.minus(Duration.ofDays(400)),
                                        now.minus(Duration.ofDays(35))))
                                .build(),
                        CONSENT_EXPIRED,
                        PURPOSE_NOT_PERMITTED),
                deny(
                        "G03_marketingNeedsExpressWrittenConsent",
                        () -> sms(ContentClass.MARKETING, MIAMI, now)
                                .consent(consent(Channel.SMS, null, ConsentGrade.EXPRESS, WRITTEN, now, 3))
                                .build(),
                        CONSENT_LEVEL_TOO_LOW),
                allow(
                        "G03_transactionalNeedsOnlyExpressConsent",
                        () -> sms(ContentClass.TRANSACTIONAL, MIAMI, now)
                                .consent(consent(Channel.SMS, null, ConsentGrade.EXPRESS, WRITTEN, now, 3))
                                .build(),
                        CONSENT_ON_RECORD),
                allow(
                        "G03_conversationalReplyInsideTheWindowNeedsNoRecordedConsentNorHours",
                        () -> sms(ContentClass.CONVERSATIONAL, MIAMI, at("2026-11-24T23:30", ET))
                                .lastInbound(new EvidenceRef(INBOUND, at("2026-11-24T23:10", ET)))
                                .build(),
                        IN_CONVERSATION),
                deny(
                        "G03_conversationalReplyAfterTheWindowIsDenied",
                        () -> sms(ContentClass.CONVERSATIONAL, MIAMI, now)
                                .lastInbound(new EvidenceRef(INBOUND, now.minus(Duration.ofHours(25))))
                                .build(),
                        CONVERSATION_WINDOW_CLOSED,
                        PURPOSE_NOT_PERMITTED),
                deny(
                        "G04_revocationOnACallDeniesTextsFromEverySender",
                        () -> optedIn(ContentClass.MARKETING, MIAMI, now)
                                .revocation(new Revocation(REVOCATION, now.minus(Duration.ofDays(2)), Channel.VOICE))
                                .build(),
                        OPTED_OUT),
                allow(
                        "G04_KW11_newOptInAfterTheRevocationAllowsAgain",
                        () -> optedIn(ContentClass.MARKETING, MIAMI, now)
                                .revocation(new Revocation(REVOCATION, now.minus(Duration.ofDays(2)), Channel.SMS))
                                .consent(consent(
                                        Channel.SMS, null, ConsentGrade.EXPRESS_WRITTEN, UUID.randomUUID(), now, 1))
                                .build(),
                        CONSENT_ON_RECORD),
                deny(
                        "G04_consentFromBeforeTheRevocationDoesNotComeBackWithAWeakerOptIn",
                        () -> optedIn(ContentClass.MARKETING, MIAMI, now)
                                .revocation(new Revocation(REVOCATION, now.minus(Duration.ofDays(2)), Channel.SMS))
                                .consent(consent(Channel.SMS, null, ConsentGrade.EXPRESS, UUID.randomUUID(), now, 1))
                                .build(),
                        CONSENT_LEVEL_TOO_LOW),
                deny(
                        "G04_doNotContactListDenies",
                        () -> optedIn(ContentClass.MARKETING, MIAMI, now)
                                .doNotContact(new EvidenceRef(null, now.minus(Duration.ofDays(9))))
                                .build(),
                        ON_DO_NOT_CONTACT_LIST),
                defer(
                        "T_US_beforeEightInTheMorningIsDeferredToEight",
                        () -> optedIn(ContentClass.MARKETING, NEW_YORK, at("2026-11-24T07:15", ET))
                                .build(),
                        at("2026-11-24T08:00", ET),
                        OUTSIDE_FEDERAL_HOURS),
                defer(
                        "T_US_afterNineInTheEveningIsDeferredToTheNextMorning",
                        () -> optedIn(ContentClass.MARKETING, SAN_FRANCISCO, at("2026-11-24T21:30", PT))
                                .build(),
                        at("2026-11-25T08:00", PT),
                        OUTSIDE_FEDERAL_HOURS),
                defer(
                        "T_US_deferralAcrossTheSpringDstChangeUsesTheNewOffset",
                        () -> optedIn(ContentClass.MARKETING, NEW_YORK, at("2027-03-13T22:00", ET))
                                .build(),
                        Instant.parse("2027-03-14T12:00:00Z"),
                        OUTSIDE_FEDERAL_HOURS),
                allow(
                        "T_US_windowsDoNotApplyToTheContentTheyExempt",
                        () -> sms(ContentClass.CONVERSATIONAL, NEW_YORK, at("2026-11-24T22:00", ET))
                                .lastInbound(new EvidenceRef(INBOUND, at("2026-11-24T21:55", ET)))
                                .build(),
                        IN_CONVERSATION),
                defer(
                        "T_FL_floridaNumberAt2030LocalIsDeferredTo0800NextDay",
                        () -> optedIn(ContentClass.MARKETING, MIAMI, at("2026-11-24T20:30", ET))
                                .build(),
                        at("2026-11-25T08:00", ET),
                        OUTSIDE_STATE_HOURS),
                allow(
                        "T_FL_305IsEasternSoItIsOpenAt0830Eastern",
                        () -> optedIn(ContentClass.MARKETING, MIAMI, at("2026-11-24T07:30", CT))
                                .build(),
                        CONSENT_ON_RECORD),
                defer(
                        "T_FL_850MayBeCentralSoItWaitsFor0800Central",
                        () -> optedIn(ContentClass.MARKETING, PANHANDLE, at("2026-11-24T07:30", CT))
                                .build(),
                        at("2026-11-24T08:00", CT),
                        OUTSIDE_FEDERAL_HOURS),
                defer(
                        "T_FL_850At2030EasternWaitsFor0800CentralNextDay",
                        () -> optedIn(ContentClass.MARKETING, PANHANDLE, at("2026-11-24T20:30", ET))
                                .build(),
                        at("2026-11-25T08:00", CT),
                        OUTSIDE_STATE_HOURS),
                allow(
                        "T_FL_850WithAnEasternAddressIsOpenAt0830Eastern",
                        () -> optedIn(ContentClass.MARKETING, PANHANDLE, at("2026-11-24T07:30", CT))
                                .knownAddress(new KnownAddress("FL", ET))
                                .build(),
                        CONSENT_ON_RECORD),
                defer(
                        "T_TX_sundayAt1000IsDeferredToNoon",
                        () -> optedIn(ContentClass.MARKETING, AUSTIN, at("2026-11-22T10:00", CT))
                                .build(),
                        at("2026-11-22T12:00", CT),
                        OUTSIDE_STATE_HOURS),
                defer(
                        "T_TX_saturdayAt0830IsDeferredTo0900",
                        () -> optedIn(ContentClass.MARKETING, AUSTIN, at("2026-11-21T08:30", CT))
                                .build(),
                        at("2026-11-21T09:00", CT),
                        OUTSIDE_STATE_HOURS),
                allow(
                        "T_TX_915ElPasoIsMountainTimeSoOpenAt2030Central",
                        () -> optedIn(ContentClass.MARKETING, EL_PASO, at("2026-11-24T20:30", CT))
                                .build(),
                        CONSENT_ON_RECORD),
                defer(
                        "T_TX_512AustinIsClosedAt2130Central",
                        () -> optedIn(ContentClass.MARKETING, AUSTIN, at("2026-11-24T21:30", CT))
                                .build(),
                        at("2026-11-25T09:00", CT),
                        OUTSIDE_FEDERAL_HOURS),
                defer(
                        "T_CT_connecticutAt0830IsDeferredTo0900",
                        () -> optedIn(ContentClass.MARKETING, HARTFORD, at("2026-11-24T08:30", ET))
                                .build(),
                        at("2026-11-24T09:00", ET),
                        OUTSIDE_STATE_HOURS),
                defer(
                        "T_XX_alabamaOnSundayIsDeferredToMonday",
                        () -> optedIn(ContentClass.MARKETING, BIRMINGHAM, at("2026-11-22T10:00", CT))
                                .build(),
                        at("2026-11-23T08:00", CT),
                        OUTSIDE_STATE_HOURS),
                defer(
                        "T_XX_alabamaOnThanksgivingIsDeferredToTheNextDay",
                        () -> optedIn(ContentClass.MARKETING, BIRMINGHAM, at("2026-11-26T10:00", CT))
                                .build(),
                        at("2026-11-27T08:00", CT),
                        OUTSIDE_STATE_HOURS),
                defer(
                        "T_XX_rhodeIslandOnSaturdayOpensAt1000",
                        () -> optedIn(ContentClass.MARKETING, PROVIDENCE, at("2026-11-21T09:30", ET))
                                .build(),
                        at("2026-11-21T10:00", ET),
                        OUTSIDE_STATE_HOURS),
                defer(
                        "TZ03_unknownAreaCodeWaitsUntilOpenInEveryUsLocation",
                        () -> optedIn(ContentClass.MARKETING, TOLL_FREE, at("2026-11-24T12:00", ET))
                                .build(),
                        at("2026-11-24T13:00", ET),
                        OUTSIDE_FEDERAL_HOURS),
                defer(
                        "TZ03_addressInAnotherStateAddsItsRules",
                        () -> optedIn(ContentClass.MARKETING, NEW_YORK, at("2026-11-24T20:30", ET))
                                .knownAddress(new KnownAddress("FL", null))
                                .build(),
                        at("2026-11-25T08:00", CT),
                        OUTSIDE_STATE_HOURS),
                deny(
                        "CAP_T_MD_fourthContactIn24HoursToAMarylandNumberIsDenied",
                        () -> optedIn(ContentClass.MARKETING, BALTIMORE, now)
                                .contactedAt(now.minus(Duration.ofHours(23)))
                                .contactedAt(now.minus(Duration.ofHours(5)))
                                .contactedAt(now.minus(Duration.ofMinutes(1)))
                                .build(),
                        FREQUENCY_CAP_REACHED),
                allow(
                        "CAP_T_MD_thirdContactIsAllowed",
                        () -> optedIn(ContentClass.MARKETING, BALTIMORE, now)
                                .contactedAt(now.minus(Duration.ofHours(5)))
                                .contactedAt(now.minus(Duration.ofMinutes(1)))
                                .build(),
                        CONSENT_ON_RECORD),
                allow(
                        "CAP_T_FL_contactsOlderThan24HoursDoNotCount",
                        () -> optedIn(ContentClass.MARKETING, MIAMI, now)
                                .contactedAt(now.minus(Duration.ofHours(25)))
                                .contactedAt(now.minus(Duration.ofHours(26)))
                                .contactedAt(now.minus(Duration.ofHours(30)))
                                .build(),
                        CONSENT_ON_RECORD),
                allow(
                        "CAP_newYorkHasNoCap",
                        () -> optedIn(ContentClass.MARKETING, NEW_YORK, now)
                                .contactedAt(now.minus(Duration.ofHours(1)))
                                .contactedAt(now.minus(Duration.ofHours(2)))
                                .contactedAt(now.minus(Duration.ofHours(3)))
                                .contactedAt(now.minus(Duration.ofHours(4)))
                                .build(),
                        CONSENT_ON_RECORD),
                deny(
                        "PURPOSE_coldCallToAConsentingPersonIsDenied",
                        () -> call(ContentClass.INFORMATIONAL, MIAMI, now).build(),
                        PURPOSE_NOT_PERMITTED),
                allow(
                        "PURPOSE_callBackTheyRequestedIsAllowed",
                        () -> call(ContentClass.INFORMATIONAL, MIAMI, now)
                                .callbackRequested(new EvidenceRef(CALLBACK, now.minus(Duration.ofHours(2))))
                                .build(),
                        CONSENT_ON_RECORD),
                deny(
                        "CB01_aCallbackAskedForADayAgoWithNoTimeNoLongerServesAsPurpose",
                        () -> call(ContentClass.INFORMATIONAL, MIAMI, now)
                                .callbackRequested(new EvidenceRef(CALLBACK, now.minus(Duration.ofHours(30))))
                                .build(),
                        PURPOSE_NOT_PERMITTED),
                allow(
                        "PURPOSE_callAnsweringTheirInboundIsAllowed",
                        () -> call(ContentClass.INFORMATIONAL, MIAMI, now)
                                .lastInbound(new EvidenceRef(INBOUND, now.minus(Duration.ofHours(2))))
                                .build(),
                        CONSENT_ON_RECORD),
                deny(
                        "DSAR_processingRestrictionDeniesMarketing",
                        () -> optedIn(ContentClass.MARKETING, MIAMI, now)
                                .processingRestriction(
                                        new EvidenceRef(UUID.randomUUID(), now.minus(Duration.ofDays(1))))
                                .build(),
                        PROCESSING_RESTRICTED),
                allow(
                        "DSAR_KW08_processingRestrictionStillLetsTheOptOutConfirmationOut",
                        () -> sms(ContentClass.OPT_OUT_CONFIRMATION, MIAMI, at("2026-11-24T23:00", ET))
                                .revocation(new Revocation(REVOCATION, at("2026-11-24T22:59", ET), Channel.SMS))
                                .processingRestriction(
                                        new EvidenceRef(UUID.randomUUID(), now.minus(Duration.ofDays(1))))
                                .build(),
                        LEGALLY_REQUIRED),
                deny(
                        "KW08_optOutConfirmationLongAfterTheOptOutIsDenied",
                        () -> sms(ContentClass.OPT_OUT_CONFIRMATION, MIAMI, now)
                                .revocation(new Revocation(REVOCATION, now.minus(Duration.ofMinutes(10)), Channel.SMS))
                                .build(),
                        NO_RECENT_OPT_OUT),
                deny(
                        "DENY_winsOverDeferAndEveryFailingReasonIsListed",
                        () -> sms(ContentClass.MARKETING, MIAMI, at("2026-11-24T20:30", ET))
                                .senderCampaign(null)
                                .build(),
                        SENDER_NOT_REGISTERED,
                        NO_CONSENT,
                        PURPOSE_NOT_PERMITTED,
                        OUTSIDE_STATE_HOURS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates(Case c) {
        Evaluation evaluation = EVALUATOR.evaluate(RULES, c.facts().get());

        assertThat(evaluation.outcome()).as("outcome").isEqualTo(c.outcome());
        assertThat(evaluation.reasons()).as("reasons").containsExactlyElementsOf(c.reasons());
        assertThat(evaluation.deferUntil()).as("defer until").isEqualTo(c.until());
        assertThat(evaluation.ruleSetVersion()).isEqualTo(RULES.version());
    }

    @Test
    void G02_allowNamesTheConsentItReliedOn() {
        Evaluation evaluation = EVALUATOR.evaluate(
                RULES, optedIn(ContentClass.MARKETING, MIAMI, TUESDAY_AFTERNOON).build());

        assertThat(evaluation.evidenceIds()).containsExactly(WRITTEN);
        assertThat(evaluation.rules()).containsExactly("G-02");
    }

    @Test
    void G04_denyNamesTheRevocationAndTheRule() {
        Evaluation evaluation = EVALUATOR.evaluate(
                RULES,
                optedIn(ContentClass.MARKETING, MIAMI, TUESDAY_AFTERNOON)
                        .revocation(new Revocation(REVOCATION, TUESDAY_AFTERNOON.minusSeconds(60), Channel.SMS))
                        .build());

        assertThat(evaluation.evidenceIds()).containsExactly(REVOCATION);
        assertThat(evaluation.rules()).containsExactly("G-04");
    }

    @Test
    void PURPOSE_aRequestedCallbackIsNamedAmongTheEvidence() {
        Evaluation evaluation = EVALUATOR.evaluate(
                RULES,
                call(ContentClass.INFORMATIONAL, MIAMI, TUESDAY_AFTERNOON)
                        .callbackRequested(new EvidenceRef(CALLBACK, TUESDAY_AFTERNOON.minusSeconds(600)))
                        .build());

        assertThat(evaluation.evidenceIds()).containsExactly(WRITTEN, CALLBACK);
    }

    /** A call the person asked for, with no other consent on record (CB-01). */
    static AuthorizationFacts callback(
            ContentClass content, Instant now, Instant requested, Instant preferred, Instant used) {
        return AuthorizationFacts.builder(Channel.VOICE, content, MIAMI, now)
                .callbackRequested(new EvidenceRef(CALLBACK, requested))
                .callback(new CallbackRequest(requested, preferred, used))
                .build();
    }

    @Test
    void CB01_aRequestedCallbackIsPermissionForThatCallInsideItsWindowAndHoldsNoLongerThanTheWindow() {
        Instant now = TUESDAY_AFTERNOON;
        Evaluation inside = EVALUATOR.evaluate(
                RULES, callback(ContentClass.INFORMATIONAL, now, now.minusSeconds(3600), now.plusSeconds(600), null));

        assertThat(inside.outcome()).isEqualTo(DecisionOutcome.ALLOW);
        assertThat(inside.reasons()).containsExactly(ReasonCode.CALLBACK_REQUESTED);
        assertThat(inside.rules()).contains("CB-01");
        assertThat(inside.evidenceIds()).containsExactly(CALLBACK);
        assertThat(inside.validUntil()).isEqualTo(now.plus(Duration.ofMinutes(15)));

        // an hour and fifty minutes after the time they asked for: the window's last ten minutes
        Evaluation late = EVALUATOR.evaluate(
                RULES,
                callback(
                        ContentClass.INFORMATIONAL,
                        now,
                        now.minus(Duration.ofHours(3)),
                        now.minus(Duration.ofMinutes(110)),
                        null));
        assertThat(late.outcome()).isEqualTo(DecisionOutcome.ALLOW);
        assertThat(late.validUntil()).isEqualTo(now.plus(Duration.ofMinutes(10)));
    }

    @Test
    void CB01_aCallbackIsDeniedBeforeItsWindowAfterItAndOnceMade() {
        Instant now = TUESDAY_AFTERNOON;
        Instant asked = now.minus(Duration.ofHours(5));
        for (AuthorizationFacts outside : List.of(
                // preferred in an hour: the window opens 15 minutes before it
                callback(ContentClass.INFORMATIONAL, now, asked, now.plus(Duration.ofHours(1)), null),
                // preferred three hours ago: the window closed two hours after it
                callback(ContentClass.INFORMATIONAL, now, asked, now.minus(Duration.ofHours(3)), null),
                // no time named, asked 25 hours ago: lapsed after 24
                callback(ContentClass.INFORMATIONAL, now, now.minus(Duration.ofHours(25)), null, null),
                // inside the window, but the call was made ten minutes ago
                callback(ContentClass.INFORMATIONAL, now, asked, now, now.minusSeconds(600)))) {
            Evaluation evaluation = EVALUATOR.evaluate(RULES, outside);
            assertThat(evaluation.outcome()).isEqualTo(DecisionOutcome.DENY);
            assertThat(evaluation.reasons()).contains(ReasonCode.CALLBACK_OUTSIDE_WINDOW);
            assertThat(evaluation.rules()).contains("CB-01");
            assertThat(evaluation.validUntil()).isNull();
        }
        Evaluation noTimeNamed = EVALUATOR.evaluate(
                RULES, callback(ContentClass.INFORMATIONAL, now, now.minus(Duration.ofHours(23)), null, null));
        assertThat(noTimeNamed.outcome()).isEqualTo(DecisionOutcome.ALLOW);
    }

    @Test
    void CB01_aRequestedCallbackIsNoWrittenConsentToMarketing() {
        Instant now = TUESDAY_AFTERNOON;
        Evaluation evaluation =
                EVALUATOR.evaluate(RULES, callback(ContentClass.MARKETING, now, now.minusSeconds(600), null, null));

        assertThat(evaluation.outcome()).isEqualTo(DecisionOutcome.DENY);
        assertThat(evaluation.reasons()).contains(ReasonCode.NO_CONSENT).doesNotContain(ReasonCode.CALLBACK_REQUESTED);
    }

    @Test
    void CB01_underTheRuleSetBeforeItACallbackHadNoWindowAndNeededConsentOfItsOwn() {
        RuleSet before = RuleSetParser.bundledHistory().get(0);
        Instant now = TUESDAY_AFTERNOON;
        AuthorizationFacts dayOldCallbackWithConsent = call(ContentClass.INFORMATIONAL, MIAMI, now)
                .callbackRequested(new EvidenceRef(CALLBACK, now.minus(Duration.ofHours(30))))
                .build();

        assertThat(before.version()).isEqualTo("2026.11");
        assertThat(EVALUATOR.evaluate(before, dayOldCallbackWithConsent).outcome())
                .isEqualTo(DecisionOutcome.ALLOW);
        assertThat(EVALUATOR
                        .evaluate(before, callback(ContentClass.INFORMATIONAL, now, now.minusSeconds(600), null, null))
                        .reasons())
                .contains(ReasonCode.NO_CONSENT);
    }

    @Test
    void VALIDITY_anAllowHoldsFifteenMinutesOrUntilConsentExpiresOrTheHoursCloseWhicheverIsFirst() {
        Instant now = TUESDAY_AFTERNOON;
        assertThat(EVALUATOR
                        .evaluate(
                                RULES,
                                optedIn(ContentClass.MARKETING, NEW_YORK, now).build())
                        .validUntil())
                .isEqualTo(now.plus(Duration.ofMinutes(15)));

        Consent expiring = new Consent(
                Channel.SMS,
                null,
                ConsentGrade.EXPRESS_WRITTEN,
                WRITTEN,
                now.minus(Duration.ofDays(3)),
                now.plusSeconds(300));
        assertThat(EVALUATOR
                        .evaluate(
                                RULES,
                                sms(ContentClass.MARKETING, NEW_YORK, now)
                                        .consent(expiring)
                                        .build())
                        .validUntil())
                .isEqualTo(now.plusSeconds(300));

        // 20:50 in New York: the federal hours close at 21:00 (T-US)
        Instant lateEvening = at("2026-11-24T20:50", ET);
        assertThat(EVALUATOR
                        .evaluate(
                                RULES,
                                optedIn(ContentClass.MARKETING, NEW_YORK, lateEvening)
                                        .build())
                        .validUntil())
                .isEqualTo(at("2026-11-24T21:00", ET));
        // 19:55 in Miami: Florida's hours close at 20:00 (T-FL)
        Instant floridaEvening = at("2026-11-24T19:55", ET);
        assertThat(EVALUATOR
                        .evaluate(
                                RULES,
                                optedIn(ContentClass.MARKETING, MIAMI, floridaEvening)
                                        .build())
                        .validUntil())
                .isEqualTo(at("2026-11-24T20:00", ET));

        assertThat(EVALUATOR
                        .evaluate(
                                RULES,
                                sms(ContentClass.MARKETING, NEW_YORK, now).build())
                        .validUntil())
                .as("a DENY holds nothing")
                .isNull();
    }

    @Test
    void T_FL_deferralNamesTheStateRule() {
        Evaluation evaluation = EVALUATOR.evaluate(
                RULES,
                optedIn(ContentClass.MARKETING, MIAMI, at("2026-11-24T20:30", ET))
                        .build());

        assertThat(evaluation.rules()).containsExactly("T-FL");
        assertThat(evaluation.evidenceIds()).containsExactly(WRITTEN);
    }

    @Test
    void CAP_T_MD_denialNamesTheStateRule() {
        Instant now = TUESDAY_AFTERNOON;
        Evaluation evaluation = EVALUATOR.evaluate(
                RULES,
                optedIn(ContentClass.MARKETING, BALTIMORE, now)
                        .contactedAt(now.minusSeconds(10))
                        .contactedAt(now.minusSeconds(20))
                        .contactedAt(now.minusSeconds(30))
                        .build());

        assertThat(evaluation.rules()).containsExactly("T-MD");
    }

    @Test
    void T_TX_reEvaluatingUnderTheOlderRuleSetGivesTheOlderAnswer() {
        RuleSet beforeSb140 = olderRuleSetWithoutTexas();
        AuthorizationFacts sundayMorningInAustin = optedIn(ContentClass.MARKETING, AUSTIN, at("2026-11-22T10:00", CT))
                .build();

        Evaluation now = EVALUATOR.evaluate(RULES, sundayMorningInAustin);
        Evaluation then = EVALUATOR.evaluate(beforeSb140, sundayMorningInAustin);

        assertThat(now.outcome()).isEqualTo(DecisionOutcome.DEFER);
        assertThat(now.ruleSetVersion()).isEqualTo(RULES.version());
        assertThat(then.outcome()).isEqualTo(DecisionOutcome.ALLOW);
        assertThat(then.ruleSetVersion()).isEqualTo("2025.01");
    }

    @Test
    void TZ03_candidatesThatShareNoAllowedInstantAreDenied() throws java.io.IOException {
        ObjectNode document = (ObjectNode) new ObjectMapper().readTree(RuleSetParser.bundledDocument());
        document.put("version", "test-one-hour-florida");
        ((ObjectNode) document.get("hours").get("states").get("FL").get("days")).put("MON-SUN", "08:00-09:00");
        RuleSet oneHourInFlorida = RuleSetParser.parse(document);

        Evaluation panhandle = EVALUATOR.evaluate(
                oneHourInFlorida,
                optedIn(ContentClass.MARKETING, PANHANDLE, at("2026-11-24T07:00", ET))
                        .build());
        Evaluation miami = EVALUATOR.evaluate(
                oneHourInFlorida,
                optedIn(ContentClass.MARKETING, MIAMI, at("2026-11-24T07:00", ET))
                        .build());

        assertThat(panhandle.outcome()).isEqualTo(DecisionOutcome.DENY);
        assertThat(panhandle.reasons()).containsExactly(ReasonCode.NO_COMMON_WINDOW, OUTSIDE_FEDERAL_HOURS);
        assertThat(miami.outcome()).isEqualTo(DecisionOutcome.DEFER);
        assertThat(miami.deferUntil()).isEqualTo(at("2026-11-24T08:00", ET));
    }

    /** The bundled rules as they stood before Texas SB 140 (2025-09-01): no Texas row. */
    static RuleSet olderRuleSetWithoutTexas() {
        try {
            ObjectNode document = (ObjectNode) new ObjectMapper().readTree(RuleSetParser.bundledDocument());
            document.put("version", "2025.01");
            document.put("effectiveFrom", "2025-01-01T00:00:00Z");
            ((ObjectNode) document.get("hours").get("states")).remove("TX");
            return RuleSetParser.parse(document);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
