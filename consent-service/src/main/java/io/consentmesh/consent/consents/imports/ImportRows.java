package io.consentmesh.consent.consents.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.consentmesh.runtime.http.ProblemException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of an import file, each as field name → value with empty cells left out: CSV with a header row naming the
 * fields of a consent record, or a JSON array of such objects. A file that cannot be read at all is refused whole; a
 * row that reads but is not a valid consent is refused on its own later.
 */
public final class ImportRows {

    public enum Format {
        CSV,
        JSON
    }

    private static final CsvMapper CSV = new CsvMapper();
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ImportRows() {}

    public static List<Map<String, Object>> parse(Format format, String body, int maxRows) {
        if (body == null || body.isBlank()) {
            throw ProblemException.invalidRequest("the import file is empty");
        }
        List<Map<String, Object>> rows = format == Format.CSV ? csv(body, maxRows) : json(body, maxRows);
        if (rows.isEmpty()) {
            throw ProblemException.invalidRequest("the import file has no rows");
        }
        return rows;
    }

    private static List<Map<String, Object>> csv(String body, int maxRows) {
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<Map<String, Object>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> lines =
                CSV.readerForMapOf(String.class).with(schema).readValues(body)) {
            while (lines.hasNextValue()) {
                Map<String, String> line = lines.nextValue();
                tooMany(rows.size(), maxRows);
                Map<String, Object> row = new LinkedHashMap<>();
                line.forEach((field, value) -> {
                    if (value != null && !value.isBlank()) {
                        row.put(field.trim(), value.trim());
                    }
                });
                rows.add(row);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            throw ProblemException.invalidRequest("the CSV file cannot be read: " + firstLine(e.getMessage()));
        }
        return rows;
    }

    private static List<Map<String, Object>> json(String body, int maxRows) {
        List<Object> items;
        try {
            items = JSON.readerForListOf(Object.class).readValue(body);
        } catch (JsonProcessingException e) {
            throw ProblemException.invalidRequest(
                    "the JSON file must be an array of consent records: " + firstLine(e.getOriginalMessage()));
        }
        if (items == null) { // the body "null"
            throw ProblemException.invalidRequest("the JSON file must be an array of consent records");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object item : items) {
            tooMany(rows.size(), maxRows);
            Map<String, Object> row = new LinkedHashMap<>();
            if (item instanceof Map<?, ?> fields) {
                fields.forEach((field, value) -> {
                    if (value != null && !(value instanceof String text && text.isBlank())) {
                        row.put(field.toString(), value);
                    }
                });
            } else {
                row.put(NOT_AN_OBJECT, String.valueOf(item));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Marks a JSON array element that is not an object, so that its row is refused with a reason. */
    static final String NOT_AN_OBJECT = "\u0000notAnObject";

    private static void tooMany(int rowsSoFar, int maxRows) {
        if (rowsSoFar >= maxRows) {
            throw ProblemException.invalidRequest(
                    "an import holds at most " + maxRows + " rows: split the file and import each part");
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
