package io.consentmesh.dsar.requests;

import io.consentmesh.contracts.dsar.DsarRequestType;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The texts a person sends to make a privacy request by SMS, as data: the whole message, case, accents, punctuation
 * and spacing aside (as carriers match STOP), so an ordinary message that happens to contain the words is no request.
 * Each keyword names the right and the language the person is answered in.
 */
public final class PrivacyKeywords {

    /** What a keyword asks for. */
    public record Meaning(DsarRequestType type, String language) {}

    private static final Map<String, Meaning> KEYWORDS = Map.ofEntries(
            Map.entry("DELETE MY DATA", new Meaning(DsarRequestType.DELETION, "en")),
            Map.entry("ERASE MY DATA", new Meaning(DsarRequestType.DELETION, "en")),
            Map.entry("MY DATA", new Meaning(DsarRequestType.ACCESS, "en")),
            Map.entry("COPY OF MY DATA", new Meaning(DsarRequestType.PORTABILITY, "en")),
            Map.entry("DO NOT SELL", new Meaning(DsarRequestType.OPT_OUT_OF_SALE_SHARING, "en")),
            Map.entry("DO NOT SELL OR SHARE", new Meaning(DsarRequestType.OPT_OUT_OF_SALE_SHARING, "en")),
            Map.entry("BORRAR MIS DATOS", new Meaning(DsarRequestType.DELETION, "es")),
            Map.entry("ELIMINAR MIS DATOS", new Meaning(DsarRequestType.DELETION, "es")),
            Map.entry("MIS DATOS", new Meaning(DsarRequestType.ACCESS, "es")),
            Map.entry("COPIA DE MIS DATOS", new Meaning(DsarRequestType.PORTABILITY, "es")),
            Map.entry("NO VENDER", new Meaning(DsarRequestType.OPT_OUT_OF_SALE_SHARING, "es")));

    private PrivacyKeywords() {}

    /** What the whole message asks for, if it is a privacy keyword. */
    public static Optional<Meaning> of(String message) {
        if (message == null || message.length() > 100) {
            return Optional.empty();
        }
        String plain = Normalizer.normalize(message, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .replaceAll("[^\\p{L}\\p{N}]+", " ")
                .trim()
                .toUpperCase(Locale.ROOT);
        return Optional.ofNullable(KEYWORDS.get(plain));
    }
}
