package dev.strata.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Consent;
import dev.strata.Strata;
import dev.strata.StrataEvent;
import dev.strata.StrataException;
import dev.strata.StrataListener;
import dev.strata.config.DatabaseUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

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
    return backups(settings, event -> {});
  }

  private Backups backups(BackupSettings settings, StrataListener listener) {
    return Backups.of(Strata.of(Strata.configure().url(server.withDatabase(source)).listener(listener).build()), settings);
  }

  /** Every regular file under {@code folder}, relative to it, but the {@code .gitignore} a backup folder gets (LocalStore). */
  private static List<String> filesUnder(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    for (int attempt = 0; ; attempt++) {
      try (Stream<Path> walk = Files.walk(folder)) {
        return walk.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString()).filter(f -> !f.equals(".gitignore"))
            .sorted().toList();
      } catch (java.io.UncheckedIOException | java.io.IOException e) {
        if (attempt == 20) {
          throw new AssertionError("the staging folder kept changing while listed", e);
        }
      }
    }
  }

  /** The number of parts of a multipart upload, from its ETag ({@code "<md5>-<parts>"}); 1 for a single PUT. */
  private int parts(String key) {
    String etag = s3.headObject(b -> b.bucket("backups").key(key)).eTag().replace("\"", "");
    return etag.contains("-") ? Integer.parseInt(etag.substring(etag.indexOf('-') + 1)) : 1;
  }

  private List<String> keys(String prefix) {
    return s3.listObjectsV2(b -> b.bucket("backups").prefix(prefix)).contents().stream().map(S3Object::key).toList();
  }

  private static boolean step(StrataEvent event, String step) {
    return event instanceof StrataEvent.BackupProgress p && p.step().equals(step);
  }

  @Test
  void a_custom_format_dump_streams_from_pg_dump_into_a_multipart_upload_without_a_local_file() {
    Path staging = dir.resolve("staging");
    List<String> seen = new CopyOnWriteArrayList<>();
    AtomicInteger tables = new AtomicInteger();
    Backups backups = backups(BackupSettings.defaults(staging).withFormat(BackupFormat.CUSTOM).withCompression(0).withJobs(1)
        .withObjectStorage(storage(ObjectStorage.MIN_PART_SIZE)), event -> {
          if (step(event, "table")) {
            tables.incrementAndGet();
            seen.addAll(filesUnder(staging));
          }
        });

    BackupInfo info = backups.create("daily");

    assertThat(tables.get()).as("the staging folder was looked at while pg_dump wrote each table").isGreaterThanOrEqualTo(3);
    assertThat(seen).as("no file of the dump is ever written locally").isEmpty();
    assertThat(filesUnder(staging)).isEmpty();
    String key = "prod/db/" + info.id() + "/data.dump";
    assertThat(info.sizeBytes()).isGreaterThan(2 * ObjectStorage.MIN_PART_SIZE);
    assertThat(parts(key)).as("streamed in 5 MiB parts").isEqualTo((int) ((info.sizeBytes() + ObjectStorage.MIN_PART_SIZE - 1) / ObjectStorage.MIN_PART_SIZE));
    assertThat(keys("prod/db/" + info.id() + "/")).containsExactly(key, "prod/db/" + info.id() + "/manifest.json",
        "prod/db/" + info.id() + "/manifest.json.sha256");
    VerifyResult verified = backups.verify(info.id(), VerifyLevel.CHECKSUMS);
    assertThat(verified.ok()).as("the SHA-256 taken on the stream matches the object: " + verified.problems()).isTrue();
  }

  /** Eight more tables of 5 MB of hex text each, which pg_dump takes a while to compress. */
  private void addPartTables() {
    StringBuilder tablesSql = new StringBuilder();
    for (int t = 1; t <= 8; t++) {
      tablesSql.append("CREATE TABLE part").append(t).append(" (id int PRIMARY KEY, body text); INSERT INTO part").append(t)
          .append(" SELECT g, md5(g::text) || md5((g + ").append(t).append(")::text) || md5((g * ").append(t)
          .append(")::text) || md5((g - ").append(t).append(")::text) FROM generate_series(1, 40000) g;");
    }
    LocalServer.execute(source, tablesSql.toString());
  }

  @Test
  void a_directory_format_dump_uploads_each_table_file_as_soon_as_pg_dump_finished_it() {
    addPartTables();
    Path staging = dir.resolve("staging");
    List<List<String>> duringDump = new CopyOnWriteArrayList<>();
    List<List<String>> atFinalUpload = new CopyOnWriteArrayList<>();
    Backups backups = backups(BackupSettings.defaults(staging).withFormat(BackupFormat.DIRECTORY).withJobs(2)
        .withObjectStorage(storage(ObjectStorage.MIN_PART_SIZE)), event -> {
          if (step(event, "table")) {
            duringDump.add(tableFiles(staging));
          } else if (step(event, "upload")) {
            atFinalUpload.add(tableFiles(staging));
          }
        });

    assertThat(backups.list()).as("the client is warm, as in a long-running process").isEmpty();
    BackupInfo info = backups.create("daily");

    assertThat(duringDump).hasSizeGreaterThanOrEqualTo(8);
    boolean leftWhileDumping = false;
    for (int i = 1; i < duringDump.size(); i++) {
      for (String earlier : duringDump.get(i - 1)) {
        leftWhileDumping |= !duringDump.get(i).contains(earlier);
      }
    }
    assertThat(leftWhileDumping).as("a finished table's file was uploaded and deleted while pg_dump still ran: " + duringDump).isTrue();
    assertThat(atFinalUpload).as("once pg_dump ended, every table's file is already in the bucket").singleElement().asList().isEmpty();
    assertThat(filesUnder(staging)).isEmpty();
    List<String> data = keys("prod/db/" + info.id() + "/data/");
    assertThat(data).hasSizeGreaterThanOrEqualTo(12).contains("prod/db/" + info.id() + "/data/toc.dat");
    VerifyResult verified = backups.verify(info.id(), VerifyLevel.RESTORE);
    assertThat(verified.ok()).as(verified.problems().toString()).isTrue();
    assertThat(verified.filesChecked()).isEqualTo(data.size());
  }

  /** Encrypted, a directory-format dump's files are each encrypted on their way into the bucket as pg_dump finishes them. */
  @Test
  void an_encrypted_directory_format_dump_encrypts_and_uploads_each_file_as_pg_dump_finishes_it() throws Exception {
    addPartTables();
    try (Gpg gpg = Gpg.in(dir.resolve("gnupg"))) {
      Path staging = dir.resolve("staging");
      List<List<String>> duringDump = new CopyOnWriteArrayList<>();
      Backups backups = backups(BackupSettings.defaults(staging).withFormat(BackupFormat.DIRECTORY).withJobs(2)
          .withEncryption(Encryption.passphrase("dir s3cret")).withObjectStorage(storage(ObjectStorage.MIN_PART_SIZE)), event -> {
            if (step(event, "table")) {
              duringDump.add(tableFiles(staging));
            }
          });
      BackupInfo info = backups.create("daily");

      boolean leftWhileDumping = false;
      for (int i = 1; i < duringDump.size(); i++) {
        for (String earlier : duringDump.get(i - 1)) {
          leftWhileDumping |= !duringDump.get(i).contains(earlier);
        }
      }
      assertThat(leftWhileDumping).as("a finished table's clear file was gone while pg_dump still ran: " + duringDump).isTrue();
      assertThat(filesUnder(staging)).isEmpty();
      List<String> data = keys("prod/db/" + info.id() + "/data/");
      assertThat(data).hasSizeGreaterThanOrEqualTo(12).allSatisfy(k -> assertThat(k).endsWith(".pgp"))
          .contains("prod/db/" + info.id() + "/data/toc.dat.pgp");
      Path toc = Files.write(dir.resolve("toc.dat.pgp"),
          s3.getObjectAsBytes(b -> b.bucket("backups").key("prod/db/" + info.id() + "/data/toc.dat.pgp")).asByteArray());
      Gpg.Run decrypted = gpg.decrypt(toc, "dir s3cret").ok();
      assertThat(new String(decrypted.out(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).as("pg_dump's table of contents").isEqualTo("PGDMP");
      VerifyResult verified = backups.verify(info.id(), VerifyLevel.RESTORE);
      assertThat(verified.ok()).as(verified.problems().toString()).isTrue();
      assertThat(filesUnder(staging)).isEmpty();
    }
  }

  @Test
  void verify_checksums_streams_each_object_and_catches_one_flipped_byte() {
    Backups backups = backups(BackupSettings.defaults(dir.resolve("staging")).withFormat(BackupFormat.CUSTOM).withCompression(0).withJobs(1)
        .withObjectStorage(storage(ObjectStorage.MIN_PART_SIZE)));
    BackupInfo info = backups.create("daily");
    String key = "prod/db/" + info.id() + "/data.dump";
    assertThat(backups.verify(info.id(), VerifyLevel.CHECKSUMS).ok()).isTrue();

    byte[] bytes = s3.getObjectAsBytes(b -> b.bucket("backups").key(key)).asByteArray();
    bytes[bytes.length / 2 + 7] ^= 0x01;
    s3.putObject(b -> b.bucket("backups").key(key), RequestBody.fromBytes(bytes));
    VerifyResult broken = backups.verify(info.id(), VerifyLevel.CHECKSUMS);

    assertThat(broken.ok()).isFalse();
    assertThat(broken.problems()).containsExactly("data.dump: SHA-256 differs from the manifest (the content changed)");
    assertThat(filesUnder(dir.resolve("staging"))).as("nothing was downloaded to disk").isEmpty();
    assertThat(backups.list().get(0).verified()).as("the failed verification is recorded in the bucket").isFalse();
  }

  @Test
  void a_custom_format_backup_is_restored_and_verified_by_restore_streamed_from_the_bucket_into_pg_restore() {
    List<List<String>> restoreArguments = new CopyOnWriteArrayList<>();
    Backups backups = backups(BackupSettings.defaults(dir.resolve("staging")).withFormat(BackupFormat.CUSTOM).withJobs(2)
        .withObjectStorage(storage(ObjectStorage.MIN_PART_SIZE)), event -> {
          if (step(event, "table")) {
            ProcessHandle.current().descendants().filter(h -> h.info().command().map(c -> c.endsWith("/pg_restore")).orElse(false))
                .forEach(h -> restoreArguments.add(h.info().arguments().map(List::of).orElse(List.of("<unknown>"))));
          }
        });
    BackupInfo info = backups.create("daily");

    VerifyResult verified = backups.verify(info.id(), VerifyLevel.RESTORE);
    assertThat(verified.ok()).as(verified.problems().toString()).isTrue();
    assertThat(verified.tablesCompared()).isEqualTo(5);
    int duringVerify = restoreArguments.size();
    RestoreResult result = backups.restore(backups.previewRestore(info.id(), Optional.empty()), Optional.empty(), Consent.NONE);

    assertThat(result.contentMatches()).as(result.problems().toString()).isTrue();
    assertThat(Fixtures.fingerprint(result.targetDatabase(), "\"Everything\"")).isEqualTo(Fixtures.fingerprint(source, "\"Everything\""));
    assertThat(Fixtures.fingerprint(result.targetDatabase(), "big")).isEqualTo(Fixtures.fingerprint(source, "big"));
    assertThat(duringVerify).as("pg_restore was seen while it restored the scratch copy").isPositive();
    assertThat(restoreArguments.size()).as("and while it restored the new database").isGreaterThan(duringVerify);
    assertThat(restoreArguments).as("pg_restore reads its standard input: no file, one job").allSatisfy(arguments -> {
      assertThat(arguments).contains("--jobs=1").noneMatch(a -> !a.startsWith("-"));
    });
    assertThat(filesUnder(dir.resolve("staging"))).isEmpty();
  }

  /**
   * Encrypted to a public key (gpg's), a custom-format backup goes from pg_dump through the
   * encryption into a multipart upload with no local file; verify --level restore reads the object
   * once (counted by a relay in front of the server), decrypting it on its way into pg_restore;
   * gpg decrypts the object without Strata.
   */
  @Test
  void an_encrypted_custom_format_backup_streams_through_the_encryption_into_the_bucket_and_back_into_pg_restore() throws Exception {
    try (Gpg gpg = Gpg.in(dir.resolve("gnupg")); ByteCountingRelay relay = new ByteCountingRelay(S3.getUri())) {
      String fingerprint = gpg.generate("Backup Ops <ops@example.com>", "");
      Path staging = dir.resolve("staging");
      List<String> seen = new CopyOnWriteArrayList<>();
      AtomicInteger tables = new AtomicInteger();
      Backups taking = backups(BackupSettings.defaults(staging).withFormat(BackupFormat.CUSTOM).withCompression(0).withJobs(1)
          .withEncryption(Encryption.publicKey(gpg.exportPublic(fingerprint, true))).withObjectStorage(storage(ObjectStorage.MIN_PART_SIZE)),
          event -> {
            if (step(event, "table")) {
              tables.incrementAndGet();
              seen.addAll(filesUnder(staging));
            }
          });

      BackupInfo info = taking.create("daily");

      assertThat(tables.get()).isGreaterThanOrEqualTo(3);
      assertThat(seen).as("nothing of the dump is written locally, clear or encrypted").isEmpty();
      String key = "prod/db/" + info.id() + "/data.dump.pgp";
      assertThat(keys("prod/db/" + info.id() + "/")).containsExactly(key, "prod/db/" + info.id() + "/manifest.json",
          "prod/db/" + info.id() + "/manifest.json.sha256");
      assertThat(info.sizeBytes()).isGreaterThan(2 * ObjectStorage.MIN_PART_SIZE);
      assertThat(parts(key)).as("streamed in 5 MiB parts").isEqualTo((int) ((info.sizeBytes() + ObjectStorage.MIN_PART_SIZE - 1)
          / ObjectStorage.MIN_PART_SIZE));
      byte[] object = s3.getObjectAsBytes(b -> b.bucket("backups").key(key)).asByteArray();
      assertThat(new String(object, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("needle-");

      ObjectStorage throughRelay = new ObjectStorage("backups", "prod/db", Optional.of(relay.uri()), "us-east-1", Optional.of("access"),
          Optional.of("secret-key-1"), ObjectStorage.MIN_PART_SIZE);
      Backups restoring = backups(BackupSettings.defaults(staging).withObjectStorage(throughRelay)
          .withEncryption(Encryption.secretKey(gpg.exportSecret(fingerprint, ""), Optional.empty())));
      assertThat(restoring.list()).singleElement().satisfies(b -> assertThat(b.id()).isEqualTo(info.id()));
      long before = relay.served();
      VerifyResult verified = restoring.verify(info.id(), VerifyLevel.RESTORE);
      long read = relay.served() - before;
      assertThat(verified.ok()).as(verified.problems().toString()).isTrue();
      assertThat(read).as("the object is read once, on its way into pg_restore (not hashed in a pass before)")
          .isGreaterThanOrEqualTo(info.sizeBytes()).isLessThan(info.sizeBytes() + info.sizeBytes() / 2);
      RestoreResult result = restoring.restore(restoring.previewRestore(info.id(), Optional.empty()), Optional.empty(), Consent.NONE);
      assertThat(result.contentMatches()).as(result.problems().toString()).isTrue();
      assertThat(Fixtures.fingerprint(result.targetDatabase(), "big")).isEqualTo(Fixtures.fingerprint(source, "big"));
      assertThat(filesUnder(staging)).isEmpty();

      Path downloaded = Files.write(dir.resolve("data.dump.pgp"), object);
      Gpg.Run decrypted = gpg.decrypt(downloaded, "").ok();
      assertThat(new String(decrypted.out(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).as("a pg_dump custom archive").isEqualTo("PGDMP");
    }
  }

  /** verify --level restore hashes the object as pg_restore reads it: a changed byte is reported, not restored silently. */
  @Test
  void verify_by_restore_hashes_the_streamed_object_and_reports_a_changed_byte() {
    List<String> restored = new CopyOnWriteArrayList<>();
    Backups backups = backups(BackupSettings.defaults(dir.resolve("staging")).withFormat(BackupFormat.CUSTOM).withCompression(0).withJobs(1)
        .withObjectStorage(storage(ObjectStorage.MIN_PART_SIZE)), event -> {
          if (step(event, "table")) {
            restored.add(((StrataEvent.BackupProgress) event).detail());
          }
        });
    BackupInfo info = backups.create("daily");
    String key = "prod/db/" + info.id() + "/data.dump";
    byte[] bytes = s3.getObjectAsBytes(b -> b.bucket("backups").key(key)).asByteArray();
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = text.indexOf("needle-001500");
    assertThat(at).isPositive();
    bytes[at] = (byte) 'N';
    s3.putObject(b -> b.bucket("backups").key(key), RequestBody.fromBytes(bytes));
    restored.clear();

    VerifyResult broken = backups.verify(info.id(), VerifyLevel.RESTORE);

    assertThat(broken.ok()).isFalse();
    assertThat(broken.problems()).containsExactly("data.dump: SHA-256 differs from the manifest (the content changed)");
    assertThat(restored).as("pg_restore read the object: the hash was taken on the way").isNotEmpty();
    assertThat(backups.list().get(0).verified()).isFalse();
  }

  /** pg_dump -j2 killed once a finished table's file was uploaded (and deleted locally): the run deletes what it uploaded. */
  @Test
  void a_directory_format_backup_whose_pg_dump_was_killed_after_uploads_began_leaves_nothing_in_the_bucket() throws Exception {
    addPartTables();
    Path bin = LocalServer.pgDumpWrapper(dir, """
        for a in "$@"; do case "$a" in --file=*) out="${a#--file=}";; esac; done
        "%1$s/pg_dump" "$@" & pid=$!
        seen=""
        while kill -0 $pid 2>/dev/null; do
          for f in "$out"/*.dat.gz; do
            if [ -e "$f" ]; then case " $seen " in *" $f "*) ;; *) seen="$seen $f";; esac; fi
          done
          for f in $seen; do
            if [ ! -e "$f" ]; then kill -9 $pid; wait $pid; echo "killed midway, after $(basename "$f") was uploaded" >&2; exit 137; fi
          done
          sleep 0.005
        done
        wait $pid
        echo "pg_dump finished before it could be killed" >&2
        exit 99
        """);
    Backups backups = backups(BackupSettings.defaults(dir.resolve("staging")).withPgBin(bin).withFormat(BackupFormat.DIRECTORY).withJobs(2)
        .withObjectStorage(storage(ObjectStorage.MIN_PART_SIZE)));
    assertThat(backups.list()).isEmpty();

    assertThatThrownBy(() -> backups.create("daily")).isInstanceOf(StrataException.class)
        .hasMessageContaining("pg_dump failed (exit code 137); nothing of the backup is kept").hasMessageContaining("was uploaded");
    assertThat(backups.list()).isEmpty();
    assertThat(keys("prod/db/")).isEmpty();
    assertThat(filesUnder(dir.resolve("staging"))).isEmpty();
  }

  /** The tables' data files ({@code 3456.dat}) in the staging folder now. */
  private static List<String> tableFiles(Path staging) {
    return filesUnder(staging).stream().filter(f -> Path.of(f).getFileName().toString().matches("\\d+\\.dat.*")).toList();
  }

  /**
   * pg_dump killed midway, its archive streamed (through the encryption, or not) into a multipart
   * upload: the upload is abandoned, nothing is left in the bucket.
   */
  @ParameterizedTest(name = "encrypted: {0}")
  @ValueSource(booleans = {false, true})
  void a_streamed_backup_whose_pg_dump_was_killed_midway_leaves_nothing_in_the_bucket(boolean encrypted) throws Exception {
    Path bin = LocalServer.pgDumpWrapper(dir, """
        "%1$s/pg_dump" "$@" | head -c 6000000
        echo "killed midway" >&2
        exit 137
        """);
    BackupSettings settings = BackupSettings.defaults(dir.resolve("staging")).withPgBin(bin).withFormat(BackupFormat.CUSTOM).withCompression(0)
        .withJobs(1).withObjectStorage(storage(ObjectStorage.MIN_PART_SIZE));
    Backups backups = backups(encrypted ? settings.withEncryption(Encryption.passphrase("midway passphrase")) : settings);

    assertThatThrownBy(() -> backups.create("daily")).isInstanceOf(StrataException.class)
        .hasMessageContaining("pg_dump failed (exit code 137); nothing of the backup is kept").hasMessageContaining("killed midway")
        .hasMessageNotContaining("midway passphrase");
    assertThat(backups.list()).isEmpty();
    assertThat(keys("prod/db/")).isEmpty();
    assertThat(s3.listMultipartUploads(b -> b.bucket("backups")).uploads()).as("the multipart upload was aborted").isEmpty();
    assertThat(filesUnder(dir.resolve("staging"))).isEmpty();
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
    assertThat(filesUnder(dir.resolve("staging"))).as("no local copy is kept").isEmpty();

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
