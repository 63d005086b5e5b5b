package dev.strata.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Consent;
import dev.strata.ErrorCode;
import dev.strata.Strata;
import dev.strata.StrataException;
import dev.strata.backup.manifest.Manifest;
import dev.strata.backup.manifest.ManifestIo;
import dev.strata.config.DatabaseUrl;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage to a backup, and which verification level catches it: the checksums catch every change
 * to a file or the manifest; a forged backup (data and checksums changed together) is caught only
 * by restoring it and comparing the content hashes taken at dump time.
 */
class BackupCorruptionIT {
  @TempDir Path dir;
  DatabaseUrl server;
  String source;

  @BeforeEach
  void database() {
    server = LocalServer.server();
    source = LocalServer.createDatabase("backup_bad");
    LocalServer.execute(source, Fixtures.SCHEMA);
  }

  @AfterEach
  void drop() {
    LocalServer.dropDatabase(source);
  }

  private Backups backups(BackupSettings settings) {
    return Backups.of(Strata.of(Strata.configure().url(server.withDatabase(source)).build()), settings);
  }

  private static List<Path> dataFiles(Path folder) throws Exception {
    try (Stream<Path> walk = Files.walk(folder.resolve("data"))) {
      return walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".dat.gz")).sorted().toList();
    }
  }

  /** The data file of the biggest table (the one with the most bytes). */
  private static Path biggest(Path folder) throws Exception {
    Path best = null;
    for (Path p : dataFiles(folder)) {
      if (best == null || Files.size(p) > Files.size(best)) {
        best = p;
      }
    }
    return best;
  }

  @Test
  void a_flipped_byte_is_caught_by_the_checksums() throws Exception {
    Backups backups = backups(BackupSettings.defaults(dir));
    BackupInfo taken = backups.create("manual");
    Path file = biggest(Path.of(taken.path()));
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(raf.length() / 2);
      int b = raf.read();
      raf.seek(raf.length() / 2);
      raf.write(b ^ 0x01);
    }
    VerifyResult result = backups.verify(taken.id(), VerifyLevel.CHECKSUMS);
    assertThat(result.ok()).isFalse();
    assertThat(result.problems()).singleElement().asString().contains(file.getFileName().toString(), "SHA-256 differs");
    assertThat(backups.list().get(0).verified()).isFalse();
    assertThatThrownBy(() -> backups.restore(backups.previewRestore(taken.id(), Optional.empty()), Optional.empty(), Consent.NONE))
        .isInstanceOf(StrataException.class).hasMessageContaining("does not match its manifest; nothing was restored");
  }

  @Test
  void a_truncated_file_a_deleted_file_and_an_added_file_are_caught_by_the_checksums() throws Exception {
    Backups backups = backups(BackupSettings.defaults(dir));
    BackupInfo taken = backups.create("manual");
    Path folder = Path.of(taken.path());
    Path truncated = biggest(folder);
    try (RandomAccessFile raf = new RandomAccessFile(truncated.toFile(), "rw")) {
      raf.setLength(raf.length() / 2);
    }
    Path deleted = dataFiles(folder).stream().filter(p -> !p.equals(truncated)).findFirst().orElseThrow();
    Files.delete(deleted);
    Files.writeString(folder.resolve("data/9999.dat.gz"), "x");
    VerifyResult result = backups.verify(taken.id(), VerifyLevel.CHECKSUMS);
    assertThat(result.ok()).isFalse();
    assertThat(result.problems()).hasSize(3);
    assertThat(String.join("\n", result.problems())).contains(truncated.getFileName() + ": ", "(truncated or appended to)",
        deleted.getFileName() + ": missing", "data/9999.dat.gz: not in the manifest");
  }

  @Test
  void an_edited_manifest_is_caught_by_the_checksums() throws Exception {
    Backups backups = backups(BackupSettings.defaults(dir));
    BackupInfo taken = backups.create("manual");
    Path manifest = Path.of(taken.path()).resolve("manifest.json");
    Files.writeString(manifest, Files.readString(manifest).replace("\"rows\" : 500", "\"rows\" : 501"));
    VerifyResult result = backups.verify(taken.id(), VerifyLevel.CHECKSUMS);
    assertThat(result.ok()).isFalse();
    assertThat(result.problems()).singleElement().asString().contains("manifest.json was changed after it was written");
  }

  /**
   * An uncompressed custom archive whose row is edited and whose checksums are recomputed (a forger,
   * or a bug that writes wrong data consistently): pg_restore --list and the checksums accept it;
   * only the restore level, comparing with the hashes read in the dump's snapshot, catches it.
   */
  @Test
  void a_forged_row_with_matching_checksums_is_caught_only_by_the_restore_level() throws Exception {
    Backups backups = backups(BackupSettings.defaults(dir).withFormat(BackupFormat.CUSTOM).withCompression(0).withJobs(1));
    BackupInfo taken = backups.create("manual");
    Path folder = Path.of(taken.path());
    Path data = folder.resolve("data.dump");
    byte[] bytes = Files.readAllBytes(data);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("needle-000042");
    assertThat(at).isPositive();
    byte[] forged = "needle-999942".getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(forged, 0, bytes, at, forged.length);
    Files.write(data, bytes);
    Manifest m = ManifestIo.read(folder);
    ManifestIo.write(folder, new Manifest(m.formatVersion(), m.id(), m.label(), m.source(), m.dump(), m.startedAt(), m.finishedAt(),
        m.durationMs(), m.sizeBytes(), m.databaseSizeBytes(), m.migrationHead(), m.hashed(), m.tables(),
        List.of(new Manifest.FileEntry("data.dump", bytes.length, ManifestIo.sha256(data))), null, null));

    assertThat(backups.verify(taken.id(), VerifyLevel.CHECKSUMS).ok()).isTrue();
    VerifyResult restore = backups.verify(taken.id(), VerifyLevel.RESTORE);
    assertThat(restore.ok()).isFalse();
    assertThat(restore.problems()).singleElement().asString().contains("public.Everything", "content hash differs");
    assertThat(backups.list().get(0).verification()).hasValueSatisfying(v -> {
      assertThat(v.ok()).isFalse();
      assertThat(v.level()).isEqualTo(VerifyLevel.RESTORE);
    });
  }

  /** pg_dump killed midway (a wrapper kills it once it has written a table's data): nothing is left that looks like a backup. */
  @Test
  void a_backup_whose_pg_dump_was_killed_midway_is_never_listed_as_good() throws Exception {
    Path bin = LocalServer.pgDumpWrapper(dir, """
        for a in "$@"; do case "$a" in --file=*) out="${a#--file=}";; esac; done
        "%1$s/pg_dump" "$@" & pid=$!
        while kill -0 $pid 2>/dev/null; do
          if ls "$out"/*.dat.gz >/dev/null 2>&1; then kill -9 $pid; wait $pid; echo "killed midway" >&2; exit 137; fi
          sleep 0.005
        done
        wait $pid
        echo "pg_dump finished before it could be killed" >&2
        exit 99
        """);
    Backups backups = backups(BackupSettings.defaults(dir.resolve("store")).withPgBin(bin).withJobs(1));

    assertThatThrownBy(() -> backups.create("daily")).isInstanceOf(StrataException.class)
        .hasMessageContaining("pg_dump failed (exit code 137); nothing of the backup is kept").hasMessageContaining("killed midway");
    assertThat(backups.list()).isEmpty();
    try (Stream<Path> left = Files.list(dir.resolve("store"))) {
      assertThat(left.map(p -> p.getFileName().toString())).as("only the folder's own .gitignore").containsExactly(".gitignore");
    }
  }

  /** A run whose JVM died (kill -9, power loss) leaves its .partial folder: listed as incomplete, refused, pruned once old. */
  @Test
  void a_run_that_died_with_its_process_is_listed_as_incomplete_refused_and_pruned() throws Exception {
    Backups backups = backups(BackupSettings.defaults(dir));
    BackupInfo good = backups.create("daily");
    Path partial = Files.createDirectories(dir.resolve(".20200101-000000-dead.partial/data"));
    Files.writeString(partial.resolve("3456.dat.gz"), "half");

    List<BackupInfo> listed = backups.list();
    assertThat(listed).hasSize(2);
    BackupInfo dead = listed.stream().filter(b -> !b.complete()).findFirst().orElseThrow();
    assertThat(dead.id()).isEqualTo("20200101-000000-dead");
    assertThat(dead.verified()).isFalse();
    assertThat(dead.problem()).hasValueSatisfying(p -> assertThat(p).contains("incomplete"));
    assertThat(backups.verify(dead.id(), VerifyLevel.CHECKSUMS).ok()).isFalse();
    assertThatThrownBy(() -> backups.previewRestore(dead.id(), Optional.empty())).isInstanceOf(StrataException.class)
        .hasMessageContaining("is incomplete");
    assertThatThrownBy(() -> backups.verify("20991231-000000-none", VerifyLevel.CHECKSUMS)).isInstanceOf(StrataException.class)
        .satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.FILE_NOT_FOUND))
        .hasMessageContaining("There is no backup 20991231-000000-none");

    assertThat(backups.previewPrune().delete()).as("a run that may still be going is left alone").isEmpty();
    Files.setLastModifiedTime(partial.getParent(), FileTime.from(Instant.now().minus(Duration.ofDays(1))));
    PrunePlan plan = backups.previewPrune();
    assertThat(plan.delete()).extracting(PrunePlan.Decision::id).containsExactly("20200101-000000-dead");
    assertThat(plan.keep()).extracting(PrunePlan.Decision::id).containsExactly(good.id());
    backups.prune(plan, Consent.reset());
    assertThat(backups.list()).extracting(BackupInfo::id).containsExactly(good.id());
  }
}
