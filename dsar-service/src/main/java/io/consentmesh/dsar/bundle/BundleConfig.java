package io.consentmesh.dsar.bundle;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code mesh.dsar.bundle.*}: the person's copy for an access or portability request. */
@ConfigMapping(prefix = "mesh.dsar.bundle")
public interface BundleConfig {

    /**
     * The Ed25519 private key (a 32-byte seed, base64) that signs bundle manifests; no default outside dev and test
     * (MESH_DSAR_BUNDLE_SIGNING_KEY). Its public key verifies a bundle offline.
     */
    String signingKey();

    /** How long a bundle is kept for the person to download before its content is deleted. */
    @WithDefault("P30D")
    Duration keepFor();

    /** How long a download link works. */
    @WithDefault("P7D")
    Duration linkValidFor();

    /** How many downloads one link serves (a failed download can be retried; a leaked link cannot be mined). */
    @WithDefault("5")
    int downloadsPerLink();

    /** How often completed requests are looked for without a bundle, and expired bundles deleted. */
    @WithDefault("PT10S")
    Duration checkEvery();

    /**
     * The S3-compatible stores whose files (recordings, transcripts) go into the copy, by the store name the inventory
     * gives items; read-only credentials suffice. Items of other stores (a provider's) are listed with where they are.
     */
    Map<String, ObjectStore> objectStores();

    /** How long a store may take to connect and to answer. */
    @WithDefault("PT30S")
    Duration storeTimeout();

    /** A stored file larger than this is listed, not copied (its store is named). */
    @WithDefault("268435456")
    long maxFileBytes();

    interface ObjectStore {
        String baseUrl();

        @WithDefault("us-east-1")
        String region();

        String username();

        String password();
    }

    /** The stores whose files the deletion agents copy for the copy: those dsar-service is given no access to. */
    Exports exports();

    /**
     * Files read through the deletion agent that answers for their store (a provider's recordings, object storage
     * dsar-service has no credentials for): dsar-service commands a copy to its staging bucket, waits for the agents'
     * answers, reads the files from there (checking each one's SHA-256) and deletes them once the copy is sealed.
     */
    interface Exports {

        /** The stores whose files are copied by their agents; none unless configured. */
        Optional<List<String>> stores();

        /** Which of {@link #objectStores()} is the staging storage (the agents write there, dsar-service reads). */
        Optional<String> store();

        /** The staging bucket in that store (the agents may write there only). */
        Optional<String> bucket();

        /** How long the copy waits for the agents; a file not answered by then is listed as not in the copy. */
        @WithDefault("PT15M")
        Duration waitFor();
    }

    /** The public base URL of dsar-service that download links start with. */
    @WithDefault("http://127.0.0.1:8084")
    String publicBaseUrl();
}
