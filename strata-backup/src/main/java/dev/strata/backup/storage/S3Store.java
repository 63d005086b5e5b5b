package dev.strata.backup.storage;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.backup.ObjectStorage;
import dev.strata.backup.manifest.Manifest;
import dev.strata.backup.manifest.ManifestIo;
import dev.strata.backup.manifest.Permissions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Backups in S3-compatible object storage (AWS SDK v2, its URLConnection HTTP client): each backup
 * under {@code prefix/<id>/}, files streamed up (multipart above the part size, one part in memory
 * at a time; from a local file or straight from pg_dump's output) and down, the manifest's checksum
 * and then the manifest uploaded last, so that an upload that stops midway is an incomplete backup,
 * never one that looks good.
 */
public final class S3Store implements BackupStore, AutoCloseable {
  private final ObjectStorage storage;
  private final S3Client client;

  public S3Store(ObjectStorage storage) {
    this.storage = storage;
    S3ClientBuilder builder = S3Client.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(Region.of(storage.region()))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .credentialsProvider(credentials(storage));
    storage.endpoint().ifPresent(endpoint -> builder.endpointOverride(endpoint).forcePathStyle(true));
    this.client = builder.build();
  }

  private static AwsCredentialsProvider credentials(ObjectStorage storage) {
    if (storage.accessKey().isPresent() && storage.secretKey().isPresent()) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create(storage.accessKey().get(), storage.secretKey().get()));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  private String base() {
    return storage.prefix().isEmpty() ? "" : storage.prefix() + "/";
  }

  private String key(String id, String path) {
    return base() + id + "/" + path;
  }

  @Override
  public String describe() {
    return storage.location();
  }

  @Override
  public String describe(String id) {
    return storage.location() + "/" + id;
  }

  /** Uploads a finished local backup folder: the data first, then the manifest's checksum, the manifest last. */
  public void upload(String id, Path folder) {
    try {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(folder)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      List<Path> last = List.of(folder.resolve(ManifestIo.CHECKSUM_FILE), folder.resolve(ManifestIo.FILE));
      for (Path file : files) {
        if (!last.contains(file)) {
          put(key(id, folder.relativize(file).toString().replace('\\', '/')), file);
        }
      }
      for (Path file : last) {
        put(key(id, file.getFileName().toString()), file);
      }
    } catch (IOException | SdkException e) {
      throw failed("upload backup " + id + " to", e);
    }
  }

  private void put(String key, Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      put(key, in, () -> {});
    }
  }

  /**
   * Streams {@code in} into the file {@code path} of backup {@code id} without a local copy, and
   * returns its size: one request when it fits in a part, else a multipart upload holding one part
   * in memory at a time. {@code beforeCommit} runs once {@code in} ended and before the object
   * becomes visible: when it throws (the client that wrote the stream failed), nothing is stored.
   */
  public long upload(String id, String path, InputStream in, Runnable beforeCommit) throws IOException {
    try {
      return put(key(id, path), in, beforeCommit);
    } catch (SdkException e) {
      throw failed("upload " + path + " of backup " + id + " to", e);
    }
  }

  private long put(String key, InputStream in, Runnable beforeCommit) throws IOException {
    try (Upload upload = new Upload(key)) {
      in.transferTo(upload);
      beforeCommit.run();
      return upload.commit();
    }
  }

  /**
   * The file {@code path} of backup {@code id} as a stream to write (an archive encrypted on its way
   * from pg_dump): nothing is visible in the bucket before {@link Upload#commit()}, and closing it
   * without a commit abandons the upload.
   */
  public Upload openUpload(String id, String path) {
    return new Upload(key(id, path));
  }

  /**
   * One object written as a stream: one request when it fits in a part, else a multipart upload
   * holding one part in memory at a time. Failures of the service throw {@link StrataException}.
   */
  public final class Upload extends java.io.OutputStream {
    private final String key;
    private final byte[] buffer = new byte[(int) Math.min(storage.partSize(), Integer.MAX_VALUE - 16)];
    private final List<CompletedPart> parts = new ArrayList<>();
    private int filled;
    private long size;
    private String uploadId;
    private boolean ended;

    private Upload(String key) {
      this.key = key;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int off, int len) {
      if (ended) {
        throw new IllegalStateException("the upload of " + key + " has ended");
      }
      while (len > 0) {
        if (filled == buffer.length) {
          uploadPart();
        }
        int n = Math.min(len, buffer.length - filled);
        System.arraycopy(bytes, off, buffer, filled, n);
        filled += n;
        off += n;
        len -= n;
      }
    }

    private void uploadPart() {
      try {
        if (uploadId == null) {
          uploadId = client.createMultipartUpload(b -> b.bucket(storage.bucket()).key(key)).uploadId();
        }
        int part = parts.size() + 1;
        long length = filled;
        String etag = client.uploadPart(b -> b.bucket(storage.bucket()).key(key).uploadId(uploadId).partNumber(part).contentLength(length),
            RequestBody.fromBytes(filled == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, filled))).eTag();
        parts.add(CompletedPart.builder().partNumber(part).eTag(etag).build());
        size += filled;
        filled = 0;
      } catch (SdkException e) {
        throw failed("upload " + key + " to", e);
      }
    }

    /** Makes the object visible, and returns its size. */
    public long commit() {
      try {
        if (uploadId == null) {
          byte[] body = java.util.Arrays.copyOf(buffer, filled);
          client.putObject(b -> b.bucket(storage.bucket()).key(key), RequestBody.fromBytes(body));
          size = filled;
        } else {
          if (filled > 0) {
            uploadPart();
          }
          client.completeMultipartUpload(b -> b.bucket(storage.bucket()).key(key).uploadId(uploadId)
              .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
        }
        ended = true;
        return size;
      } catch (SdkException e) {
        throw failed("upload " + key + " to", e);
      }
    }

    /** Abandons the upload unless it was committed. */
    @Override
    public void close() {
      if (ended) {
        return;
      }
      ended = true;
      if (uploadId != null) {
        try {
          client.abortMultipartUpload(b -> b.bucket(storage.bucket()).key(key).uploadId(uploadId));
        } catch (RuntimeException ignored) {
          // The first error is the one to report.
        }
      }
    }
  }

  /** Every object under the prefix, grouped by backup id. */
  private Map<String, List<S3Object>> objects() {
    Map<String, List<S3Object>> byId = new LinkedHashMap<>();
    try {
      client.listObjectsV2Paginator(b -> b.bucket(storage.bucket()).prefix(base())).contents().forEach(o -> {
        String rest = o.key().substring(base().length());
        int slash = rest.indexOf('/');
        if (slash > 0) {
          byId.computeIfAbsent(rest.substring(0, slash), k -> new ArrayList<>()).add(o);
        }
      });
    } catch (SdkException e) {
      throw failed("list the backups in", e);
    }
    return byId;
  }

  @Override
  public List<Entry> list() {
    List<Entry> entries = new ArrayList<>();
    objects().forEach((id, objects) -> {
      Instant modified = objects.stream().map(S3Object::lastModified).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
      boolean hasManifest = objects.stream().anyMatch(o -> o.key().equals(key(id, ManifestIo.FILE)));
      if (!hasManifest) {
        entries.add(new Entry(id, Optional.empty(), true, Optional.empty(), modified));
        return;
      }
      try {
        entries.add(new Entry(id, Optional.of(ManifestIo.parse(bytes(key(id, ManifestIo.FILE)), describe(id) + "/" + ManifestIo.FILE)),
            false, Optional.empty(), modified));
      } catch (StrataException e) {
        entries.add(new Entry(id, Optional.empty(), false, Optional.of(e.getMessage()), modified));
      }
    });
    entries.sort(Comparator.comparing(Entry::id).reversed());
    return entries;
  }

  private byte[] bytes(String key) {
    try {
      return client.getObjectAsBytes(b -> b.bucket(storage.bucket()).key(key)).asByteArray();
    } catch (SdkException e) {
      throw failed("read " + key + " from", e);
    }
  }

  @Override
  public boolean manifestIntact(String id) {
    try {
      return ManifestIo.matches(bytes(key(id, ManifestIo.CHECKSUM_FILE)), bytes(key(id, ManifestIo.FILE)));
    } catch (StrataException e) {
      return false;
    }
  }

  @Override
  public List<String> files(String id, String dataPath) {
    List<S3Object> objects = objects().getOrDefault(id, List.of());
    String data = key(id, dataPath);
    return objects.stream().map(S3Object::key).filter(k -> k.equals(data) || k.startsWith(data + "/"))
        .map(k -> k.substring(key(id, "").length())).sorted().toList();
  }

  @Override
  public long size(String id, String path) {
    try {
      return client.headObject(b -> b.bucket(storage.bucket()).key(key(id, path))).contentLength();
    } catch (NoSuchKeyException e) {
      return -1;
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      if (e.statusCode() == 404) {
        return -1;
      }
      throw failed("read " + path + " of " + id + " from", e);
    } catch (SdkException e) {
      throw failed("read " + path + " of " + id + " from", e);
    }
  }

  @Override
  public InputStream open(String id, String path) throws IOException {
    try {
      ResponseInputStream<GetObjectResponse> in = client.getObject(b -> b.bucket(storage.bucket()).key(key(id, path)));
      return in;
    } catch (SdkException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** The first {@code bytes} of one file (a ranged request): enough to check that a key opens it. */
  @Override
  public InputStream openStart(String id, String path, long bytes) throws IOException {
    try {
      return client.getObject(b -> b.bucket(storage.bucket()).key(key(id, path)).range("bytes=0-" + (bytes - 1)));
    } catch (SdkException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public void writeManifest(String id, Manifest manifest) {
    byte[] bytes = ManifestIo.toBytes(manifest);
    try {
      client.putObject(b -> b.bucket(storage.bucket()).key(key(id, ManifestIo.CHECKSUM_FILE)), RequestBody.fromBytes(ManifestIo.checksumLine(bytes)));
      client.putObject(b -> b.bucket(storage.bucket()).key(key(id, ManifestIo.FILE)), RequestBody.fromBytes(bytes));
    } catch (SdkException e) {
      throw failed("write the manifest of " + id + " to", e);
    }
  }

  @Override
  public Path local(String id, Path scratch) {
    Path folder = scratch.resolve(id);
    try {
      for (S3Object object : objects().getOrDefault(id, List.of())) {
        Path target = folder.resolve(object.key().substring(key(id, "").length())).normalize();
        if (!target.startsWith(folder)) {
          continue;
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = client.getObject(b -> b.bucket(storage.bucket()).key(object.key()))) {
          Files.copy(in, target);
        }
        Permissions.privateFile(target);
      }
      return folder;
    } catch (IOException | SdkException e) {
      throw failed("download backup " + id + " from", e);
    }
  }

  @Override
  public void delete(String id) {
    List<ObjectIdentifier> keys = objects().getOrDefault(id, List.of()).stream()
        .map(o -> ObjectIdentifier.builder().key(o.key()).build()).toList();
    try {
      for (int i = 0; i < keys.size(); i += 1000) {
        List<ObjectIdentifier> batch = keys.subList(i, Math.min(keys.size(), i + 1000));
        client.deleteObjects(b -> b.bucket(storage.bucket()).delete(Delete.builder().objects(batch).build()));
      }
    } catch (SdkException e) {
      throw failed("delete backup " + id + " from", e);
    }
  }

  /** Deletes what a failed run uploaded (the cleanup, which must not hide the first error). */
  public void deleteQuietly(String id) {
    try {
      delete(id);
    } catch (RuntimeException ignored) {
      // Without its manifest the rest lists as incomplete, and prune removes it.
    }
  }

  private StrataException failed(String what, Exception e) {
    return new StrataException(ErrorCode.CONFIG, "Could not " + what + " " + storage.location() + ": " + e.getMessage(), e);
  }

  @Override
  public void close() {
    client.close();
  }
}
