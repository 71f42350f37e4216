package io.consentmesh.consent.consents;

import io.consentmesh.consent.evidence.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * What a consent record must carry to prove itself later (G-07), by the way it was given: a web form's IP address and
 * user agent, a keyword's message id, a call's id and transcript offset or key press, a paper form's copy, an import's
 * source record, a data-subject request's id. A record missing its evidence is refused, not stored weakened.
 */
public final class ConsentEvidenceRequirements {

    /** Clocks differ a little; consent captured further ahead than this is a wrong timestamp. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern IVR_KEY = Pattern.compile("[0-9*#]{1,8}");

    private ConsentEvidenceRequirements() {}

    /** @throws IllegalArgumentException naming the first missing or impossible piece of evidence */
    public static void check(RecordConsentRequest request) {
        switch (request.source()) {
            case WEB_FORM -> {
                require(request.ipAddress(), "ipAddress", request);
                require(request.userAgent(), "userAgent", request);
                if (!IPV4.matcher(request.ipAddress()).matches()
                        && !(request.ipAddress().contains(":")
                                && IPV6.matcher(request.ipAddress()).matches())) {
                    throw new IllegalArgumentException("ipAddress must be an IPv4 or IPv6 address");
                }
            }
            case PAPER_FORM -> require(request.documentRef(), "documentRef", request);
            case KEYWORD -> {
                require(request.messageId(), "messageId", request);
                if (request.channel() != Channel.SMS) {
                    throw new IllegalArgumentException("consent by KEYWORD is consent to texts: channel must be SMS");
                }
            }
            case SPOKEN_ON_CALL -> {
                require(request.callId(), "callId", request);
                if (request.transcriptOffset() == null || request.transcriptOffset() < 0) {
                    throw new IllegalArgumentException(
                            "transcriptOffset (milliseconds into the transcript, 0 or more) is required for consent"
                                    + " SPOKEN_ON_CALL");
                }
            }
            case IVR_KEY -> {
                require(request.callId(), "callId", request);
                require(request.ivrKey(), "ivrKey", request);
                if (!IVR_KEY.matcher(request.ivrKey()).matches()) {
                    throw new IllegalArgumentException("ivrKey must be the keys pressed: 0-9, * or #");
                }
            }
            case API_IMPORT -> require(request.externalRef(), "externalRef", request);
            case DSAR -> require(request.dsarRequestId(), "dsarRequestId", request);
        }
        if (request.level() == ConsentLevel.IMPLIED && request.expiresAt() == null) {
            throw new IllegalArgumentException(
                    "expiresAt is required for IMPLIED consent: it ends with the conversation that implied it");
        }
        if (request.expiresAt() != null && !request.expiresAt().isAfter(request.capturedAt())) {
            throw new IllegalArgumentException("expiresAt must be after capturedAt");
        }
        if (request.capturedAt().isAfter(Instant.now().plus(CLOCK_SKEW))) {
            throw new IllegalArgumentException("capturedAt is in the future");
        }
        if (request.campaignId() != null && request.campaignId().isBlank()) {
            throw new IllegalArgumentException(
                    "campaignId must name a campaign, or be left out for brand-wide consent");
        }
    }

    private static void require(String value, String field, RecordConsentRequest request) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required for consent given by " + request.source());
        }
    }
}
