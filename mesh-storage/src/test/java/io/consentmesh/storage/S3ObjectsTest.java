package io.consentmesh.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class S3ObjectsTest {

    @Test
    void anAddressIsABucketAndAKey() {
        S3Objects.Address address = S3Objects.Address.parse("s3://recordings/acme/2026/call-1.wav");
        assertThat(address.bucket()).isEqualTo("recordings");
        assertThat(address.key()).isEqualTo("acme/2026/call-1.wav");
        assertThat(address.fileName()).isEqualTo("call-1.wav");
    }

    @Test
    void anythingElseIsNoAddress() {
        assertThat(S3Objects.Address.parse("https://api.twilio.com/Recordings/RE1"))
                .isNull();
        assertThat(S3Objects.Address.parse("s3://bucket-only")).isNull();
        assertThat(S3Objects.Address.parse("s3://bucket/")).isNull();
        assertThat(S3Objects.Address.parse("s3:///key")).isNull();
        assertThat(S3Objects.Address.parse(null)).isNull();
    }
}
