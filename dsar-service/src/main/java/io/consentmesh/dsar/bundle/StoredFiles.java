package io.consentmesh.dsar.bundle;

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
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The stored files of a person (recordings, transcripts) that go into their copy: each item retention-service listed
 * that is still kept, in an S3-compatible store dsar-service may read ({@code mesh.dsar.bundle.object-stores}), is
 * fetched; every other is listed with why it is not in the copy (kept by a provider, withdrawn, gone, too large). Reads
 * block, so they run on a worker thread, never on the event loop.
 */
@ApplicationScoped
public class StoredFiles {

    /** The files fetched, by their path in the copy, and one entry per stored item saying what became of it. */
    record Listing(Map<String, byte[]> files, List<Map<String, Object>> entries) {}

    private final BundleConfig config;
    private final Map<String, S3Client> clients = new ConcurrentHashMap<>();

    StoredFiles(BundleConfig config) {
        this.config = config;
    }

    void stop(@Observes ShutdownEvent stopping) {
        clients.values().forEach(S3Client::close);
    }

    /** @param items retention-service's {@code stored-items} records of the person */
    Uni<Listing> of(List<Map<String, Object>> items) {
        if (items.isEmpty()) {
            return Uni.createFrom().item(new Listing(Map.of(), List.of()));
        }
        return Uni.createFrom().item(() -> fetch(items)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Listing fetch(List<Map<String, Object>> items) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<Map<String, Object>> entries = new ArrayList<>();
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
            String path = object == null
                    ? null
                    : "files/" + category.toLowerCase(Locale.ROOT).replace('_', '-') + "/" + id + "-"
                            + object.fileName();
            String why = null;
            if (item.get("settled_at") != null) {
                why = "deleted from its store (its disposal certificate is kept)";
            } else if (item.get("quarantined_at") != null) {
                why = "withdrawn from every reader until it is deleted (it was made without its disclosure)";
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
        return new Listing(files, entries);
    }

    /** @return why the file is not in the copy, or null when it was read into {@code files} */
    private String read(String store, S3Objects.Address object, String path, Map<String, byte[]> files) {
        S3Client s3 = clients.computeIfAbsent(store, name -> {
            BundleConfig.ObjectStore settings = config.objectStores().get(name);
            return S3Objects.client(
                    settings.baseUrl(),
                    settings.region(),
                    settings.username(),
                    settings.password(),
                    config.storeTimeout());
        });
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
