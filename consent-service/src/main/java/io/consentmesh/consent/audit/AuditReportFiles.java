package io.consentmesh.consent.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes an audit's report the way every audit command does: {@code NAME.json} for tools, {@code NAME.md} for people. */
public final class AuditReportFiles {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private AuditReportFiles() {}

    public static void write(Path directory, String name, Object report, String markdown) throws IOException {
        Path dir = Files.createDirectories(directory);
        JSON.writeValue(dir.resolve(name + ".json").toFile(), report);
        Files.writeString(dir.resolve(name + ".md"), markdown);
    }
}
