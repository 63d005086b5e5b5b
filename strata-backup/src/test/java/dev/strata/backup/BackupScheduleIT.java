package dev.strata.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ErrorCode;
import dev.strata.Strata;
import dev.strata.StrataEvent;
import dev.strata.StrataException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backup schedule}: cron times from cron-utils, real backups at each, prune after, stop on repeated failure. */
class BackupScheduleIT {
  @TempDir Path dir;

  /** A clock the waiter moves: the schedule runs through days in milliseconds. */
  static final class MovingClock extends Clock {
    Instant now;

    MovingClock(Instant start) {
      now = start;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void runs_at_each_cron_time_backs_up_verifies_and_prunes() throws Exception {
    var server = LocalServer.server();
    String db = LocalServer.createDatabase("backup_cron");
    try {
      LocalServer.execute(db, "CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t SELECT generate_series(1, 100)");
      List<StrataEvent> events = Collections.synchronizedList(new ArrayList<>());
      Backups backups = Backups.of(Strata.of(Strata.configure().url(server.withDatabase(db)).listener(events::add).build()),
          BackupSettings.defaults(dir).withRetention(new BackupSettings.RetentionPolicy(2, 0, 0, 0, Optional.empty(), ZoneId.of("UTC"))));
      MovingClock clock = new MovingClock(Instant.parse("2026-03-01T10:00:00Z"));
      List<Instant> times = new ArrayList<>();
      BackupSchedule.Outcome outcome = backups.runSchedule(new BackupSchedule("0 3 * * *", "daily", true, true, 3, ZoneId.of("UTC")), clock,
          at -> {
            if (times.size() == 4) {
              return false;
            }
            times.add(at);
            clock.now = at;
            return true;
          });
      assertThat(times).containsExactly(Instant.parse("2026-03-02T03:00:00Z"), Instant.parse("2026-03-03T03:00:00Z"),
          Instant.parse("2026-03-04T03:00:00Z"), Instant.parse("2026-03-05T03:00:00Z"));
      assertThat(outcome.runs()).isEqualTo(4);
      assertThat(outcome.failures()).isZero();
      assertThat(outcome.stoppedOnFailures()).isFalse();
      assertThat(backups.list()).extracting(BackupInfo::id).as("keep-last 2 after every run")
          .containsExactly(outcome.ids().get(3), outcome.ids().get(2));
      assertThat(events).extracting(StrataEvent::message).filteredOn(m -> m.startsWith("Backup schedule: run "))
          .hasSize(4).allMatch(m -> m.contains(", verified, pruned "));
    } finally {
      LocalServer.dropDatabase(db);
    }
  }

  @Test
  void stops_failed_after_the_given_number_of_failures_in_a_row() throws Exception {
    List<StrataEvent> events = Collections.synchronizedList(new ArrayList<>());
    Backups backups = Backups.of(Strata.of(Strata.configure().url("postgresql://postgres:pw@127.0.0.1:1/x?connect_timeout=2")
        .listener(events::add).build()), BackupSettings.defaults(dir));
    MovingClock clock = new MovingClock(Instant.parse("2026-03-01T10:00:00Z"));
    BackupSchedule.Outcome outcome = backups.runSchedule(new BackupSchedule("*/15 * * * *", "hourly", false, false, 3, ZoneId.of("UTC")),
        clock, at -> {
          clock.now = at;
          return true;
        });
    assertThat(outcome.stoppedOnFailures()).isTrue();
    assertThat(outcome.runs()).isEqualTo(3);
    assertThat(clock.now).isEqualTo(Instant.parse("2026-03-01T10:45:00Z"));
    assertThat(events).extracting(StrataEvent::message).filteredOn(m -> m.contains("failed ("))
        .containsExactly(events.stream().map(StrataEvent::message).filter(m -> m.contains("failed (")).toArray(String[]::new))
        .hasSize(3).allMatch(m -> !m.contains("pw@"));
  }

  @Test
  void crontab_lines_and_bad_expressions() {
    assertThat(Backups.crontabLine(new BackupSchedule("0 3 * * *", "daily", false, false, 1, ZoneId.of("UTC")), "strata backup create"))
        .isEqualTo("0 3 * * * strata backup create");
    assertThatThrownBy(() -> Backups.crontabLine(new BackupSchedule("0 25 * * *", "daily", false, false, 1, ZoneId.of("UTC")), "x"))
        .isInstanceOf(StrataException.class).satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.USAGE))
        .hasMessageContaining("\"0 25 * * *\" is not a cron expression");
    assertThatThrownBy(() -> Backups.crontabLine(new BackupSchedule("every day", "daily", false, false, 1, ZoneId.of("UTC")), "x"))
        .isInstanceOf(StrataException.class).hasMessageContaining("five fields");
  }
}
