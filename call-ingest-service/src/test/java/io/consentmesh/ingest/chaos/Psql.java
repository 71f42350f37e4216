package io.consentmesh.ingest.chaos;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs SQL on the local mesh's database as the postgres operating-system user (psql over the local socket, as the
 * audit scripts do): the checks read every service's schema, which no service role may.
 */
final class Psql {

    private Psql() {}

    /**
     * Runs {@code script} (statements whose results are two columns: a name and a number) and returns name → number.
     */
    static Map<String, Long> counts(String script) throws Exception {
        Path input = Files.createTempFile("chaos-check", ".sql");
        Path output = Files.createTempFile("chaos-check", ".out");
        try {
            Files.writeString(input, script, StandardCharsets.UTF_8);
            // readable by the postgres user, which psql runs as
            input.toFile().setReadable(true, false);
            Process psql = new ProcessBuilder(List.of(
                            "runuser",
                            "-u",
                            "postgres",
                            "--",
                            "psql",
                            "-qtA",
                            "-F",
                            "|",
                            "-v",
                            "ON_ERROR_STOP=1",
                            "-d",
                            "consentmesh",
                            "-f",
                            input.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            boolean done = psql.waitFor(120, TimeUnit.SECONDS);
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (!done || psql.exitValue() != 0) {
                psql.destroyForcibly();
                throw new IllegalStateException("psql failed (run the harness as root): " + text);
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String line : text.split("\n")) {
                String[] parts = line.split("\\|");
                if (parts.length == 2) {
                    counts.put(parts[0].trim(), Long.parseLong(parts[1].trim()));
                }
            }
            return counts;
        } finally {
            Files.deleteIfExists(input);
            Files.deleteIfExists(output);
        }
    }

    /** A {@code COPY … FROM STDIN} block loading (kind, id) rows into the temporary table {@code acked}. */
    static String ackedTable(Map<String, ? extends java.util.Collection<String>> idsByKind) {
        StringBuilder sql =
                new StringBuilder("CREATE TEMP TABLE acked (kind text, id text);\nCOPY acked FROM STDIN;\n");
        idsByKind.forEach((kind, ids) -> ids.forEach(id -> {
            if (id.contains("\t") || id.contains("\n") || id.contains("\\")) {
                throw new IllegalArgumentException("an id the harness made is not plain text: " + id);
            }
            sql.append(kind).append('\t').append(id).append('\n');
        }));
        return sql.append("\\.\nCREATE INDEX ON acked (kind, id);\n").toString();
    }
}
