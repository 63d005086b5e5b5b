package dev.strata.health.check;

import dev.strata.StatusResult;
import dev.strata.StrataException;
import dev.strata.health.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code migration-state}: the migrations folder against {@code _prisma_migrations}, as {@code
 * strata migrate status}: a failed migration is critical; pending ones, ones modified after they
 * were applied and ones missing on disk are warnings.
 */
public final class MigrationState extends Check {
  @Override
  public String id() {
    return "migration-state";
  }

  @Override
  public String title() {
    return "Migration state (_prisma_migrations)";
  }

  @Override
  public Finding run(CheckContext ctx) {
    Optional<Path> folder = ctx.strata().flatMap(s -> s.config().migrationsDirectory()).filter(Files::isDirectory);
    if (folder.isEmpty()) {
      return Finding.notConfigured("no migrations folder in this project", "Run strata health in the project folder (or give --schema).", null);
    }
    StatusResult status;
    try {
      status = ctx.strata().get().status();
    } catch (StrataException e) {
      if (e.getMessage() != null && e.getMessage().contains("permission denied")) {
        return Finding.skipped("cannot read _prisma_migrations: " + e.getMessage().lines().findFirst().orElse(""),
            "SELECT on _prisma_migrations");
      }
      throw e;
    }
    List<Map<String, Object>> maps = new ArrayList<>();
    add(maps, "failed", status.failed());
    add(maps, "modified after applying", status.modified());
    add(maps, "missing on disk", status.missingOnDisk());
    add(maps, "pending", status.pending());
    Rows rows = new Rows(List.of("state", "migration"), maps);
    if (maps.isEmpty()) {
      return Finding.pass(status.applied().size() + " migration(s) applied, none pending, failed or modified");
    }
    boolean failed = !status.failed().isEmpty();
    String summary = String.format("%d failed, %d modified, %d missing on disk, %d pending", status.failed().size(), status.modified().size(),
        status.missingOnDisk().size(), status.pending().size());
    return Finding.found(failed ? Severity.CRITICAL : Severity.WARNING, summary, rows, fix(status), fixSql(status));
  }

  /** The strata command that repairs the worst state, with the migration's real name. */
  static String fix(StatusResult status) {
    if (!status.failed().isEmpty()) {
      String name = status.failed().get(0);
      return "Fix the failed migration's cause (its logs: the SQL below), then mark it: strata migrate resolve --rolled-back " + name
          + " (or --applied " + name + "), and run strata migrate deploy.";
    }
    if (!status.modified().isEmpty() || !status.missingOnDisk().isEmpty()) {
      return "Restore the migration files as they were applied (git; the SQL below shows the applied checksums), "
          + "or resolve the difference with a new migration.";
    }
    return "Apply the pending migrations: strata migrate deploy.";
  }

  /**
   * The SQL that shows the rows concerned in {@code _prisma_migrations} (the failed ones with their
   * logs, the modified or missing ones with their checksums); pending migrations have no row, and
   * no SQL applies them but {@code strata migrate deploy}: that is said in a comment.
   */
  static String fixSql(StatusResult status) {
    List<String> lines = new ArrayList<>();
    if (!status.failed().isEmpty()) {
      lines.add("SELECT migration_name, started_at, logs FROM _prisma_migrations WHERE migration_name IN (" + literals(status.failed())
          + ") AND finished_at IS NULL AND rolled_back_at IS NULL;");
    }
    List<String> changed = new ArrayList<>(status.modified());
    changed.addAll(status.missingOnDisk());
    if (!changed.isEmpty()) {
      lines.add("SELECT migration_name, checksum, finished_at FROM _prisma_migrations WHERE migration_name IN (" + literals(changed)
          + ") AND rolled_back_at IS NULL;");
    }
    if (lines.isEmpty()) {
      lines.add("-- no SQL to run: pending migrations are applied by strata migrate deploy");
    }
    return String.join("\n", lines);
  }

  private static String literals(List<String> names) {
    return names.stream().map(n -> "'" + n.replace("'", "''") + "'").collect(java.util.stream.Collectors.joining(", "));
  }

  private static void add(List<Map<String, Object>> maps, String state, List<String> names) {
    for (String name : names) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("state", state);
      m.put("migration", name);
      maps.add(m);
    }
  }
}
