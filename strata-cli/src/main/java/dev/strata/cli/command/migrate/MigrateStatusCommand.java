package dev.strata.cli.command.migrate;

import dev.strata.cli.BaseCommand;
import dev.strata.cli.ConnectionOptions;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.SchemaOptions;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.migrate.MigrationRunner;
import dev.strata.migrate.history.HistoryDiagnostic;
import dev.strata.migrate.history.MigrationStatus;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code strata migrate status}: every migration's state in a table, then Prisma's {@code migrate
 * status} verdict and exit code (0 up to date, 1 otherwise).
 */
@Command(
    name = "status",
    header = "Show every migration's state against the database's history.",
    description =
        "Compare the migrations directory with the database's _prisma_migrations table: a table of " +
        "every migration (applied, pending, failed, rolled back, modified after applying, missing on " +
        "disk), then Prisma's verdict. Exit code 0 when the database is up to date, 1 otherwise (as " +
        "Prisma).")
public final class MigrateStatusCommand extends BaseCommand {
  @Mixin SchemaOptions schemaOptions;
  @Mixin ConnectionOptions connectionOptions;
  @Mixin MigrationsOption migrationsOption;

  @Override
  protected int run() {
    Terminal term = terminal();
    MigrateTarget target = MigrateTarget.resolveDevSide(context(), schemaOptions, connectionOptions, migrationsOption, 1);
    MigrationStatus status = MigrationRunner.of(target.url(), target.directory()).status();
    int exit = status.isUpToDate() ? ExitCodes.OK : ExitCodes.ERROR;
    if (output.json()) {
      term.out().println(Json.write(json(target, status)));
      return exit;
    }
    target.warnings().forEach(w -> term.err().println(term.yellow("warning: ") + w));
    PrintWriter out = term.out();
    out.println(MigrateText.found(target));
    if (!status.entries().isEmpty()) {
      out.println();
      table(term, status);
      out.println();
    }
    verdict(term, target, status);
    if (!status.editedMigrationNames().isEmpty()) {
      term.err().println(term.yellow("warning: ") + "modified after they were applied (checksum mismatch): "
          + String.join(", ", status.editedMigrationNames()) + ". Deploy does not re-run them; migrate dev would ask for a reset.");
    }
    return exit;
  }

  private static void table(Terminal term, MigrationStatus status) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"#", "timestamp", "name", "status", "applied at", "duration"});
    for (MigrationStatus.Entry entry : status.entries()) {
      String timestamp = entry.timestamp().map(MigrateStatusCommand::timestamp).orElse("");
      String name = entry.timestamp().map(t -> entry.name().substring(t.length())).map(n -> n.startsWith("_") ? n.substring(1) : n)
          .filter(n -> !n.isEmpty()).orElse(entry.name());
      rows.add(new String[] {
        String.valueOf(entry.number()), timestamp, name, entry.state().label(),
        entry.appliedAt().map(MigrateText::instant).orElse(""), entry.duration().map(MigrateText::duration).orElse("")});
    }
    int[] widths = new int[6];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (int r = 0; r < rows.size(); r++) {
      String[] row = rows.get(r);
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        String cell = i == 0 ? " ".repeat(widths[i] - row[i].length()) + row[i] : row[i] + " ".repeat(widths[i] - row[i].length());
        if (r > 0 && i == 3) {
          cell = colour(term, status.entries().get(r - 1).state(), cell);
        }
        line.append(cell).append(i < row.length - 1 ? "  " : "");
      }
      term.out().println(r == 0 ? term.bold(line.toString().stripTrailing()) : line.toString().stripTrailing());
    }
  }

  private static String colour(Terminal term, MigrationStatus.State state, String cell) {
    return switch (state) {
      case APPLIED -> term.green(cell);
      case FAILED -> term.red(cell);
      case PENDING, ROLLED_BACK -> term.yellow(cell);
      case MODIFIED, MISSING_ON_DISK -> term.yellow(cell);
    };
  }

  /** {@code 20240101120000} as {@code 2024-01-01 12:00:00}; other prefixes as they are. */
  private static String timestamp(String digits) {
    if (digits.length() != 14) {
      return digits;
    }
    return digits.substring(0, 4) + "-" + digits.substring(4, 6) + "-" + digits.substring(6, 8) + " " + digits.substring(8, 10) + ":"
        + digits.substring(10, 12) + ":" + digits.substring(12, 14);
  }

  /** Prisma's {@code migrate status} text, in Prisma's order of checks (and its streams). */
  private static void verdict(Terminal term, MigrateTarget target, MigrationStatus status) {
    PrintWriter out = term.out();
    PrintWriter err = term.err();
    if (status.history() instanceof HistoryDiagnostic.DatabaseIsBehind behind) {
      List<String> names = behind.unappliedMigrationNames();
      out.println("Following migration" + (names.size() > 1 ? "s" : "") + " have not yet been applied:");
      names.forEach(out::println);
      out.println();
      out.println("To apply migrations in development run " + term.bold("strata migrate dev") + ".");
      out.println("To apply migrations in production run " + term.bold("strata migrate deploy") + ".");
      return;
    }
    if (status.history() instanceof HistoryDiagnostic.HistoriesDiverge diverge) {
      err.println("Your local migration history and the migrations table from your database are different:");
      err.println();
      err.println("The last common migration is: " + diverge.lastCommonMigrationName().orElse("null"));
      err.println();
      err.println("The migration" + (diverge.unappliedMigrationNames().size() > 1 ? "s" : "") + " have not yet been applied:");
      diverge.unappliedMigrationNames().forEach(err::println);
      err.println();
      err.println("The migration" + (diverge.unpersistedMigrationNames().size() > 1 ? "s" : "")
          + " from the database are not found locally in " + target.shownDirectory() + ":");
      diverge.unpersistedMigrationNames().forEach(err::println);
      return;
    }
    if (!status.hasMigrationsTable()) {
      err.println("The current database is not managed by Prisma Migrate.");
      err.println();
      err.println("Read more about how to baseline an existing production database:");
      err.println("https://pris.ly/d/migrate-baseline");
      return;
    }
    if (!status.failedMigrationNames().isEmpty()) {
      List<String> failed = status.failedMigrationNames();
      err.println("Following migration" + (failed.size() > 1 ? "s" : "") + " have failed:");
      failed.forEach(err::println);
      err.println();
      err.println("During development if the failed migration(s) have not been deployed to a production database you can then fix the"
          + " migration(s) and run strata migrate dev.");
      err.println();
      err.println("The failed migration(s) can be marked as rolled back or applied:");
      err.println();
      err.println("- If you rolled back the migration(s) manually:");
      err.println("strata migrate resolve --rolled-back \"" + failed.get(0) + "\"");
      err.println();
      err.println("- If you fixed the database manually (hotfix):");
      err.println("strata migrate resolve --applied \"" + failed.get(0) + "\"");
      err.println();
      err.println("Read more about how to resolve migration issues in a production database:");
      err.println("https://pris.ly/d/migrate-resolve");
      return;
    }
    out.println(term.green("Database schema is up to date!"));
  }

  private static Map<String, Object> json(MigrateTarget target, MigrationStatus status) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("ok", true);
    doc.put("upToDate", status.isUpToDate());
    doc.put("found", target.directory().folders().size());
    doc.put("hasMigrationsTable", status.hasMigrationsTable());
    Map<String, Object> history = new LinkedHashMap<>();
    if (status.history() instanceof HistoryDiagnostic.DatabaseIsBehind b) {
      history.put("diagnostic", "databaseIsBehind");
      history.put("unappliedMigrationNames", b.unappliedMigrationNames());
    } else if (status.history() instanceof HistoryDiagnostic.MigrationsDirectoryIsBehind b) {
      history.put("diagnostic", "migrationsDirectoryIsBehind");
      history.put("unpersistedMigrationNames", b.unpersistedMigrationNames());
    } else if (status.history() instanceof HistoryDiagnostic.HistoriesDiverge d) {
      history.put("diagnostic", "historiesDiverge");
      d.lastCommonMigrationName().ifPresent(n -> history.put("lastCommonMigrationName", n));
      history.put("unappliedMigrationNames", d.unappliedMigrationNames());
      history.put("unpersistedMigrationNames", d.unpersistedMigrationNames());
    } else {
      history.put("diagnostic", "inSync");
    }
    doc.put("history", history);
    doc.put("failedMigrationNames", status.failedMigrationNames());
    doc.put("editedMigrationNames", status.editedMigrationNames());
    List<Map<String, Object>> migrations = new ArrayList<>();
    for (MigrationStatus.Entry entry : status.entries()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("number", entry.number());
      m.put("name", entry.name());
      m.put("status", entry.state().name().toLowerCase(java.util.Locale.ROOT));
      entry.record().ifPresent(r -> m.put("startedAt", r.startedAt().toString()));
      entry.appliedAt().ifPresent(t -> m.put("appliedAt", t.toString()));
      entry.duration().ifPresent(d -> m.put("durationMs", d.toMillis()));
      entry.record().flatMap(r -> r.logs()).filter(l -> !l.isEmpty()).ifPresent(l -> m.put("logs", l));
      migrations.add(m);
    }
    doc.put("migrations", migrations);
    return doc;
  }
}
