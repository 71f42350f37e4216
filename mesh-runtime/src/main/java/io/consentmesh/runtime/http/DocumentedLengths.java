package io.consentmesh.runtime.http;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Writes {@link FieldLengths#DEFAULT} as the {@code maxLength} of every string in every service's OpenAPI document
 * that does not state its own (a field's {@code @Schema(maxLength = …)}), so that each limit the services enforce is
 * documented. Strings with a format (instants, UUIDs) or fixed values (enums) keep their own description.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class DocumentedLengths implements OASFilter {

    @Override
    public Schema filterSchema(Schema schema) {
        boolean string = schema.getType() != null && schema.getType().contains(Schema.SchemaType.STRING);
        if (string
                && schema.getMaxLength() == null
                && schema.getFormat() == null
                && schema.getEnumeration() == null
                && schema.getRef() == null) {
            schema.setMaxLength(FieldLengths.DEFAULT);
        }
        return schema;
    }
}
