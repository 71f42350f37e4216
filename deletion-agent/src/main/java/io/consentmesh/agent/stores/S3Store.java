package io.consentmesh.agent.stores;

import io.consentmesh.agent.config.AgentConfig;
import io.consentmesh.contracts.dsar.FileExportOutcome;
import io.consentmesh.contracts.retention.DeletionCommanded;
import io.consentmesh.messaging.deletion.Store;
import io.consentmesh.messaging.deletion.StoreAnswer;
import io.consentmesh.storage.S3Objects;
import io.consentmesh.storage.S3Objects.Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3-compatible object storage, the usual home of recordings and transcripts. The address is {@code s3://bucket/key}.
 * A deletion removes the object and any quarantined copy of it (ALREADY_GONE when neither exists); a quarantine moves
 * the object to the quarantine bucket (copy, then delete the original), so it is out of its readers' reach and is
 * deleted there later. Both can run again safely. A fetch copies the object into a local file, for a person's access
 * copy. Calls block on a worker thread, never on the event loop.
 */
public final class S3Store implements Store, FileSource {

    private final String name;
    private final S3Client s3;
    private final String quarantineBucket;
    private final Executor workers;

    public S3Store(String name, AgentConfig.Store config, Duration timeout, Executor workers) {
        this.name = name;
        this.workers = workers;
        this.quarantineBucket = config.quarantineBucket().orElse(null);
        this.s3 = S3Objects.client(
                config.baseUrl(),
                config.region(),
                config.username().orElseThrow(() -> missing("username (access key id)")),
                config.password().orElseThrow(() -> missing("password (secret access key)")),
                timeout);
    }

    private IllegalArgumentException missing(String what) {
        return new IllegalArgumentException("store " + name + " has no " + what + " configured");
    }

    @Override
    public CompletionStage<StoreAnswer> delete(DeletionCommanded command) {
        return run(command, location -> {
            boolean original = exists(location.bucket(), location.key());
            boolean copy = quarantineBucket != null && exists(quarantineBucket, quarantinedKey(location));
            if (!original && !copy) {
                return StoreAnswer.gone("no such object in " + name);
            }
            if (original) {
                s3.deleteObject(b -> b.bucket(location.bucket()).key(location.key()));
            }
            if (copy) {
                s3.deleteObject(b -> b.bucket(quarantineBucket).key(quarantinedKey(location)));
            }
            return StoreAnswer.deleted("deleted from " + name + (copy ? " (and its quarantined copy)" : ""));
        });
    }

    @Override
    public CompletionStage<StoreAnswer> quarantine(DeletionCommanded command) {
        if (quarantineBucket == null) {
            return delete(command); // nowhere to keep it out of reach: deleted, stricter than asked
        }
        return run(command, location -> {
            String target = quarantinedKey(location);
            if (exists(location.bucket(), location.key())) {
                s3.copyObject(b -> b.sourceBucket(location.bucket())
                        .sourceKey(location.key())
                        .destinationBucket(quarantineBucket)
                        .destinationKey(target));
                s3.deleteObject(b -> b.bucket(location.bucket()).key(location.key()));
                return StoreAnswer.quarantined("moved to " + quarantineBucket + " in " + name);
            }
            if (exists(quarantineBucket, target)) {
                return StoreAnswer.quarantined("already in " + quarantineBucket + " in " + name);
            }
            return StoreAnswer.gone("no such object in " + name);
        });
    }

    @Override
    public CompletionStage<FetchedFile> fetch(String address, long maxBytes, Path into) {
        Address location = Address.parse(address);
        if (location == null) {
            return CompletableFuture.completedFuture(
                    FetchedFile.failed("the address is not s3://bucket/key in " + name, null));
        }
        Supplier<FetchedFile> call = () -> {
            try {
                HeadObjectResponse head =
                        s3.headObject(b -> b.bucket(location.bucket()).key(location.key()));
                if (head.contentLength() > maxBytes) {
                    return FetchedFile.not(FileExportOutcome.TOO_LARGE, head.contentLength() + " bytes in " + name);
                }
                Files.deleteIfExists(into); // the SDK writes a new file
                s3.getObject(b -> b.bucket(location.bucket()).key(location.key()), ResponseTransformer.toFile(into));
                return FetchedFile.of(into, head.contentType());
            } catch (NoSuchKeyException gone) {
                return FetchedFile.not(FileExportOutcome.NOT_FOUND, "no such object in " + name);
            } catch (S3Exception failure) {
                if (failure.statusCode() == 404) {
                    return FetchedFile.not(FileExportOutcome.NOT_FOUND, "no such object in " + name);
                }
                boolean busy = failure.statusCode() == 429 || failure.statusCode() >= 500;
                return FetchedFile.failed("HTTP " + failure.statusCode() + " from " + name, busy ? 1 : null);
            } catch (SdkClientException unreachable) {
                return FetchedFile.failed(name + " could not be reached", 1);
            } catch (java.io.IOException local) {
                throw new java.io.UncheckedIOException(local);
            }
        };
        return CompletableFuture.supplyAsync(call, workers);
    }

    private interface Step {
        StoreAnswer on(Address location);
    }

    private CompletionStage<StoreAnswer> run(DeletionCommanded command, Step step) {
        Address location = Address.parse(command.address());
        if (location == null) {
            return CompletableFuture.completedFuture(
                    StoreAnswer.failed("the address is not s3://bucket/key in " + name, null));
        }
        Supplier<StoreAnswer> call = () -> {
            try {
                return step.on(location);
            } catch (S3Exception failure) {
                int status = failure.statusCode();
                return StoreAnswer.failed(
                        "HTTP " + status + " from " + name + " ("
                                + failure.awsErrorDetails().errorCode() + ")",
                        null);
            } catch (SdkClientException unreachable) {
                return StoreAnswer.failed(name + " could not be reached", null);
            }
        };
        return CompletableFuture.supplyAsync(call, workers);
    }

    private boolean exists(String bucket, String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException notThere) {
            return false;
        } catch (S3Exception failure) {
            if (failure.statusCode() == 404) {
                return false;
            }
            throw failure;
        }
    }

    private static String quarantinedKey(Address location) {
        return location.bucket() + "/" + location.key();
    }
}
