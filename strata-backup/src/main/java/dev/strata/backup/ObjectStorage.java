package dev.strata.backup;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * S3-compatible object storage for the backups (AWS S3, MinIO, R2… by endpoint): each backup under
 * {@code prefix/<id>/}, its manifest uploaded last.
 *
 * @param endpoint the service's URL for anything but AWS ({@code http://minio:9000}); path-style addressing then
 * @param accessKey and {@code secretKey}: when empty, the AWS SDK's default chain (environment, profile…)
 * @param partSize multipart upload part size in bytes: at least 5 MiB (S3's minimum for every part but the last)
 */
public record ObjectStorage(String bucket, String prefix, Optional<URI> endpoint, String region, Optional<String> accessKey,
    Optional<String> secretKey, long partSize) {

  public static final long DEFAULT_PART_SIZE = 16L * 1024 * 1024;
  public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

  public ObjectStorage {
    Objects.requireNonNull(bucket, "bucket");
    prefix = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(accessKey, "accessKey");
    Objects.requireNonNull(secretKey, "secretKey");
    if (partSize < MIN_PART_SIZE) {
      throw new IllegalArgumentException("the part size must be at least 5 MiB (S3's minimum), not " + partSize + " bytes");
    }
  }

  /**
   * {@code s3://bucket/prefix}.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static ObjectStorage parse(String location, Optional<URI> endpoint, String region, Optional<String> accessKey,
      Optional<String> secretKey) {
    if (!location.startsWith("s3://") || location.length() <= 5) {
      throw new IllegalArgumentException("an object storage location is s3://BUCKET[/PREFIX], not " + location);
    }
    String rest = location.substring(5);
    int slash = rest.indexOf('/');
    return new ObjectStorage(slash < 0 ? rest : rest.substring(0, slash), slash < 0 ? "" : rest.substring(slash + 1), endpoint, region,
        accessKey, secretKey, DEFAULT_PART_SIZE);
  }

  public ObjectStorage withPartSize(long value) {
    return new ObjectStorage(bucket, prefix, endpoint, region, accessKey, secretKey, value);
  }

  /** {@code s3://bucket/prefix}. */
  public String location() {
    return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
  }

  /** Never prints the secret key. */
  @Override
  public String toString() {
    return "ObjectStorage[" + location() + endpoint.map(e -> ", endpoint=" + e).orElse("") + ", region=" + region
        + accessKey.map(k -> ", accessKey=" + k + ", secretKey=****").orElse("") + ", partSize=" + partSize + "]";
  }
}
