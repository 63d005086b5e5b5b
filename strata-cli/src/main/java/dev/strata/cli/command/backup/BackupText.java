package dev.strata.cli.command.backup;

import dev.strata.backup.BackupInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How backups are shown: sizes, ages, and the JSON form of a backup. */
final class BackupText {
  private BackupText() {}

  static String size(long bytes) {
    return dev.strata.ByteSizes.human(bytes);
  }

  static String age(Instant at, Instant now) {
    Duration d = Duration.between(at, now);
    if (d.toDays() >= 1) {
      return d.toDays() + "d " + d.toHoursPart() + "h";
    }
    if (d.toHours() >= 1) {
      return d.toHours() + "h " + d.toMinutesPart() + "m";
    }
    if (d.toMinutes() >= 1) {
      return d.toMinutes() + "m";
    }
    return Math.max(0, d.toSeconds()) + "s";
  }

  static String duration(Duration d) {
    return d.toMillis() < 10_000 ? d.toMillis() + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  static Map<String, Object> json(BackupInfo b) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("id", b.id());
    doc.put("label", b.label());
    doc.put("complete", b.complete());
    b.problem().ifPresent(p -> doc.put("problem", p));
    doc.put("database", b.database());
    b.createdAt().ifPresent(t -> doc.put("createdAt", t.toString()));
    doc.put("durationMs", b.duration().toMillis());
    doc.put("sizeBytes", b.sizeBytes());
    doc.put("databaseSizeBytes", b.databaseSizeBytes());
    doc.put("serverVersion", b.serverVersion());
    doc.put("pgDumpVersion", b.pgDumpVersion());
    doc.put("format", b.format());
    doc.put("encryption", b.encryption().orElse(null));
    doc.put("hashed", b.hashed());
    doc.put("exactRows", b.exactRows());
    doc.put("migrationHead", b.migrationHead().orElse(null));
    doc.put("verified", b.verified());
    b.verification().ifPresent(v -> {
      Map<String, Object> ver = new LinkedHashMap<>();
      ver.put("level", v.level().name().toLowerCase());
      ver.put("at", v.at().toString());
      ver.put("ok", v.ok());
      ver.put("problems", v.problems());
      doc.put("verification", ver);
    });
    doc.put("tables", b.tables().stream().map(t -> {
      Map<String, Object> table = new LinkedHashMap<>();
      table.put("table", t.table());
      table.put(t.estimated() ? "estimatedRows" : "rows", t.rows());
      t.hash().ifPresent(h -> table.put("hash", h));
      return table;
    }).toList());
    doc.put("path", b.path());
    return doc;
  }

  static long rows(List<BackupInfo.TableCount> tables) {
    return tables.stream().mapToLong(BackupInfo.TableCount::rows).sum();
  }
}
