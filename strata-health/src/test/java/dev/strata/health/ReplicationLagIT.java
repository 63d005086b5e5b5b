package dev.strata.health;

import static dev.strata.health.HealthTestSupport.assertFound;
import static dev.strata.health.HealthTestSupport.assertPassed;
import static dev.strata.health.HealthTestSupport.await;
import static dev.strata.health.HealthTestSupport.check;
import static dev.strata.health.HealthTestSupport.exec;
import static dev.strata.health.HealthTestSupport.number;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.LocalPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replication lag on a real standby: a primary of its own, a standby made from it with the
 * low-level backup API (the embedded binaries have no pg_basebackup) streaming through a slot;
 * replay paused makes the lag, resumed repairs it.
 */
class ReplicationLagIT {
  @TempDir Path work;

  @Test
  void a_paused_standby_lags_and_catches_up_when_resumed() throws Exception {
    try (LocalPostgres primary = LocalPostgres.builder().serverSetting("fsync", "on").start()) {
      primary.createDatabase("app");
      Path standbyDir = work.resolve("standby");
      try (Connection p = primary.connect("app")) {
        exec(p, "CREATE TABLE tick (id serial PRIMARY KEY, at timestamptz DEFAULT now())");
        exec(p, "SELECT pg_create_physical_replication_slot('health_standby')");
        exec(p, "SELECT pg_backup_start('strata-health-test', true)");
        copy(primary.dataDirectory(), standbyDir);
        try (Statement s = p.createStatement(); ResultSet rs = s.executeQuery("SELECT labelfile FROM pg_backup_stop(true)")) {
          rs.next();
          Files.writeString(standbyDir.resolve("backup_label"), rs.getString(1));
        }
      }
      Files.createDirectories(standbyDir.resolve("pg_wal"));
      Files.setPosixFilePermissions(standbyDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
      Files.writeString(standbyDir.resolve("standby.signal"), "");
      Files.writeString(standbyDir.resolve("postgresql.auto.conf"), "primary_conninfo = 'host=127.0.0.1 port=" + primary.port()
          + " user=postgres'\nprimary_slot_name = 'health_standby'\n", java.nio.file.StandardOpenOption.APPEND);
      LocalPostgres started;
      try {
        started = LocalPostgres.builder().dataDirectory(standbyDir).serverSetting("max_connections", "200").start();  // as the primary
      } catch (RuntimeException e) {
        Path log = standbyDir.resolveSibling("standby.log");
        throw new AssertionError("the standby did not start: " + (Files.exists(log) ? Files.readString(log) : "(no log)"), e);
      }
      try (LocalPostgres standby = started;
          Connection s = standby.connect("app"); Connection p = primary.connect("app")) {
        Health onStandby = HealthTestSupport.health(standby.postgresUrl("app"), work).withThreshold("replication-lag", "warning_seconds", 1);
        Health onPrimary = HealthTestSupport.health(primary.postgresUrl("app"), work).withThreshold("replication-lag", "warning_seconds", 1);
        exec(p, "INSERT INTO tick DEFAULT VALUES");
        await("the standby to replay", () -> count(s) == 1);
        CheckResult caughtUp = check(onStandby, "replication-lag");
        assertPassed(caughtUp);
        assertThat(caughtUp.rows()).extracting(r -> r.get(0)).containsExactly("this server (standby)");
        assertThat(check(onPrimary, "replication-lag").rows()).extracting(r -> r.get(0)).containsExactly("standby");
        // at a threshold of 0 s every link lags: the fix SQL is what shows that standby on the primary
        CheckResult primaryView = check(onPrimary.withThreshold("replication-lag", "warning_seconds", 0), "replication-lag");
        assertFound(primaryView, Severity.WARNING);
        String standbyName = primaryView.rows().get(0).get(1);
        String inspect = primaryView.fixSql().orElseThrow().lines().findFirst().orElseThrow();
        assertThat(inspect).startsWith("SELECT application_name, state").endsWith("WHERE application_name = '" + standbyName + "';");
        assertThat(number(p, "SELECT count(*) FROM (" + inspect.replace(";", "") + ") x")).isEqualTo(1);
        // every check runs on a standby too (read-only, no WAL position of its own)
        HealthReport whole = onStandby.report(java.util.List.of());
        assertThat(whole.checks()).filteredOn(c -> c.status() == CheckStatus.ERROR)
            .extracting(c -> c.id() + ": " + c.summary()).isEmpty();

        exec(s, "SELECT pg_wal_replay_pause()");
        Thread.sleep(1500);
        exec(p, "INSERT INTO tick DEFAULT VALUES");
        await("the standby to receive what it does not replay", () -> {
          try {
            return number(s, "SELECT count(*) FROM (SELECT 1 WHERE pg_last_wal_receive_lsn() > pg_last_wal_replay_lsn()) x") == 1;
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
        CheckResult lagging = check(onStandby, "replication-lag");
        assertFound(lagging, Severity.WARNING);
        assertThat(lagging.summary()).endsWith("; replay is paused");
        assertThat(lagging.fixSql()).hasValue("SELECT pg_wal_replay_resume();");

        exec(s, lagging.fixSql().get());
        await("the standby to catch up", () -> count(s) == 2);
        assertPassed(check(onStandby, "replication-lag"));
      } finally {
        try (Connection p = primary.connect("app")) {
          exec(p, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = 'health_standby' AND NOT active");
        } catch (SQLException ignored) {
          // the primary stops with the test anyway
        }
      }
    }
  }

  private static long count(Connection standby) {
    try {
      return number(standby, "SELECT count(*) FROM tick");
    } catch (SQLException e) {
      return -1;
    }
  }

  /** The data directory as a base backup copies it: without the server's lock files, WAL or slots. */
  private static void copy(Path from, Path to) throws IOException {
    Set<String> skip = Set.of("postmaster.pid", "postmaster.opts");
    try (Stream<Path> files = Files.walk(from)) {
      files.sorted(Comparator.naturalOrder()).forEach(source -> {
        Path relative = from.relativize(source);
        String first = relative.getNameCount() == 0 ? "" : relative.getName(0).toString();
        if (skip.contains(relative.toString()) || (relative.getNameCount() > 1 && Set.of("pg_wal", "pg_replslot").contains(first))) {
          return;
        }
        try {
          Path target = to.resolve(relative.toString());
          if (Files.isDirectory(source)) {
            Files.createDirectories(target);
          } else if (Files.exists(source)) {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
          }
        } catch (java.nio.file.NoSuchFileException vanished) {
          // a file the server removed while copying: a base backup skips it too
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
