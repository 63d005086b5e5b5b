package dev.strata.health.check;

import dev.strata.BackupCatalog;
import dev.strata.StrataConfig;
import dev.strata.StrataException;
import dev.strata.health.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code backup-freshness}: the newest Strata backup, its age and the last verification, from the
 * backup manifests, read through {@link BackupCatalog} (the backup module, when it is on the class
 * path: the CLI has it). The age of the newest complete backup is graded by {@code warning_hours}
 * and {@code critical_hours}; the newest passed verification by {@code verify_warning_days} and
 * {@code verify_critical_days} (none at all: a warning); a newest backup whose last verification
 * failed is critical; runs that never finished after it (older than {@code running_grace_hours}, so
 * not still running) are a warning.
 */
public final class BackupFreshness extends Check {
  @Override
  public String id() {
    return "backup-freshness";
  }

  @Override
  public String title() {
    return "Backup freshness and last verification";
  }

  @Override
  public Map<String, Double> defaults() {
    return Map.of("warning_hours", 26.0, "critical_hours", 50.0, "verify_warning_days", 7.0, "verify_critical_days", 30.0,
        "running_grace_hours", 6.0);
  }

  @Override
  public Finding run(CheckContext ctx) {
    List<BackupCatalog> catalogs = BackupCatalog.installed();
    Optional<StrataConfig> config = ctx.strata().map(s -> s.config());
    if (catalogs.isEmpty() || config.isEmpty()) {
      return Finding.notConfigured("Strata's backup module is not on the class path here, so its manifests cannot be read",
          "Run strata health from the CLI (it has the backup module), or add strata-backup to the application.", null);
    }
    BackupCatalog.Listing listing;
    try {
      listing = catalogs.get(0).list(config.get());
    } catch (StrataException e) {
      return Finding.error("the backups could not be listed: " + e.getMessage());
    }
    return judge(ctx, listing, ctx.now());
  }

  Finding judge(CheckContext ctx, BackupCatalog.Listing listing, Instant now) {
    double warningHours = ctx.threshold("warning_hours");
    double criticalHours = ctx.threshold("critical_hours");
    double verifyWarningDays = ctx.threshold("verify_warning_days");
    double verifyCriticalDays = ctx.threshold("verify_critical_days");
    Duration grace = hours(ctx.threshold("running_grace_hours"));
    List<BackupCatalog.Backup> backups = listing.backups();
    Rows rows = rows(backups, now);
    Optional<BackupCatalog.Backup> newest = backups.stream().filter(BackupCatalog.Backup::complete).findFirst();
    String take = "strata backup create && strata backup verify --level restore";
    if (newest.isEmpty()) {
      return Finding.found(Severity.CRITICAL, backups.isEmpty() ? "no backup in " + listing.location()
          : "no complete backup in " + listing.location() + " (" + backups.size() + " run(s) never finished)", rows,
          "Take a backup and verify it (then schedule them: strata backup schedule); if backups are taken by other means,"
              + " skip this check in strata.toml ([health] skip = [\"backup-freshness\"]).", take);
    }
    BackupCatalog.Backup last = newest.get();
    double ageHours = last.startedAt().map(t -> Duration.between(t, now).toMinutes() / 60.0).orElse(Double.MAX_VALUE);
    List<String> problems = new ArrayList<>();
    Severity severity = Finding.above(ageHours, warningHours, criticalHours);
    if (severity != Severity.OK) {
      problems.add("the newest backup is " + age(ageHours) + " old (past " + UnusedIndexes.fmt(severity == Severity.CRITICAL ? criticalHours
          : warningHours) + " h)");
    }
    if (last.verification().isPresent() && !last.verification().get().ok()) {
      severity = Severity.CRITICAL;
      problems.add("the newest backup " + last.id() + " failed its last verification (" + last.verification().get().level() + ")");
    }
    Optional<BackupCatalog.Verification> passed = backups.stream().filter(BackupCatalog.Backup::complete)
        .flatMap(b -> b.verification().stream()).filter(BackupCatalog.Verification::ok)
        .max(java.util.Comparator.comparing(BackupCatalog.Verification::at));
    if (passed.isEmpty()) {
      severity = max(severity, Severity.WARNING);
      problems.add("no backup has passed a verification");
    } else {
      double days = Duration.between(passed.get().at(), now).toMinutes() / 1440.0;
      Severity verify = Finding.above(days, verifyWarningDays, verifyCriticalDays);
      if (verify != Severity.OK) {
        severity = max(severity, verify);
        problems.add("the last passed verification was " + String.format(Locale.ROOT, "%.1f", days) + " days ago");
      }
    }
    long failed = backups.stream().takeWhile(b -> b != last).filter(b -> !b.complete())
        .filter(b -> b.startedAt().map(t -> t.plus(grace).isBefore(now)).orElse(true)).count();
    if (failed > 0) {
      severity = max(severity, Severity.WARNING);
      problems.add(failed + " later run(s) never finished");
    }
    String verified = passed.map(v -> "last verified " + v.at() + " (" + v.level() + ")").orElse("never verified");
    String summary = "newest " + last.id() + " (" + last.label() + "), " + age(ageHours) + " old, " + verified;
    if (severity == Severity.OK) {
      return Finding.pass(summary, rows);
    }
    return Finding.found(severity, String.join("; ", problems) + " — " + summary, rows,
        "Take and verify a backup now, and find why the schedule did not (strata backup schedule; its log).", take);
  }

  private static Rows rows(List<BackupCatalog.Backup> backups, Instant now) {
    List<Map<String, Object>> maps = new ArrayList<>();
    for (BackupCatalog.Backup b : backups.subList(0, Math.min(backups.size(), 10))) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", b.id());
      m.put("label", b.label());
      m.put("age", b.startedAt().map(t -> age(Duration.between(t, now).toMinutes() / 60.0)).orElse(""));
      m.put("complete", b.complete() ? "yes" : "no: never finished");
      m.put("verification", b.verification().map(v -> (v.ok() ? "passed" : "FAILED") + " (" + v.level() + ", " + v.at() + ")").orElse("none"));
      maps.add(m);
    }
    return new Rows(List.of("id", "label", "age", "complete", "verification"), maps);
  }

  private static String age(double hours) {
    if (hours == Double.MAX_VALUE) {
      return "unknown";
    }
    return hours < 48 ? String.format(Locale.ROOT, "%.1f h", hours) : String.format(Locale.ROOT, "%.1f days", hours / 24);
  }

  private static Duration hours(double value) {
    return Duration.ofMinutes(Math.round(value * 60));
  }

  private static Severity max(Severity a, Severity b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
