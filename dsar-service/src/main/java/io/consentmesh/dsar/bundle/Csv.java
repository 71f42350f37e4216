package io.consentmesh.dsar.bundle;

import io.consentmesh.contracts.envelope.EventCodec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records as CSV (RFC 4180) for a spreadsheet: one column per top-level entry found in any record, nested values as
 * their JSON. A cell that a spreadsheet would run as a formula is prefixed with an apostrophe (the JSON beside it is
 * the faithful copy).
 */
final class Csv {

    private Csv() {}

    static byte[] of(List<Map<String, Object>> records) {
        Set<String> columns = new LinkedHashSet<>();
        records.forEach(record -> columns.addAll(record.keySet()));
        StringBuilder out = new StringBuilder();
        row(out, List.copyOf(columns));
        for (Map<String, Object> record : records) {
            row(out, columns.stream().map(column -> text(record.get(column))).toList());
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String cell(String value) {
        if (value.isEmpty()) {
            return value;
        }
        String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            try {
                return EventCodec.mapper().writeValueAsString(value);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("records are JSON", e);
            }
        }
        return value.toString();
    }
}
