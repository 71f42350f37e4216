package io.consentmesh.consent.registry.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** How one provider's brand and campaign JSON objects map to the registry's terms. Pure. */
public interface ProviderShape {

    ImportedBrand brand(JsonNode object);

    ImportedCampaign campaign(JsonNode object);

    // --- reading JSON fields ------------------------------------------------------------------------------------

    static String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    static String requiredText(JsonNode object, String field) {
        String value = text(object, field);
        if (value == null) {
            throw new InvalidProviderObjectException(field + " is required");
        }
        return value;
    }

    static Boolean bool(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new InvalidProviderObjectException(field + " must be true or false");
        }
        return value.booleanValue();
    }

    static List<String> texts(JsonNode object, String field) {
        JsonNode value = object.get(field);
        List<String> texts = new ArrayList<>();
        if (value == null || value.isNull()) {
            return texts;
        }
        if (!value.isArray()) {
            throw new InvalidProviderObjectException(field + " must be an array of strings");
        }
        value.forEach(item -> {
            if (!item.isNull() && !item.asText().isBlank()) {
                texts.add(item.asText());
            }
        });
        return texts;
    }

    /** An ISO-8601 date-time (UTC when it has no offset) or date (its start, UTC); null when absent. */
    static Instant instant(JsonNode object, String field) {
        String value = text(object, field);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                return value.length() > 10
                        ? LocalDateTime.parse(value).toInstant(ZoneOffset.UTC)
                        : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notLocal) {
                throw new InvalidProviderObjectException(field + " must be an ISO-8601 date or date-time");
            }
        }
    }

    static InvalidProviderObjectException unknownStatus(String field, String value) {
        return new InvalidProviderObjectException(field + ": unknown status '" + value + "'");
    }
}
