package dev.strata.backup.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** GFS over synthetic timelines: exactly the expected set is kept, with its reasons. */
class GfsTest {
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final Gfs.Policy SEED_004 = new Gfs.Policy(0, 7, 4, 12, Optional.empty(), UTC);

  /** A backup at 03:00 UTC of every day from {@code from} to {@code to}, except {@code skipped}; ids are the dates. */
  private static List<Gfs.Item> dailies(LocalDate from, LocalDate to, Set<LocalDate> skipped) {
    List<Gfs.Item> items = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      if (!skipped.contains(d)) {
        items.add(new Gfs.Item(d.toString(), d.atTime(3, 0).toInstant(ZoneOffset.UTC), false));
      }
    }
    return items;
  }

  private static Set<String> kept(Gfs.Decision decision) {
    return new TreeSet<>(decision.keep().keySet());
  }

  private static Set<String> dates(String... dates) {
    return new TreeSet<>(List.of(dates));
  }

  @Test
  void a_year_of_dailies_keeps_7_days_4_weeks_12_months() {
    List<Gfs.Item> year = dailies(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), Set.of());
    Gfs.Decision decision = Gfs.decide(year, SEED_004, Instant.parse("2026-12-31T12:00:00Z"));
    // 7 days: Dec 25–31. 4 ISO weeks, newest of each: Dec 31 (W53), Dec 27 (W52), Dec 20 (W51), Dec 13 (W50).
    // 12 months, newest of each: the last day of every month of 2026.
    assertThat(kept(decision)).isEqualTo(dates("2026-12-25", "2026-12-26", "2026-12-27", "2026-12-28", "2026-12-29", "2026-12-30",
        "2026-12-31", "2026-12-20", "2026-12-13", "2026-11-30", "2026-10-31", "2026-09-30", "2026-08-31", "2026-07-31", "2026-06-30",
        "2026-05-31", "2026-04-30", "2026-03-31", "2026-02-28", "2026-01-31"));
    assertThat(decision.delete()).hasSize(365 - 20);
    assertThat(decision.keep().get("2026-12-31")).containsExactly("newest backup", "daily 2026-12-31", "weekly 2026-W53", "monthly 2026-12");
    assertThat(decision.keep().get("2026-12-13")).containsExactly("weekly 2026-W50");
    assertThat(decision.keep().get("2026-02-28")).containsExactly("monthly 2026-02");
  }

  @Test
  void gaps_and_failed_runs_count_only_the_periods_that_have_a_backup() {
    // No backup from Dec 14 to Dec 20 (a week of failed runs; failed runs are not complete backups,
    // so they never reach retention), nor in all of October.
    Set<LocalDate> skipped = new java.util.HashSet<>();
    for (LocalDate d = LocalDate.of(2026, 12, 14); !d.isAfter(LocalDate.of(2026, 12, 20)); d = d.plusDays(1)) {
      skipped.add(d);
    }
    for (LocalDate d = LocalDate.of(2026, 10, 1); !d.isAfter(LocalDate.of(2026, 10, 31)); d = d.plusDays(1)) {
      skipped.add(d);
    }
    List<Gfs.Item> items = dailies(LocalDate.of(2025, 12, 1), LocalDate.of(2026, 12, 31), skipped);
    Gfs.Decision decision = Gfs.decide(items, SEED_004, Instant.parse("2026-12-31T12:00:00Z"));
    // weekly: W53 (Dec 31), W52 (Dec 27), W51 has none → W50 (Dec 13), W49 (Dec 6).
    // monthly: Dec … Nov, then September (October has none) … so back to December 2025.
    assertThat(kept(decision)).isEqualTo(dates("2026-12-25", "2026-12-26", "2026-12-27", "2026-12-28", "2026-12-29", "2026-12-30",
        "2026-12-31", "2026-12-13", "2026-12-06", "2026-11-30", "2026-09-30", "2026-08-31", "2026-07-31", "2026-06-30", "2026-05-31",
        "2026-04-30", "2026-03-31", "2026-02-28", "2026-01-31", "2025-12-31"));
  }

  @Test
  void max_age_keep_last_and_the_newest_verified_backup() {
    List<Gfs.Item> items = new ArrayList<>(dailies(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31), Set.of()));
    items.set(0, new Gfs.Item("2026-01-01", items.get(0).createdAt(), true));
    Gfs.Decision decision = Gfs.decide(items, new Gfs.Policy(3, 0, 0, 0, Optional.of(Duration.ofDays(30)), UTC),
        Instant.parse("2026-03-31T12:00:00Z"));
    Set<String> expected = new TreeSet<>();
    for (LocalDate d = LocalDate.of(2026, 3, 2); !d.isAfter(LocalDate.of(2026, 3, 31)); d = d.plusDays(1)) {
      expected.add(d.toString());
    }
    expected.add("2026-01-01");
    assertThat(kept(decision)).isEqualTo(expected);
    assertThat(decision.keep().get("2026-01-01")).containsExactly("newest verified backup");
    assertThat(decision.keep().get("2026-03-29")).containsExactly("last 3", "younger than 30 days");
    assertThat(decision.keep().get("2026-03-02")).containsExactly("younger than 30 days");
  }

  @Test
  void buckets_follow_the_stated_time_zone() {
    // 23:30 UTC on Jan 1 is already Jan 2 in Tokyo: in UTC two backups share Jan 1, in Tokyo they do not.
    List<Gfs.Item> items = List.of(new Gfs.Item("a", Instant.parse("2026-01-01T01:00:00Z"), false),
        new Gfs.Item("b", Instant.parse("2026-01-01T23:30:00Z"), false));
    assertThat(kept(Gfs.decide(items, new Gfs.Policy(0, 7, 0, 0, Optional.empty(), UTC), Instant.parse("2026-01-03T00:00:00Z"))))
        .containsExactly("b");
    assertThat(kept(Gfs.decide(items, new Gfs.Policy(0, 7, 0, 0, Optional.empty(), ZoneId.of("Asia/Tokyo")),
        Instant.parse("2026-01-03T00:00:00Z")))).containsExactly("a", "b");
  }

  @Test
  void nothing_is_ever_deleted_from_a_single_backup_and_an_empty_list_is_fine() {
    assertThat(Gfs.decide(List.of(), SEED_004, Instant.now()).delete()).isEmpty();
    Gfs.Decision one = Gfs.decide(List.of(new Gfs.Item("x", Instant.parse("2020-01-01T00:00:00Z"), false)),
        new Gfs.Policy(0, 0, 0, 0, Optional.of(Duration.ofDays(1)), UTC), Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(one.delete()).isEmpty();
    assertThat(one.keep().get("x")).containsExactly("newest backup");
  }
}
