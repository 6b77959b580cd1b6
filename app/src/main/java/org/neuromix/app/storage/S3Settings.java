package org.neuromix.app.storage;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code neuromix.storage.s3.*}: with a bucket set, session files live in that S3-compatible bucket
 * instead of {@code <data-dir>/files}. Credentials come from the AWS SDK's usual chain
 * (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ~/.aws/credentials of the service user, an instance role),
 * never from these settings.
 *
 * @param endpoint  the server, for stores other than AWS (MinIO, Garage, S3Proxy, Ceph); empty for AWS
 * @param bucket    the bucket (must exist); empty keeps files on the local disk
 * @param region    the signing region
 * @param pathStyle {@code true} for servers that want http://host/bucket/key rather than http://bucket.host/key
 */
@ConfigurationProperties("neuromix.storage.s3")
public record S3Settings(URI endpoint, String bucket, @DefaultValue("us-east-1") String region,
                         @DefaultValue("false") boolean pathStyle) {
    public S3Settings {
        if (bucket != null && !bucket.isBlank() && !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("neuromix.storage.s3.bucket: '" + bucket
                    + "' is not a bucket name (3-63 lower-case letters, digits, dots and hyphens)");
        }
        if (endpoint != null && (endpoint.getScheme() == null || !endpoint.getScheme().matches("https?")
                || endpoint.getHost() == null)) {
            throw new IllegalArgumentException("neuromix.storage.s3.endpoint: '" + endpoint + "' is not an http(s) URL");
        }
        if (region == null || !region.matches("[a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("neuromix.storage.s3.region: '" + region + "' is not a region name");
        }
    }

    public boolean enabled() {
        return bucket != null && !bucket.isBlank();
    }
}
