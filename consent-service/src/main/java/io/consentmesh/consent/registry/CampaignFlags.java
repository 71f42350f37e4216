package io.consentmesh.consent.registry;

/**
 * What a campaign declared to TCR about its content and handling (TCR-03); null where the source did not say.
 *
 * @param embeddedLinks messages contain links (no public URL shorteners)
 * @param embeddedPhone messages contain phone numbers
 * @param ageGated content for adults only, behind an age gate
 * @param directLending the campaign offers direct lending or loan arrangement
 * @param numberPooling the campaign sends from a pool of numbers (over 50)
 * @param subscriberOptIn subscribers opt in before they get messages
 * @param subscriberOptOut the campaign honours opt-out keywords
 * @param subscriberHelp the campaign answers help keywords
 */
public record CampaignFlags(
        Boolean embeddedLinks,
        Boolean embeddedPhone,
        Boolean ageGated,
        Boolean directLending,
        Boolean numberPooling,
        Boolean subscriberOptIn,
        Boolean subscriberOptOut,
        Boolean subscriberHelp) {

    public static final CampaignFlags UNKNOWN = new CampaignFlags(null, null, null, null, null, null, null, null);

    /** These flags, with each one this source did not say taken from {@code known}. */
    public CampaignFlags over(CampaignFlags known) {
        return new CampaignFlags(
                or(embeddedLinks, known.embeddedLinks),
                or(embeddedPhone, known.embeddedPhone),
                or(ageGated, known.ageGated),
                or(directLending, known.directLending),
                or(numberPooling, known.numberPooling),
                or(subscriberOptIn, known.subscriberOptIn),
                or(subscriberOptOut, known.subscriberOptOut),
                or(subscriberHelp, known.subscriberHelp));
    }

    private static Boolean or(Boolean value, Boolean fallback) {
        return value != null ? value : fallback;
    }
}
