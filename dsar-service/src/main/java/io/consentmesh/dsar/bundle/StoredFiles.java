package io.consentmesh.dsar.bundle;

import io.consentmesh.contracts.dsar.FileExportOutcome;
import io.consentmesh.storage.S3Objects;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The stored files of a person (recordings, transcripts) that go into their copy: each item retention-service listed
 * that is still kept is read from the S3-compatible store dsar-service may read ({@code mesh.dsar.bundle.object-stores})
 * or, for a store only its deletion agent can read, from the staging bucket the agent copied it to (its SHA-256
 * checked against the agent's answer; {@link FileExports}); every other is listed with why it is not in the copy (kept
 * by a provider no agent reads, withdrawn, gone, too large). Reads block, so they run on a worker thread, never on the
 * event loop.
 */
@ApplicationScoped
public class StoredFiles {

    private static final Logger LOG = Logger.getLogger(StoredFiles.class);

    /**
     * The files fetched, by their path in the copy, one entry per stored item saying what became of it, and the agents'
     * copies read from the staging bucket (deleted once the copy is sealed).
     */
    record Listing(Map<String, byte[]> files, List<Map<String, Object>> entries, List<S3Objects.Address> staged) {}

    private final BundleConfig config;
    private final Map<String, S3Client> clients = new ConcurrentHashMap<>();

    StoredFiles(BundleConfig config) {
        this.config = config;
    }

    void stop(@Observes ShutdownEvent stopping) {
        clients.values().forEach(S3Client::close);
    }

    /**
     * @param items retention-service's {@code stored-items} records of the person
     * @param exports the deletion agents' answers for the items only they can read, by item id
     */
    Uni<Listing> of(List<Map<String, Object>> items, Map<String, FileExports.Export> exports) {
        if (items.isEmpty()) {
            return Uni.createFrom().item(new Listing(Map.of(), List.of(), List.of()));
        }
        return Uni.createFrom()
                .item(() -> fetch(items, exports))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Deletes the agents' copies from the staging bucket (a lifecycle rule on the bucket is the backstop). */
    Uni<Void> discardStaged(Listing listing) {
        if (listing.staged().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom()
                .item(() -> {
                    S3Client s3 = client(config.exports().store().orElseThrow());
                    for (S3Objects.Address object : listing.staged()) {
                        try {
                            s3.deleteObject(b -> b.bucket(object.bucket()).key(object.key()));
                        } catch (SdkException failure) {
                            LOG.warnf(
                                    "an agent's copy stays in the staging bucket until its lifecycle rule: %s",
                                    failure.toString());
                        }
                    }
                    return null;
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .replaceWithVoid();
    }

    private Listing fetch(List<Map<String, Object>> items, Map<String, FileExports.Export> exports) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<Map<String, Object>> entries = new ArrayList<>();
        List<S3Objects.Address> staged = new ArrayList<>();
        for (Map<String, Object> item : items) {
            String id = String.valueOf(item.get("id"));
            String store = String.valueOf(item.get("store"));
            String address = String.valueOf(item.get("storage_uri"));
            String category = String.valueOf(item.get("category"));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("itemId", id);
            entry.put("category", category);
            entry.put("store", store);
            entry.put("address", address);
            S3Objects.Address object = S3Objects.Address.parse(address);
            String folder = "files/" + category.toLowerCase(Locale.ROOT).replace('_', '-') + "/" + id + "-";
            String path = object == null ? null : folder + object.fileName();
            String why = null;
            if (item.get("settled_at") != null) {
                why = "deleted from its store (its disposal certificate is kept)";
            } else if (item.get("quarantined_at") != null) {
                why = "withdrawn from every reader until it is deleted (it was made without its disclosure)";
            } else if (exports.containsKey(id)) {
                FileExports.Export export = exports.get(id);
                path = folder + fileNameOf(address, export.contentType());
                why = readExport(store, export, path, files, staged);
            } else if (!config.objectStores().containsKey(store) || object == null) {
                why = "kept by " + store + ", which this copy cannot read from: ask the company for it";
            } else {
                why = read(store, object, path, files);
            }
            entry.put("inCopy", why == null ? path : null);
            if (why != null) {
                entry.put("notInCopy", why);
            }
            entries.add(entry);
        }
        return new Listing(files, entries, staged);
    }

    /** @return why the agent's copy is not in the copy, or null when it was read (and its hash matched) */
    private String readExport(
            String store,
            FileExports.Export export,
            String path,
            Map<String, byte[]> files,
            List<S3Objects.Address> staged) {
        if (export.outcome() == null) {
            return "the agent that reads " + store + " did not answer in time: ask the company for it";
        }
        switch (FileExportOutcome.valueOf(export.outcome())) {
            case NOT_FOUND -> {
                return "no longer in " + store;
            }
            case TOO_LARGE -> {
                return "larger than a copy carries (" + export.detail() + "): ask the company for it";
            }
            case NOT_A_FILE -> {
                return "kept by " + store + " as a record, not a file";
            }
            case FAILED -> {
                return store + " could not be read for the copy (" + export.detail() + "): ask the company for it";
            }
            default -> {
                // EXPORTED: read below
            }
        }
        S3Objects.Address object = S3Objects.Address.parse(export.target());
        staged.add(object);
        String staging = config.exports().store().orElseThrow();
        byte[] content;
        try {
            content = client(staging)
                    .getObjectAsBytes(b -> b.bucket(object.bucket()).key(object.key()))
                    .asByteArray();
        } catch (NoSuchKeyException gone) {
            return "the agent's copy of it is missing from " + staging + ": ask the company for it";
        } catch (SdkException unreachable) {
            throw new IllegalStateException(staging + " could not be read for the copy", unreachable);
        }
        if (!Manifest.sha256(content).equals(export.sha256())) {
            return "the agent's copy of it did not match what the agent read (SHA-256): ask the company for it";
        }
        files.put(path, content);
        return null;
    }

    private S3Client client(String store) {
        return clients.computeIfAbsent(store, name -> {
            BundleConfig.ObjectStore settings = config.objectStores().get(name);
            return S3Objects.client(
                    settings.baseUrl(),
                    settings.region(),
                    settings.username(),
                    settings.password(),
                    config.storeTimeout());
        });
    }

    /** The item's own name in its store, with the extension its content type says (a provider's ids have none). */
    private static String fileNameOf(String address, String contentType) {
        String name = address.replaceAll("/+$", "");
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.contains(".")) {
            return name;
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String extension = type.startsWith("audio/wav")
                        || type.startsWith("audio/x-wav")
                        || type.startsWith("audio/wave")
                ? ".wav"
                : type.startsWith("audio/mpeg") || type.startsWith("audio/mp3")
                        ? ".mp3"
                        : type.startsWith("application/json") ? ".json" : type.startsWith("text/") ? ".txt" : "";
        return name + extension;
    }

    /** @return why the file is not in the copy, or null when it was read into {@code files} */
    private String read(String store, S3Objects.Address object, String path, Map<String, byte[]> files) {
        S3Client s3 = client(store);
        try {
            long size = s3.headObject(b -> b.bucket(object.bucket()).key(object.key()))
                    .contentLength();
            if (size > config.maxFileBytes()) {
                return "larger than a copy carries (" + size + " bytes): ask the company for it";
            }
            files.put(
                    path,
                    s3.getObjectAsBytes(b -> b.bucket(object.bucket()).key(object.key()))
                            .asByteArray());
            return null;
        } catch (NoSuchKeyException gone) {
            return "no longer in " + store;
        } catch (S3Exception failure) {
            if (failure.statusCode() == 404) {
                return "no longer in " + store;
            }
            throw new IllegalStateException(
                    "reading " + object.key() + " from " + store + " failed: HTTP " + failure.statusCode(), failure);
        } catch (SdkException unreachable) {
            throw new IllegalStateException(store + " could not be reached for the copy", unreachable);
        }
    }
}
