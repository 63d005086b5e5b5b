package dev.strata.backup.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Grandfather-father-son retention, as restic's {@code forget} defines its tiers: keep the newest
 * {@code last}; for each of the newest {@code daily} days (weeks, months) that have a backup, the
 * newest backup of that day; everything younger than {@code maxAge}; and always the newest backup
 * and the newest verified one. A backup is kept when any rule keeps it (the tiers overlap, their
 * union is kept); buckets are calendar days, ISO weeks and months in {@code zone}.
 */
public final class Gfs {
  /** A complete backup as retention sees it. */
  public record Item(String id, Instant createdAt, boolean verified) {}

  /** The policy; a count of 0 turns its tier off. */
  public record Policy(int last, int daily, int weekly, int monthly, Optional<Duration> maxAge, ZoneId zone) {}

  /** What to keep (with every rule that keeps it) and what to delete. */
  public record Decision(Map<String, List<String>> keep, List<String> delete) {}

  private Gfs() {}

  public static Decision decide(List<Item> items, Policy policy, Instant now) {
    List<Item> sorted = new ArrayList<>(items);
    sorted.sort(Comparator.comparing(Item::createdAt).thenComparing(Item::id).reversed());
    Map<String, List<String>> keep = new LinkedHashMap<>();
    if (!sorted.isEmpty()) {
      reason(keep, sorted.get(0).id(), "newest backup");
    }
    sorted.stream().filter(Item::verified).findFirst().ifPresent(i -> reason(keep, i.id(), "newest verified backup"));
    for (int i = 0; i < Math.min(policy.last(), sorted.size()); i++) {
      reason(keep, sorted.get(i).id(), "last " + policy.last());
    }
    tier(keep, sorted, policy.daily(), "daily", t -> t.toLocalDate().toString(), policy.zone());
    tier(keep, sorted, policy.weekly(), "weekly",
        t -> t.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)), policy.zone());
    tier(keep, sorted, policy.monthly(), "monthly", t -> String.format("%d-%02d", t.getYear(), t.getMonthValue()), policy.zone());
    if (policy.maxAge().isPresent()) {
      for (Item item : sorted) {
        if (!item.createdAt().isBefore(now.minus(policy.maxAge().get()))) {
          reason(keep, item.id(), "younger than " + human(policy.maxAge().get()));
        }
      }
    }
    List<String> delete = sorted.stream().map(Item::id).filter(id -> !keep.containsKey(id)).toList();
    Map<String, List<String>> ordered = new LinkedHashMap<>();
    sorted.stream().map(Item::id).filter(keep::containsKey).forEach(id -> ordered.put(id, List.copyOf(keep.get(id))));
    return new Decision(ordered, delete);
  }

  private static void tier(Map<String, List<String>> keep, List<Item> newestFirst, int count, String name,
      Function<ZonedDateTime, String> bucket, ZoneId zone) {
    if (count <= 0) {
      return;
    }
    String last = null;
    int kept = 0;
    for (Item item : newestFirst) {
      String key = bucket.apply(item.createdAt().atZone(zone));
      if (!key.equals(last)) {
        last = key;
        if (kept >= count) {
          return;
        }
        kept++;
        reason(keep, item.id(), name + " " + key);
      }
    }
  }

  private static void reason(Map<String, List<String>> keep, String id, String why) {
    keep.computeIfAbsent(id, k -> new ArrayList<>()).add(why);
  }

  static String human(Duration d) {
    if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
      return d.toDays() + (d.toDays() == 1 ? " day" : " days");
    }
    if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
      return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
    }
    return d.toMinutes() + " minutes";
  }
}
