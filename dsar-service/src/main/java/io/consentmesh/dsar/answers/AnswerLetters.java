package io.consentmesh.dsar.answers;

import io.consentmesh.contracts.dsar.HeldData;
import io.consentmesh.dsar.clock.Jurisdiction;
import io.consentmesh.dsar.recipients.Disclosure;
import io.consentmesh.dsar.requests.DsarRequestView;
import io.consentmesh.dsar.verification.VerificationTexts;
import io.consentmesh.runtime.http.ProblemException;
import io.quarkus.qute.Engine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to the person, rendered from Qute templates in their language ({@code templates/answers/
 * <completed|denied>.<en|es>.txt}): what each service found and did, the exceptions with their reasons (DSR-05 of the
 * issue: legal holds, an opt-out kept), whom their data was disclosed to (DSR-03), and the complaint or appeal their
 * law gives them (DSR-01, DSR-07); for a denial, its basis and reason (DSR-04). Rendered only once there is an answer:
 * the results complete, or the request denied.
 */
@ApplicationScoped
public class AnswerLetters {

    /** The letter: its language, and its text. */
    public record Letter(String requestId, String language, String text) {}

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private static final Map<String, Map<String, String>> TYPES = Map.of(
            "en",
            Map.of(
                    "ACCESS", "access to your data",
                    "PORTABILITY", "a portable copy of your data",
                    "DELETION", "deletion of your data",
                    "RESTRICTION", "restriction of the use of your data",
                    "LIFT_RESTRICTION", "lifting the restriction of the use of your data",
                    "CORRECTION", "correction of your data",
                    "OBJECTION", "your objection to the use of your data for marketing",
                    "OPT_OUT_OF_SALE_SHARING", "opting out of the sale or sharing of your data"),
            "es",
            Map.of(
                    "ACCESS", "acceso a sus datos",
                    "PORTABILITY", "una copia portable de sus datos",
                    "DELETION", "eliminación de sus datos",
                    "RESTRICTION", "limitación del uso de sus datos",
                    "LIFT_RESTRICTION", "levantar la limitación del uso de sus datos",
                    "CORRECTION", "corrección de sus datos",
                    "OBJECTION", "su oposición al uso de sus datos con fines de mercadotecnia",
                    "OPT_OUT_OF_SALE_SHARING", "excluirse de la venta o el intercambio de sus datos"));

    /** The services' own words are in English; in Spanish the categories the mesh knows are told in Spanish. */
    private static final Map<String, String> CATEGORIES_ES = Map.of(
            "consent-evidence",
            "registros de su consentimiento o de su revocación (palabras clave, formularios), conservados como"
                    + " prueba",
            "consent-state",
            "su estado de consentimiento por canal",
            "personal-data-erased",
            "sus datos personales en nuestras pruebas se hicieron ilegibles (claves destruidas); los registros"
                    + " quedan como prueba y su baja sigue vigente",
            "deleted-stored-items",
            "elementos almacenados eliminados, cada uno con un certificado de eliminación firmado",
            "exception-legal-hold",
            "conservados por una retención legal: se eliminarán cuando se levante",
            "exception-suppression-kept",
            "su número se conserva solo como un hash irreversible marcado para no contactarle, para que nunca"
                    + " más reciba mensajes ni llamadas; su baja sigue vigente",
            "exception-evidence-kept",
            "los registros de su consentimiento y de su revocación se conservan como prueba ante reclamaciones,"
                    + " con sus datos personales ilegibles, durante 5 años",
            "call-parties-deleted",
            "se eliminó en qué llamadas participó (proveedor e identificador de llamada)");

    private final Engine engine;

    /** How a right is named to the person in their language ({@code en}, {@code es}). */
    public static String typeName(String language, String type) {
        return TYPES.getOrDefault(language, TYPES.get("en")).get(type);
    }

    AnswerLetters(Engine engine) {
        this.engine = engine;
    }

    public Letter render(DsarRequestView request, String requestedLanguage) {
        String language = VerificationTexts.language(
                requestedLanguage == null || requestedLanguage.isBlank() ? request.language() : requestedLanguage);
        String template;
        Map<String, Object> data = new HashMap<>();
        data.put("id", request.id().toString());
        data.put("typeName", TYPES.get(language).get(request.type()));
        data.put("receivedOn", DAY.format(request.receivedAt()));
        data.put("complaint", complaint(Jurisdiction.valueOf(request.jurisdiction()), language));
        if ("DENIED".equals(request.status())) {
            template = "denied";
            data.put("basisText", basis(request.denial().basis(), language));
            data.put("reason", request.denial().reason());
        } else if ("RESULTS_COMPLETE".equals(request.status())) {
            template = "completed";
            data.put("verifiedOn", DAY.format(request.verification().verifiedAt()));
            data.put("lawSentence", law(Jurisdiction.valueOf(request.jurisdiction()), language));
            List<Map<String, Object>> done = new ArrayList<>();
            List<Map<String, Object>> exceptions = new ArrayList<>();
            for (DsarRequestView.Result result : request.results()) {
                for (HeldData held : result.held()) {
                    Map<String, Object> item = values(
                            "service", result.respondingService(),
                            "count", held.recordCount(),
                            "description", describe(held, language));
                    (held.category().startsWith("exception-") ? exceptions : done).add(item);
                }
            }
            data.put("done", done);
            data.put("exceptions", exceptions);
            data.put(
                    "recipients",
                    request.recipients().stream().map(AnswerLetters::recipient).toList());
        } else {
            throw new ProblemException(io.consentmesh.contracts.http.Problem.of(
                    409,
                    "no-answer-yet",
                    "No answer yet",
                    "the request is " + request.status()
                            + ": the answer is written once every service has answered or the request was denied"));
        }
        String text = engine.getTemplate("answers/" + template + "." + language + ".txt")
                .data(data)
                .render()
                .replaceAll("\n{3,}", "\n\n")
                .strip();
        return new Letter(request.id().toString(), language, text);
    }

    private static String describe(HeldData held, String language) {
        if ("es".equals(language) && CATEGORIES_ES.containsKey(held.category())) {
            return CATEGORIES_ES.get(held.category());
        }
        return held.summary();
    }

    private static Map<String, Object> recipient(Disclosure disclosure) {
        return values(
                "recipient", disclosure.recipient(),
                "kind", disclosure.recipientKind(),
                "country", disclosure.country(),
                "disclosedOn", DAY.format(disclosure.disclosedAt()),
                "categories", String.join(", ", disclosure.categories()),
                "purpose", disclosure.purpose());
    }

    /** A template's values; a missing one (null) renders as empty, where Map.of would refuse it. */
    private static Map<String, Object> values(Object... keysAndValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1] == null ? "" : keysAndValues[i + 1]);
        }
        return values;
    }

    private static String law(Jurisdiction jurisdiction, String language) {
        boolean es = "es".equals(language);
        return switch (jurisdiction) {
            case GDPR ->
                es
                        ? "Le respondemos conforme al RGPD (art. 12 y 15 a 21)."
                        : "We answer under the GDPR" + " (Art. 12 and 15 to 21).";
            case UK_GDPR -> es ? "Le respondemos conforme al RGPD del Reino Unido." : "We answer under the UK GDPR.";
            case CCPA ->
                es
                        ? "Le respondemos conforme a la Ley de Privacidad del Consumidor de California (CCPA)."
                        : "We answer under the California Consumer Privacy Act (CCPA).";
            case VIRGINIA, COLORADO, CONNECTICUT, TEXAS, OREGON ->
                es
                        ? "Le respondemos conforme a la ley de privacidad de su estado."
                        : "We answer under your state's consumer privacy law.";
            case DEFAULT ->
                es
                        ? "Le respondemos conforme a nuestra política de privacidad."
                        : "We answer under our privacy policy.";
        };
    }

    /** What the person can do if they disagree: DSR-01 (GDPR: a complaint), DSR-07 (the US states: an appeal). */
    private static String complaint(Jurisdiction jurisdiction, String language) {
        boolean es = "es".equals(language);
        return switch (jurisdiction) {
            case GDPR, UK_GDPR ->
                es
                        ? "Tiene derecho a presentar una reclamación ante una autoridad de control de protección de datos y"
                                + " a ejercer acciones judiciales."
                        : "You have the right to lodge a complaint with a data protection supervisory authority and to seek"
                                + " a judicial remedy.";
            case VIRGINIA, COLORADO, CONNECTICUT, TEXAS, OREGON ->
                es
                        ? "Puede apelar esta decisión respondiendo a este mensaje dentro de 60 días; si rechazamos su"
                                + " apelación, puede contactar al Fiscal General de su estado."
                        : "You may appeal this decision by replying to this message within 60 days; if we deny your"
                                + " appeal, you may contact your state's Attorney General.";
            case CCPA ->
                es
                        ? "Si tiene alguna inquietud, puede contactar a la Agencia de Protección de la Privacidad de"
                                + " California."
                        : "If you have concerns, you may contact the California Privacy Protection Agency.";
            case DEFAULT ->
                es
                        ? "Si tiene alguna inquietud, responda a este mensaje."
                        : "If you have concerns, reply to this message.";
        };
    }

    private static String basis(String basis, String language) {
        boolean es = "es".equals(language);
        return switch (basis) {
            case "UNVERIFIABLE" ->
                es
                        ? "no pudimos confirmar que la solicitud la hizo usted."
                        : "we could not confirm that the request was made by you.";
            case "MANIFESTLY_UNFOUNDED" ->
                es ? "la solicitud es manifiestamente infundada." : "the request is" + " manifestly unfounded.";
            case "EXCESSIVE" ->
                es
                        ? "la solicitud es excesiva, en particular por repetitiva."
                        : "the request is" + " excessive, in particular because it repeats earlier ones.";
            default -> es ? "se aplica una excepción legal." : "a legal exemption applies.";
        };
    }
}
