package dev.strata.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ErrorCode;
import dev.strata.Strata;
import dev.strata.StrataException;
import dev.strata.config.DatabaseUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input and a hostile machine: each a clear message, and nothing half-written left looking good. */
class BackupBadInputIT {
  @TempDir Path dir;
  DatabaseUrl server;
  String source;

  @BeforeEach
  void database() {
    server = LocalServer.server();
    source = LocalServer.createDatabase("backup_in");
    LocalServer.execute(source, "CREATE TABLE t (id int PRIMARY KEY, payload bytea)");
  }

  @AfterEach
  void drop() {
    LocalServer.dropDatabase(source);
  }

  private Backups backups(BackupSettings settings, Map<String, String> env) {
    return Backups.of(Strata.configure().url(server.withDatabase(source)).build(), settings, env);
  }

  private void assertNothingLeft(Path store) throws Exception {
    if (Files.exists(store)) {
      try (Stream<Path> left = Files.list(store)) {
        assertThat(left.map(p -> p.getFileName().toString())).as("at most the folder's own .gitignore").allMatch(".gitignore"::equals);
      }
    }
  }

  @Test
  void no_pg_dump_anywhere_names_the_install_command() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Backups backups = backups(BackupSettings.defaults(dir.resolve("store")).withPgBin(empty), Map.of("PATH", empty.toString()));
    String major = LocalServer.value(source, "SELECT current_setting('server_version_num')::int / 10000");
    assertThatThrownBy(() -> backups.create("manual")).isInstanceOf(StrataException.class)
        .satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.CONFIG))
        .hasMessageContaining("No pg_dump/pg_restore found")
        .hasMessageContaining("apt-get install postgresql-client-" + major)
        .hasMessageContaining("--pg-bin " + empty);
    assertNothingLeft(dir.resolve("store"));
  }

  @Test
  void a_too_old_pg_dump_is_refused_before_it_runs() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("old"));
    for (String name : new String[] {"pg_dump", "pg_restore"}) {
      Path p = bin.resolve(name);
      Files.writeString(p, "#!/bin/sh\necho '" + name + " (PostgreSQL) 9.6.24'\n");
      p.toFile().setExecutable(true);
    }
    Backups backups = backups(BackupSettings.defaults(dir.resolve("store")).withPgBin(bin), System.getenv());
    String major = LocalServer.value(source, "SELECT current_setting('server_version_num')::int / 10000");
    assertThatThrownBy(() -> backups.create("manual")).isInstanceOf(StrataException.class)
        .hasMessageContaining("No pg_dump/pg_restore of PostgreSQL " + major + " or newer found")
        .hasMessageContaining("Found: pg_dump 9.6 in " + bin)
        .hasMessageContaining("apt-get install postgresql-client-" + major);
    assertNothingLeft(dir.resolve("store"));
  }

  @Test
  void an_unreachable_database_is_a_clear_error_without_the_password() throws Exception {
    Backups backups = Backups.of(Strata.configure().url("postgresql://postgres:hunter2@127.0.0.1:1/nowhere?connect_timeout=3").build(),
        BackupSettings.defaults(dir.resolve("store")), System.getenv());
    assertThatThrownBy(() -> backups.create("manual")).isInstanceOf(StrataException.class)
        .satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.DATABASE))
        .hasMessageContaining("127.0.0.1:1")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    assertNothingLeft(dir.resolve("store"));
  }

  @Test
  void a_backup_id_that_does_not_exist() {
    Backups backups = backups(BackupSettings.defaults(dir.resolve("store")), System.getenv());
    assertThatThrownBy(() -> backups.previewRestore("20260101-000000-abcd", java.util.Optional.empty())).isInstanceOf(StrataException.class)
        .satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.FILE_NOT_FOUND))
        .hasMessageContaining("There is no backup 20260101-000000-abcd in " + dir.resolve("store"));
  }

  /** A 1 MiB tmpfs and 4 MiB of incompressible rows: pg_dump fails with the disk full, and no folder is left. */
  @Test
  void a_full_disk_fails_the_backup_and_leaves_nothing() throws Exception {
    Path mount = Files.createDirectories(dir.resolve("tiny"));
    Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    Assumptions.assumeTrue(p.waitFor() == 0, "A tiny tmpfs cannot be mounted here (needs root): " + out.strip());
    try {
      LocalServer.execute(source, "INSERT INTO t SELECT g, decode(string_agg(lpad(to_hex((random() * 255)::int), 2, '0'), ''), 'hex')"
          + " FROM generate_series(1, 64) g, generate_series(1, 65536) b GROUP BY g");
      Backups backups = backups(BackupSettings.defaults(mount.resolve("store")), System.getenv());
      assertThatThrownBy(() -> backups.create("manual")).isInstanceOf(StrataException.class)
          .hasMessageContaining("pg_dump failed").hasMessageContaining("nothing of the backup is kept")
          .hasMessageContaining("No space left on device");
      assertThat(backups.list()).isEmpty();
      assertNothingLeft(mount.resolve("store"));
    } finally {
      new ProcessBuilder("umount", mount.toString()).start().waitFor();
    }
  }
}
