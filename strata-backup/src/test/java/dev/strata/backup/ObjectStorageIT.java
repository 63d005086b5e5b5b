package dev.strata.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Consent;
import dev.strata.Strata;
import dev.strata.config.DatabaseUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Backups in S3-compatible object storage: a real S3 API server (s3proxy) on loopback, the real AWS SDK client. */
class ObjectStorageIT {
  @RegisterExtension
  static final S3ProxyExtension S3 = S3ProxyExtension.builder().withCredentials("access", "secret-key-1").build();

  @TempDir Path dir;
  DatabaseUrl server;
  String source;
  S3Client s3;

  @BeforeEach
  void setUp() {
    server = LocalServer.server();
    source = LocalServer.createDatabase("backup_s3");
    LocalServer.execute(source, Fixtures.SCHEMA + "CREATE TABLE big (id int PRIMARY KEY, body text);"
        + " INSERT INTO big SELECT g, repeat(md5(g::text), 100) FROM generate_series(1, 4000) g;");
    s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1).endpointOverride(S3.getUri())
        .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret-key-1")))
        .build();
    s3.createBucket(b -> b.bucket("backups"));
  }

  @AfterEach
  void tearDown() {
    s3.close();
    LocalServer.dropDatabase(source);
    LocalServer.databases(source + "_restored").forEach(LocalServer::dropDatabase);
  }

  private Backups backups(BackupSettings settings) {
    return Backups.of(Strata.of(Strata.configure().url(server.withDatabase(source)).build()), settings);
  }

  private ObjectStorage storage(long partSize) {
    return new ObjectStorage("backups", "prod/db", Optional.of(S3.getUri()), "us-east-1", Optional.of("access"), Optional.of("secret-key-1"),
        partSize);
  }

  @Test
  void create_list_verify_restore_and_prune_in_object_storage_with_multipart_uploads() throws Exception {
    Backups backups = backups(BackupSettings.defaults(dir.resolve("staging")).withFormat(BackupFormat.CUSTOM).withCompression(0).withJobs(1)
        .withObjectStorage(storage(ObjectStorage.MIN_PART_SIZE)));
    BackupInfo first = backups.create("daily");
    assertThat(first.path()).isEqualTo("s3://backups/prod/db/" + first.id());
    assertThat(first.sizeBytes()).as("big enough for several parts").isGreaterThan(2 * ObjectStorage.MIN_PART_SIZE);
    String etag = s3.headObject(b -> b.bucket("backups").key("prod/db/" + first.id() + "/data.dump")).eTag();
    assertThat(etag).as("a multipart upload's ETag ends in -<parts>").matches("\"?[0-9a-f]+-\\d+\"?");
    try (Stream<Path> left = Files.list(dir.resolve("staging"))) {
      assertThat(left).as("no local copy is kept").isEmpty();
    }

    assertThat(backups.list()).extracting(BackupInfo::id).containsExactly(first.id());
    assertThat(backups.verify(first.id(), VerifyLevel.CHECKSUMS).ok()).isTrue();
    VerifyResult restored = backups.verify(first.id(), VerifyLevel.RESTORE);
    assertThat(restored.ok()).as(restored.problems().toString()).isTrue();
    assertThat(backups.list().get(0).verified()).as("the result is written back to the manifest in the bucket").isTrue();
    assertThat(backups.verify(first.id(), VerifyLevel.CHECKSUMS).ok()).isTrue();

    RestoreResult result = backups.restore(backups.previewRestore(first.id(), Optional.empty()), Optional.empty(), Consent.NONE);
    assertThat(result.contentMatches()).as(result.problems().toString()).isTrue();
    assertThat(Fixtures.fingerprint(result.targetDatabase(), "\"Everything\"")).isEqualTo(Fixtures.fingerprint(source, "\"Everything\""));

    BackupInfo second = backups.create("daily");
    PrunePlan plan = backups.previewPrune();
    assertThat(plan.keep()).extracting(PrunePlan.Decision::id).containsExactly(second.id(), first.id());
    backups = backups(BackupSettings.defaults(dir.resolve("staging")).withObjectStorage(storage(ObjectStorage.MIN_PART_SIZE))
        .withRetention(new BackupSettings.RetentionPolicy(1, 0, 0, 0, Optional.empty(), java.time.ZoneId.of("UTC"))));
    plan = backups.previewPrune();
    assertThat(plan.delete()).as("first is the newest verified backup").isEmpty();
    s3.putObject(b -> b.bucket("backups").key("prod/db/" + second.id() + "/data.dump"), RequestBody.fromString("not a dump"));
    VerifyResult broken = backups.verify(second.id(), VerifyLevel.CHECKSUMS);
    assertThat(broken.ok()).isFalse();
    assertThat(broken.problems()).singleElement().asString().contains("data.dump: ", "the manifest says");
    Backups pruning = backups(BackupSettings.defaults(dir.resolve("staging")).withObjectStorage(storage(ObjectStorage.MIN_PART_SIZE))
        .withRetention(new BackupSettings.RetentionPolicy(0, 0, 0, 0, Optional.empty(), java.time.ZoneId.of("UTC"))));
    BackupInfo third = pruning.create("daily");
    PrunePlan last = pruning.previewPrune();
    assertThat(last.delete()).extracting(PrunePlan.Decision::id).containsExactly(second.id());
    pruning.prune(last, Consent.reset());
    assertThat(pruning.list()).extracting(BackupInfo::id).containsExactly(third.id(), first.id());
    List<String> keys = s3.listObjectsV2(b -> b.bucket("backups").prefix("prod/db/" + second.id())).contents().stream().map(o -> o.key()).toList();
    assertThat(keys).isEmpty();
  }

  @Test
  void an_upload_that_stopped_before_the_manifest_is_incomplete() {
    s3.putObject(b -> b.bucket("backups").key("prod/db/20260101-000000-dead/data/3456.dat.gz"), RequestBody.fromString("half"));
    Backups backups = backups(BackupSettings.defaults(dir.resolve("staging")).withObjectStorage(storage(ObjectStorage.MIN_PART_SIZE)));
    assertThat(backups.list()).singleElement().satisfies(b -> {
      assertThat(b.complete()).isFalse();
      assertThat(b.verified()).isFalse();
    });
  }
}
