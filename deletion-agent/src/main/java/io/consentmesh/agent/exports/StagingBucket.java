package io.consentmesh.agent.exports;

import io.consentmesh.agent.config.AgentConfig;
import io.consentmesh.storage.S3Objects;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * dsar-service's export staging bucket, where this agent writes the files it copies for persons' access copies. Only
 * the configured bucket is written to: a command naming another target is refused.
 */
final class StagingBucket implements AutoCloseable {

    private final String bucket;
    private final S3Client s3;

    StagingBucket(AgentConfig.ExportTarget config, Duration timeout) {
        this.bucket = config.bucket();
        this.s3 = S3Objects.client(config.baseUrl(), config.region(), config.username(), config.password(), timeout);
    }

    /** @return why the target is refused, or null when it is this bucket */
    String refusal(S3Objects.Address target) {
        if (target == null) {
            return "the target is not s3://bucket/key";
        }
        return target.bucket().equals(bucket) ? null : "the target is not this agent's export bucket";
    }

    /** Writes (or writes again: the same target, the same content) one exported file. Blocks. */
    void put(S3Objects.Address target, Path file, String contentType) {
        s3.putObject(
                b -> b.bucket(target.bucket())
                        .key(target.key())
                        .contentType(contentType == null ? "application/octet-stream" : contentType),
                RequestBody.fromFile(file));
    }

    @Override
    public void close() {
        s3.close();
    }
}
