package dev.strata.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Consent;
import dev.strata.ErrorCode;
import dev.strata.Strata;
import dev.strata.StrataEvent;
import dev.strata.StrataException;
import dev.strata.config.DatabaseUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backups of a real database with the real pg_dump/pg_restore: round trips, restore in two phases, a backup under concurrent writes. */
class BackupRoundTripIT {
  private static final String[] TABLES = {"\"Everything\"", "child", "other.empty_table", "_prisma_migrations"};

  @TempDir Path dir;
  DatabaseUrl server;
  String source;
  final List<String> created = new ArrayList<>();
  final List<StrataEvent> events = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void database() {
    server = LocalServer.server();
    source = LocalServer.createDatabase("backup_src");
    created.add(source);
    LocalServer.execute(source, Fixtures.SCHEMA);
  }

  @AfterEach
  void dropDatabases() {
    created.forEach(LocalServer::dropDatabase);
    LocalServer.databases(source + "_restored").forEach(LocalServer::dropDatabase);
  }

  private Backups backups(BackupSettings settings) {
    // A password in the URL (ignored by trust auth) must appear in no file, event or message.
    Strata strata = Strata.of(Strata.configure().url(server.withDatabase(source).toString().replace("postgres@", "postgres:s3cret-pw@"))
        .listener(events::add).build());
    return Backups.of(strata, settings);
  }

  @Test
  void a_backup_restores_into_a_new_database_with_every_table_equal() throws Exception {
    Backups backups = backups(BackupSettings.defaults(dir));
    LocalServer.execute(source, "ANALYZE"); // the tables' sizes in the statistics, which weigh the progress
    BackupInfo taken = backups.create("manual");

    assertThat(taken.complete()).isTrue();
    assertThat(taken.label()).isEqualTo("manual");
    assertThat(taken.format()).isEqualTo("directory");
    assertThat(taken.migrationHead()).contains("20260201000000_add_child");
    assertThat(taken.tables()).extracting(BackupInfo.TableCount::table)
        .containsExactly("other.empty_table", "public.Everything", "public._prisma_migrations", "public.child");
    assertThat(taken.tables()).filteredOn(t -> t.table().equals("public.Everything")).first()
        .satisfies(t -> assertThat(t.rows()).isEqualTo(3000)).satisfies(t -> assertThat(t.hash()).isPresent());
    assertThat(taken.databaseSizeBytes()).isPositive();
    Path folder = Path.of(taken.path());
    String manifest = Files.readString(folder.resolve("manifest.json"));
    assertThat(manifest).contains("\"sha256\"", "\"pgDumpVersion\"", "\"serverVersion\"", "20260201000000_add_child").doesNotContain("s3cret");
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(p.toString())
            .isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
      }
    }
    assertThat(events).extracting(StrataEvent::message).noneMatch(m -> m.contains("s3cret"));
    assertThat(events).extracting(StrataEvent::message).anyMatch(m -> m.matches("Backup table: \\[\\d/4\\] public\\.Everything.*"));
    // Progress by bytes: every table's size as pg_table_size gave it (in the manifest too), the
    // bytes done rising table by table to the total, and the end said once.
    dev.strata.backup.manifest.Manifest written = dev.strata.backup.manifest.ManifestIo.parse(Files.readAllBytes(folder.resolve("manifest.json")), "test");
    long bytesTotal = written.tables().stream().mapToLong(t -> t.bytes()).sum();
    assertThat(bytesTotal).isPositive().isEqualTo(Fixtures.tableBytes(source));
    List<StrataEvent.BackupProgress.Transfer> dumped = transfers();
    assertThat(dumped).hasSizeGreaterThanOrEqualTo(4).allSatisfy(t -> assertThat(t.bytesTotal()).isEqualTo(bytesTotal))
        .allSatisfy(t -> assertThat(t.tablesTotal()).isEqualTo(4));
    assertThat(dumped).extracting(StrataEvent.BackupProgress.Transfer::bytes).isSorted().first().isEqualTo(0L);
    assertThat(dumped).extracting(StrataEvent.BackupProgress.Transfer::tables).isSorted().allSatisfy(n -> assertThat(n).isBetween(0, 4));
    // two jobs: pg_dump says when each table is finished, so the last report is all of it
    assertThat(dumped.get(dumped.size() - 1).bytes()).isEqualTo(bytesTotal);
    assertThat(events).extracting(StrataEvent::message).filteredOn(m -> m.startsWith("Backup dumped: "))
        .singleElement().asString().startsWith("Backup dumped: 4 tables, ");
    events.clear();

    VerifyResult checksums = backups.verify(taken.id(), VerifyLevel.CHECKSUMS);
    assertThat(checksums.ok()).as(checksums.problems().toString()).isTrue();
    VerifyResult restored = backups.verify(taken.id(), VerifyLevel.RESTORE);
    assertThat(restored.ok()).as(restored.problems().toString()).isTrue();
    assertThat(restored.tablesCompared()).isEqualTo(4);
    assertThat(LocalServer.databases("strata_verify_")).isEmpty();
    assertThat(backups.list()).singleElement().satisfies(b -> {
      assertThat(b.verified()).isTrue();
      assertThat(b.verification().get().level()).isEqualTo(VerifyLevel.RESTORE);
    });
    assertThat(backups.verify(taken.id(), VerifyLevel.CHECKSUMS).ok()).as("writing the result back keeps the manifest intact").isTrue();

    RestorePreview preview = backups.previewRestore(taken.id(), Optional.empty());
    assertThat(preview.createsDatabase()).isTrue();
    assertThat(preview.needsConsent()).isFalse();
    events.clear();
    RestoreResult result = backups.restore(preview, Optional.empty(), Consent.NONE);
    assertThat(result.contentMatches()).as(result.problems().toString()).isTrue();
    assertThat(result.safetyBackupId()).isEmpty();
    assertThat(transfers()).isNotEmpty().allSatisfy(t -> assertThat(t.bytesTotal()).isEqualTo(bytesTotal));
    assertThat(events).extracting(StrataEvent::message).filteredOn(m -> m.startsWith("Backup restored: ")).hasSize(1);
    for (String table : TABLES) {
      assertThat(Fixtures.fingerprint(result.targetDatabase(), table)).as(table).isEqualTo(Fixtures.fingerprint(source, table));
    }
  }

  /** The progress of the tables of a dump or restore, in order. */
  private List<StrataEvent.BackupProgress.Transfer> transfers() {
    synchronized (events) {
      return events.stream().filter(e -> e instanceof StrataEvent.BackupProgress p && p.transfer().isPresent())
          .map(e -> ((StrataEvent.BackupProgress) e).transfer().get()).toList();
    }
  }

  /**
   * {@code --no-hash} scans no table besides pg_dump's own COPY: the manifest records the planner's
   * estimates and says it holds no content proof; verify and restore prove the archive restores,
   * record the restored counts, and say they could not compare the content.
   */
  @Test
  void a_no_hash_backup_scans_nothing_records_estimates_and_says_what_verify_and_restore_cannot_prove() throws Exception {
    LocalServer.execute(source, "ANALYZE \"Everything\"");
    long scansBefore = seqScans("Everything");
    Backups backups = backups(BackupSettings.defaults(dir).withHash(false));
    BackupInfo taken = backups.create("manual");
    assertThat(seqScans("Everything") - scansBefore).as("pg_dump's COPY is the only scan of the table").isEqualTo(1);

    assertThat(taken.hashed()).isFalse();
    assertThat(taken.exactRows()).isFalse();
    assertThat(taken.tables()).filteredOn(t -> t.table().equals("public.Everything")).singleElement()
        .satisfies(t -> assertThat(t.rows()).isEqualTo(3000)).satisfies(t -> assertThat(t.estimated()).isTrue())
        .satisfies(t -> assertThat(t.hash()).isEmpty());
    assertThat(taken.migrationHead()).contains("20260201000000_add_child");
    assertThat(taken.databaseSizeBytes()).isPositive();
    String manifest = Files.readString(Path.of(taken.path()).resolve("manifest.json"));
    assertThat(manifest).contains("\"contentProof\" : \"none: row counts are estimates", "\"estimatedRows\" : 3000")
        .doesNotContain("\"rows\"", "\"hash\"");

    VerifyResult checksums = backups.verify(taken.id(), VerifyLevel.CHECKSUMS);
    assertThat(checksums.ok()).as(checksums.problems().toString()).isTrue();
    assertThat(checksums.limitation()).isEmpty();
    VerifyResult restored = backups.verify(taken.id(), VerifyLevel.RESTORE);
    assertThat(restored.ok()).as(restored.problems().toString()).isTrue();
    assertThat(restored.limitation()).hasValueSatisfying(l -> assertThat(l).contains("not compared", "--no-hash"));
    assertThat(restored.restoredRows()).extracting(BackupInfo.TableCount::table, BackupInfo.TableCount::rows).containsExactly(
        org.assertj.core.groups.Tuple.tuple("other.empty_table", 0L), org.assertj.core.groups.Tuple.tuple("public.Everything", 3000L),
        org.assertj.core.groups.Tuple.tuple("public._prisma_migrations", 2L), org.assertj.core.groups.Tuple.tuple("public.child", 500L));
    assertThat(LocalServer.databases("strata_verify_")).isEmpty();
    String verifiedManifest = Files.readString(Path.of(taken.path()).resolve("manifest.json"));
    assertThat(verifiedManifest).contains("\"limitation\" : \"the content was not compared", "\"restoredRows\"", "\"rows\" : 500");
    assertThat(backups.verify(taken.id(), VerifyLevel.CHECKSUMS).ok()).as("the manifest stays intact").isTrue();

    RestoreResult result = backups.restore(backups.previewRestore(taken.id(), Optional.empty()), Optional.empty(), Consent.NONE);
    assertThat(result.contentMatches()).as(result.problems().toString()).isTrue();
    assertThat(result.limitation()).isPresent();
    for (String table : TABLES) {
      assertThat(Fixtures.fingerprint(result.targetDatabase(), table)).as(table).isEqualTo(Fixtures.fingerprint(source, table));
    }
  }

  /** A no-hash backup's verify still finds a table the archive lacks: the set of tables is compared. */
  @Test
  void a_no_hash_backup_whose_manifest_names_a_table_the_archive_lacks_fails_verification() throws Exception {
    Backups backups = backups(BackupSettings.defaults(dir).withHash(false));
    BackupInfo taken = backups.create("manual");
    Path folder = Path.of(taken.path());
    dev.strata.backup.manifest.Manifest m = dev.strata.backup.manifest.ManifestIo.parse(Files.readAllBytes(folder.resolve("manifest.json")), "test");
    List<dev.strata.backup.manifest.Manifest.TableEntry> tables = new ArrayList<>(m.tables());
    tables.add(new dev.strata.backup.manifest.Manifest.TableEntry("public", "ghost", null, null, 7L, null));
    dev.strata.backup.manifest.ManifestIo.write(folder, new dev.strata.backup.manifest.Manifest(m.formatVersion(), m.id(), m.label(), m.source(),
        m.dump(), m.startedAt(), m.finishedAt(), m.durationMs(), m.sizeBytes(), m.databaseSizeBytes(), m.migrationHead(), m.hashed(), tables,
        m.files(), null, m.encryption(), m.contentProof()));

    VerifyResult restored = backups.verify(taken.id(), VerifyLevel.RESTORE);
    assertThat(restored.ok()).isFalse();
    assertThat(restored.problems()).containsExactly("table public.ghost is missing after the restore");
  }

  private long seqScans(String table) {
    return Long.parseLong(LocalServer.value(source, "SELECT coalesce(seq_scan, 0) FROM pg_stat_user_tables WHERE relname = '" + table + "'"));
  }

  @Test
  void custom_format_uncompressed_round_trips_too() {
    Backups backups = backups(BackupSettings.defaults(dir).withFormat(BackupFormat.CUSTOM).withCompression(0).withJobs(1));
    BackupInfo taken = backups.create("daily");
    assertThat(taken.format()).isEqualTo("custom");
    assertThat(Path.of(taken.path()).resolve("data.dump")).isRegularFile();
    VerifyResult verified = backups.verify(taken.id(), VerifyLevel.RESTORE);
    assertThat(verified.ok()).as(verified.problems().toString()).isTrue();
  }

  @Test
  void restoring_over_a_database_previews_what_it_drops_refuses_without_consent_and_takes_a_safety_backup() {
    Backups backups = backups(BackupSettings.defaults(dir));
    BackupInfo taken = backups.create("manual");
    LocalServer.execute(source, "DELETE FROM child WHERE id > 100; CREATE TABLE extra (x int); INSERT INTO extra VALUES (1)");
    Optional<DatabaseUrl> target = Optional.of(server.withDatabase(source));

    RestorePreview preview = backups.previewRestore(taken.id(), target);
    assertThat(preview.createsDatabase()).isFalse();
    assertThat(preview.needsConsent()).isTrue();
    assertThat(preview.replaced()).extracting(BackupInfo.TableCount::table, BackupInfo.TableCount::rows)
        .contains(org.assertj.core.groups.Tuple.tuple("public.child", 100L), org.assertj.core.groups.Tuple.tuple("public.Everything", 3000L));
    assertThat(preview.untouched()).containsExactly("public.extra");

    assertThatThrownBy(() -> backups.restore(preview, target, Consent.NONE)).isInstanceOf(StrataException.class)
        .satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT))
        .hasMessageContaining("nothing was changed");
    assertThat(LocalServer.value(source, "SELECT count(*) FROM child")).isEqualTo("100");
    assertThat(backups.list()).hasSize(1);

    LocalServer.execute(source, "DELETE FROM child WHERE id > 50");
    assertThatThrownBy(() -> backups.restore(preview, target, Consent.reset())).isInstanceOf(StrataException.class)
        .hasMessageContaining("changed since the restore was previewed");
    assertThat(LocalServer.value(source, "SELECT count(*) FROM child")).isEqualTo("50");

    RestorePreview fresh = backups.previewRestore(taken.id(), target);
    RestoreResult result = backups.restore(fresh, target, Consent.reset());
    assertThat(result.contentMatches()).as(result.problems().toString()).isTrue();
    assertThat(result.safetyBackupId()).isPresent();
    assertThat(LocalServer.value(source, "SELECT count(*) FROM child")).isEqualTo("500");
    assertThat(LocalServer.value(source, "SELECT count(*) FROM extra")).as("tables not in the backup are left alone").isEqualTo("1");
    BackupInfo safety = backups.list().stream().filter(b -> b.id().equals(result.safetyBackupId().get())).findFirst().orElseThrow();
    assertThat(safety.label()).isEqualTo("pre-restore:" + taken.id());
    assertThat(safety.tables()).filteredOn(t -> t.table().equals("public.child")).first().satisfies(t -> assertThat(t.rows()).isEqualTo(50));
  }

  /**
   * Four writers move money between accounts and append to a ledger, each in one transaction, while
   * the backup runs: the restored copy must hold exactly the snapshot (ledger and balances agree,
   * every table's hash equals the manifest's, taken in the same snapshot as pg_dump).
   */
  @Test
  void a_backup_taken_under_four_writers_is_exactly_its_snapshot() throws Exception {
    LocalServer.execute(source, "CREATE TABLE account (id int PRIMARY KEY, balance bigint NOT NULL);"
        + " INSERT INTO account SELECT g, 1000 FROM generate_series(1, 50) g;"
        + " CREATE TABLE ledger (id bigserial PRIMARY KEY, src int, dst int, amount int, at timestamptz DEFAULT clock_timestamp(), pad text)");
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong writes = new AtomicLong();
    List<Thread> writers = new ArrayList<>();
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    for (int w = 0; w < 4; w++) {
      int seed = w;
      Thread t = new Thread(() -> {
        java.util.Random random = new java.util.Random(seed);
        try (java.sql.Connection c = LocalServer.connect(source)) {
          c.setAutoCommit(false);
          while (!stop.get()) {
            int a = 1 + random.nextInt(50);
            int b = 1 + random.nextInt(50);
            int amount = 1 + random.nextInt(20);
            try (java.sql.Statement s = c.createStatement()) {
              s.executeUpdate("UPDATE account SET balance = balance - " + amount + " WHERE id = " + a);
              s.executeUpdate("UPDATE account SET balance = balance + " + amount + " WHERE id = " + b);
              s.executeUpdate("INSERT INTO ledger (src, dst, amount, pad) VALUES (" + a + ", " + b + ", " + amount + ", repeat('p', 200))");
              c.commit();
              writes.incrementAndGet();
            } catch (java.sql.SQLException e) {
              c.rollback();
            }
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      });
      t.start();
      writers.add(t);
    }
    try {
      while (writes.get() < 200) {
        Thread.sleep(10);
      }
      Backups backups = backups(BackupSettings.defaults(dir));
      BackupInfo taken = backups.create("daily");
      long during = writes.get();
      Thread.sleep(200);
      stop.set(true);
      for (Thread t : writers) {
        t.join();
      }
      assertThat(failures).isEmpty();
      assertThat(writes.get()).as("the writers kept writing during and after the backup").isGreaterThan(during);

      RestoreResult result = backups.restore(backups.previewRestore(taken.id(), Optional.empty()), Optional.empty(), Consent.NONE);
      assertThat(result.contentMatches()).as(result.problems().toString()).isTrue();
      String copy = result.targetDatabase();
      assertThat(LocalServer.value(copy, "SELECT sum(balance) FROM account")).isEqualTo("50000");
      assertThat(LocalServer.value(copy, "SELECT bool_and(a.balance = 1000 + coalesce(i.s, 0) - coalesce(o.s, 0)) FROM account a"
          + " LEFT JOIN (SELECT dst, sum(amount) s FROM ledger GROUP BY dst) i ON i.dst = a.id"
          + " LEFT JOIN (SELECT src, sum(amount) s FROM ledger GROUP BY src) o ON o.src = a.id")).isEqualTo("t");
      long ledgerRows = taken.tables().stream().filter(t -> t.table().equals("public.ledger")).findFirst().orElseThrow().rows();
      assertThat(LocalServer.value(copy, "SELECT count(*) FROM ledger")).isEqualTo(String.valueOf(ledgerRows));
      assertThat(Long.parseLong(LocalServer.value(source, "SELECT count(*) FROM ledger"))).isGreaterThan(ledgerRows);
    } finally {
      stop.set(true);
      for (Thread t : writers) {
        t.join();
      }
    }
  }
}
