package io.consentmesh.consent.consents.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentmesh.consent.evidence.Channel;
import io.consentmesh.consent.evidence.EvidenceKind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The one consent transition, on a plain map of rows (what every path gives it through {@code Consents}). */
class ConsentTransitionTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /** Rows keyed by channel and scope, the way the projection keys them. */
    private static final class Rows implements ConsentTransition.Consents {
        final Map<String, CurrentConsent> rows = new LinkedHashMap<>();

        @Override
        public Optional<CurrentConsent> brandWide(Channel channel) {
            return Optional.ofNullable(rows.get(channel + "/"));
        }

        @Override
        public void revokeEverywhere(UUID basis, Instant at) {
            rows.replaceAll((key, c) -> ConsentTransition.revoked(c.channel(), c.campaignId(), basis, at));
            for (Channel channel : Channel.values()) {
                put(ConsentTransition.revoked(channel, null, basis, at));
            }
        }

        @Override
        public void put(CurrentConsent consent) {
            rows.put(consent.channel() + "/" + consent.scope(), consent);
        }

        CurrentConsent get(Channel channel, String scope) {
            return rows.get(channel + "/" + scope);
        }
    }

    @Test
    void kw12AnOptOutRevokesEveryChannelAndEveryCampaignConsent() {
        Rows rows = new Rows();
        ConsentTransition.apply(rows, recorded(Channel.SMS, "C123", T0));
        UUID stop = UUID.randomUUID();

        ConsentTransition.apply(
                rows,
                ConsentTransition.Evidence.of(stop, EvidenceKind.OPT_OUT_KEYWORD, Channel.SMS, T0.plusSeconds(60)));

        assertThat(rows.rows.values()).hasSize(Channel.values().length + 1).allSatisfy(c -> {
            assertThat(c.status()).isEqualTo(ConsentStatus.REVOKED);
            assertThat(c.basisEvidenceId()).isEqualTo(stop);
        });
        assertThat(rows.get(Channel.SMS, "C123").status()).isEqualTo(ConsentStatus.REVOKED);
    }

    @Test
    void everyKindListedAsRevokingRevokesAndNoOtherDoes() {
        for (EvidenceKind kind : EvidenceKind.values()) {
            Rows rows = new Rows();
            ConsentTransition.apply(rows, recorded(Channel.SMS, null, T0));
            ConsentTransition.apply(
                    rows, ConsentTransition.Evidence.of(UUID.randomUUID(), kind, Channel.VOICE, T0.plusSeconds(1)));
            boolean revoked = rows.get(Channel.SMS, "").status() == ConsentStatus.REVOKED;
            assertThat(revoked).as(kind.name()).isEqualTo(ConsentTransition.REVOKING.contains(kind));
        }
    }

    @Test
    void anOptInKeywordOfACampaignsDeclaredFlowOptsInToThatCampaignAtTheDeclaredLevel() {
        Rows rows = new Rows();
        UUID start = UUID.randomUUID();
        ConsentTransition.apply(
                rows,
                new ConsentTransition.Evidence(
                        start, EvidenceKind.OPT_IN_KEYWORD, Channel.SMS, "EXPRESS_WRITTEN", "CJOIN", null, T0));

        assertThat(rows.get(Channel.SMS, "CJOIN").status()).isEqualTo(ConsentStatus.OPTED_IN);
        assertThat(rows.get(Channel.SMS, "CJOIN").level()).isEqualTo("EXPRESS_WRITTEN");
        assertThat(rows.get(Channel.SMS, "CJOIN").basisEvidenceId()).isEqualTo(start);
        assertThat(rows.get(Channel.SMS, ""))
                .as("no brand-wide consent: the flow is the campaign's")
                .isNull();
    }

    @Test
    void kw11AnOptInKeywordOnlyReOptsInSomeoneWhoHadOptedOut() {
        Rows never = new Rows();
        ConsentTransition.apply(
                never, ConsentTransition.Evidence.of(UUID.randomUUID(), EvidenceKind.OPT_IN_KEYWORD, Channel.SMS, T0));
        assertThat(never.rows)
                .as("START from someone who never opted out gives no consent")
                .isEmpty();

        Rows stopped = new Rows();
        ConsentTransition.apply(
                stopped,
                ConsentTransition.Evidence.of(UUID.randomUUID(), EvidenceKind.OPT_OUT_KEYWORD, Channel.SMS, T0));
        UUID start = UUID.randomUUID();
        ConsentTransition.apply(
                stopped,
                ConsentTransition.Evidence.of(start, EvidenceKind.OPT_IN_KEYWORD, Channel.SMS, T0.plusSeconds(5)));
        assertThat(stopped.get(Channel.SMS, ""))
                .isEqualTo(new CurrentConsent(
                        Channel.SMS, null, ConsentStatus.OPTED_IN, "EXPRESS", start, T0.plusSeconds(5), null));
        assertThat(stopped.get(Channel.VOICE, "").status()).as("texts only").isEqualTo(ConsentStatus.REVOKED);
    }

    @Test
    void spokenAgreementOptsInToCallsAndSpokenRevocationRevokesEverything() {
        Rows rows = new Rows();
        UUID yes = UUID.randomUUID();
        ConsentTransition.apply(
                rows, ConsentTransition.Evidence.of(yes, EvidenceKind.VERBAL_OPT_IN, Channel.VOICE, T0));
        assertThat(rows.get(Channel.VOICE, ""))
                .isEqualTo(new CurrentConsent(Channel.VOICE, null, ConsentStatus.OPTED_IN, "EXPRESS", yes, T0, null));
        assertThat(rows.get(Channel.SMS, "")).isNull();

        ConsentTransition.apply(
                rows,
                ConsentTransition.Evidence.of(
                        UUID.randomUUID(), EvidenceKind.VERBAL_OPT_OUT, Channel.VOICE, T0.plusSeconds(1)));
        assertThat(rows.rows.values()).allMatch(c -> c.status() == ConsentStatus.REVOKED);
    }

    @Test
    void g02RecordedConsentOptsInOnItsChannelLevelAndCampaignUntilItExpires() {
        Rows rows = new Rows();
        Instant expires = T0.plusSeconds(86_400);
        ConsentTransition.Evidence consent = new ConsentTransition.Evidence(
                UUID.randomUUID(), EvidenceKind.EXPRESS_CONSENT, Channel.SMS, "EXPRESS_WRITTEN", "C9", expires, T0);

        ConsentTransition.apply(rows, consent);

        assertThat(rows.rows).containsOnlyKeys("SMS/C9");
        assertThat(rows.get(Channel.SMS, "C9"))
                .isEqualTo(new CurrentConsent(
                        Channel.SMS, "C9", ConsentStatus.OPTED_IN, "EXPRESS_WRITTEN", consent.id(), T0, expires));
    }

    @Test
    void helpAndDisclosureVerdictsChangeNothing() {
        Rows rows = new Rows();
        ConsentTransition.apply(rows, recorded(Channel.VOICE, null, T0));
        Map<String, CurrentConsent> before = Map.copyOf(rows.rows);

        ConsentTransition.apply(
                rows,
                ConsentTransition.Evidence.of(
                        UUID.randomUUID(), EvidenceKind.HELP_KEYWORD, Channel.SMS, T0.plusSeconds(1)));
        ConsentTransition.apply(
                rows,
                ConsentTransition.Evidence.of(
                        UUID.randomUUID(), EvidenceKind.DISCLOSURE_VERDICT, Channel.VOICE, T0.plusSeconds(2)));

        assertThat(rows.rows).isEqualTo(before);
    }

    private static ConsentTransition.Evidence recorded(Channel channel, String campaign, Instant at) {
        return new ConsentTransition.Evidence(
                UUID.randomUUID(), EvidenceKind.EXPRESS_CONSENT, channel, "EXPRESS", campaign, null, at);
    }
}
