package io.consentmesh.agent.stores;

import io.consentmesh.contracts.dsar.FileExportOutcome;
import java.nio.file.Path;

/**
 * What a store gave for one export: the file (in a temporary file the caller deletes), or why not.
 *
 * @param retryAfterSeconds for a failure the store asked to retry later (429, 503), or null
 */
public record FetchedFile(
        FileExportOutcome outcome, Path file, String contentType, String detail, Integer retryAfterSeconds) {

    public static FetchedFile of(Path file, String contentType) {
        return new FetchedFile(FileExportOutcome.EXPORTED, file, contentType, null, null);
    }

    public static FetchedFile not(FileExportOutcome outcome, String detail) {
        return new FetchedFile(outcome, null, null, detail, null);
    }

    public static FetchedFile failed(String detail, Integer retryAfterSeconds) {
        return new FetchedFile(FileExportOutcome.FAILED, null, null, detail, retryAfterSeconds);
    }

    /** A failure worth trying again shortly: the store was busy or unreachable. */
    public boolean transientFailure() {
        return outcome == FileExportOutcome.FAILED && retryAfterSeconds != null;
    }
}
