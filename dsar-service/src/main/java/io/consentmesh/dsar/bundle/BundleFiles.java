package io.consentmesh.dsar.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.dsar.requests.DsarRequestView;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of a person's copy, by path: how to read it, the request, the answer letter, the DSR-03 facts about each
 * category found, the recipients, and every record each service holds — JSON (the faithful copy) and CSV (for a
 * spreadsheet) per service and category.
 */
final class BundleFiles {

    private static final JsonNode FACTS = load("bundle/processing-facts.json");

    /** One category of one service's records, personal values opened. */
    record Held(String service, String category, List<Map<String, Object>> records) {}

    private BundleFiles() {}

    static Map<String, byte[]> of(
            DsarRequestView request, String readme, String letter, List<Held> held, StoredFiles.Listing stored) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("README.txt", readme.getBytes(StandardCharsets.UTF_8));
        files.put("letter.txt", letter.getBytes(StandardCharsets.UTF_8));
        files.put("request.json", json(request));
        files.put("facts.json", json(facts(held)));
        List<Map<String, Object>> recipients = request.recipients().stream()
                .map(r -> EventCodec.mapper()
                        .<Map<String, Object>>convertValue(
                                r, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {}))
                .toList();
        files.put("recipients.json", json(recipients));
        files.put("recipients.csv", Csv.of(recipients));
        for (Held category : held) {
            String base = "data/" + category.service() + "/" + category.category();
            files.put(base + ".json", json(category.records()));
            files.put(base + ".csv", Csv.of(category.records()));
        }
        if (!stored.entries().isEmpty()) {
            files.put("files.json", json(stored.entries()));
            files.putAll(stored.files());
        }
        return files;
    }

    /** DSR-03: for each category found, what it is, why it is kept, on what basis, from where and for how long. */
    static Map<String, Object> facts(List<Held> held) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("controller", FACTS.path("controller").asText());
        List<Map<String, Object>> categories = held.stream()
                .map(category -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("service", category.service());
                    entry.put("category", category.category());
                    entry.put("records", category.records().size());
                    JsonNode known = FACTS.path("categories").path(category.category());
                    for (String field : List.of("description", "purpose", "legalBasis", "source", "retention")) {
                        entry.put(field, known.path(field).asText("ask the company: not described by Consent Mesh"));
                    }
                    return entry;
                })
                .toList();
        facts.put("categories", categories);
        facts.put("recipients", "recipients.json: every disclosure of your data recorded by the company");
        facts.put("automatedDecisions", FACTS.path("automatedDecisions").asText());
        facts.put("transfers", FACTS.path("transfers").asText());
        facts.put("rights", FACTS.path("rights").asText());
        return facts;
    }

    private static JsonNode load(String resource) {
        try (java.io.InputStream in = BundleFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return EventCodec.mapper().readTree(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] json(Object value) {
        try {
            return EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("bundle content is JSON", e);
        }
    }
}
