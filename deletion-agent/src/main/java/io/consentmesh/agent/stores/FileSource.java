package io.consentmesh.agent.stores;

import java.nio.file.Path;
import java.util.concurrent.CompletionStage;

/**
 * A store that can give a copy of one of its files, for a person's access copy. Reading never changes the store; a
 * file larger than {@code maxBytes} is answered TOO_LARGE without being read whole.
 */
public interface FileSource {

    /** @param into a fresh temporary file to write the content to */
    CompletionStage<FetchedFile> fetch(String address, long maxBytes, Path into);
}
