package dev.strata.cli.command.migrate;

import dev.strata.cli.BaseCommand;
import dev.strata.cli.ConnectionOptions;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.SchemaOptions;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.OutOfOrderMigration;
import dev.strata.StatusResult;
import dev.strata.StrataListener;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
        "disk), then Prisma's verdict, migrations out of order, and the checksums of edited ones. Exit " +
        "code 0 when the database is up to date, 1 otherwise (as Prisma); with --strict, 3 when it is up " +
        "to date but an applied migration was modified or is missing on disk.")
public final class MigrateStatusCommand extends BaseCommand {
  @Mixin SchemaOptions schemaOptions;
  @Mixin ConnectionOptions connectionOptions;
  @Mixin MigrationsOption migrationsOption;

  @Option(names = "--strict",
      description = "Also exit 3 when the history is inconsistent although nothing is pending: a migration modified after it was "
          + "applied (checksum mismatch) or applied but missing on disk. Prisma's status exits 0 then; use this in CI.")
  boolean strict;

  @Override
  protected int run() {
    Terminal term = terminal();
    MigrateTarget target = MigrateTarget.resolveDevSide(context(), schemaOptions, connectionOptions, migrationsOption, 1);
    StatusResult status = target.strata(StrataListener.NONE).status();
    int exit = status.upToDate() ? (strict && !strictProblems(status).isEmpty() ? ExitCodes.CHECK_FAILED : ExitCodes.OK) : ExitCodes.ERROR;
    if (output.json()) {
      term.out().println(Json.write(json(target, status, strict)));
      return exit;
    }
    target.warnings().forEach(w -> term.err().println(term.yellow("warning: ") + w));
    PrintWriter out = term.out();
    out.println(MigrateText.datasource(target));
    out.println();
    out.println(MigrateText.found(target, status.found()));
    if (!status.entries().isEmpty()) {
      out.println();
      table(term, status);
      out.println();
    }
    verdict(term, target, status);
    outOfOrder(term, status);
    edited(term, status);
    if (strict && exit == ExitCodes.CHECK_FAILED) {
      term.err().println(term.red("✗ ") + "migrate status --strict: " + String.join("; ", strictProblems(status)) + ".");
    }
    return exit;
  }

  /** What {@code --strict} fails on, beyond Prisma's verdict: the files no longer match what was applied. */
  private static List<String> strictProblems(StatusResult status) {
    List<String> problems = new ArrayList<>();
    if (!status.edits().isEmpty()) {
      problems.add(status.edits().size() + " migration" + (status.edits().size() > 1 ? "s" : "") + " modified after applying");
    }
    int missing = status.entries(StatusResult.State.MISSING_ON_DISK).size();
    if (missing > 0) {
      problems.add(missing + " applied migration" + (missing > 1 ? "s" : "") + " missing on disk");
    }
    return problems;
  }

  /** Out-of-order migrations, which Prisma reports as merely pending (or not at all once applied). */
  private static void outOfOrder(Terminal term, StatusResult status) {
    List<OutOfOrderMigration> pending = status.pendingOutOfOrder();
    if (!pending.isEmpty()) {
      PrintWriter err = term.err();
      String applied = pending.get(0).sortsBefore();
      err.println();
      err.println(term.yellow("warning[" + OutOfOrderMigration.CODE + "]: ") + (pending.size() > 1 ? "these migrations sort" : "this migration sorts")
          + " before " + applied + ", which is already applied:");
      pending.forEach(o -> err.println("  " + o.name()));
      err.println("strata migrate deploy applies " + (pending.size() > 1 ? "them" : "it") + " anyway, after " + applied
          + " (as Prisma does): fine only if " + (pending.size() > 1 ? "they neither depend" : "it neither depends") + " on nor conflict"
          + (pending.size() > 1 ? "" : "s") + " with the migrations applied since. A new database applies the folders in name order, so it"
          + " runs " + (pending.size() > 1 ? "them" : "it") + " before " + applied + ".");
      err.println("If " + (pending.size() > 1 ? "they have" : "it has") + " not been applied to any database yet, you can instead rename the folder"
          + (pending.size() > 1 ? "s" : "") + " with a timestamp after " + applied + " so that the history stays in order."
          + " See strata explain " + OutOfOrderMigration.CODE + ".");
    }
    for (OutOfOrderMigration applied : status.appliedOutOfOrder()) {
      term.err().println(term.yellow("note[" + OutOfOrderMigration.CODE + "]: ") + applied.name() + " was applied after "
          + applied.sortsBefore() + " although it sorts before it (out of order); a new database runs it first."
          + " See strata explain " + OutOfOrderMigration.CODE + ".");
    }
  }

  /** Migrations modified after they were applied, with both checksums. */
  private static void edited(Terminal term, StatusResult status) {
    List<StatusResult.Edit> edits = status.edits();
    if (edits.isEmpty()) {
      return;
    }
    PrintWriter err = term.err();
    err.println();
    err.println(term.yellow("warning[" + StatusResult.Edit.CODE + "]: ") + (edits.size() > 1 ? edits.size() + " migrations were" : "a migration was")
        + " modified after " + (edits.size() > 1 ? "they were" : "it was") + " applied (checksum mismatch):");
    for (StatusResult.Edit edit : edits) {
      err.println("  " + edit.name());
      err.println("    checksum recorded when applied  " + edit.recordedChecksum());
      err.println("    checksum of migration.sql now   " + edit.currentChecksum());
    }
    err.println("The database has the migration as it was applied: deploy does not run it again, and migrate dev would ask for a reset."
        + " Restore the file as it was applied (e.g. from version control), and put further changes in a new migration."
        + " migrate status --strict exits 3 on this (Prisma's status exits 0). See strata explain " + StatusResult.Edit.CODE + ".");
  }

  private static void table(Terminal term, StatusResult status) {
    List<String[]> rows = new ArrayList<>();
    Set<String> outOfOrder = new HashSet<>();
    status.outOfOrder().forEach(o -> outOfOrder.add(o.name()));
    rows.add(new String[] {"#", "timestamp", "name", "status", "applied at", "duration"});
    for (StatusResult.Entry entry : status.entries()) {
      String timestamp = entry.timestamp().map(MigrateStatusCommand::timestamp).orElse("");
      String name = entry.timestamp().map(t -> entry.name().substring(t.length())).map(n -> n.startsWith("_") ? n.substring(1) : n)
          .filter(n -> !n.isEmpty()).orElse(entry.name());
      rows.add(new String[] {
        String.valueOf(entry.number()), timestamp, name,
        entry.state().label() + (outOfOrder.contains(entry.name()) ? " (out of order)" : ""),
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

  private static String colour(Terminal term, StatusResult.State state, String cell) {
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
  private static void verdict(Terminal term, MigrateTarget target, StatusResult status) {
    PrintWriter out = term.out();
    PrintWriter err = term.err();
    StatusResult.History history = status.history();
    if (history.kind() == StatusResult.History.Kind.DATABASE_IS_BEHIND) {
      List<String> names = history.unappliedMigrationNames();
      out.println("Following migration" + (names.size() > 1 ? "s" : "") + " have not yet been applied:");
      names.forEach(out::println);
      out.println();
      out.println("To apply migrations in development run " + term.bold("strata migrate dev") + ".");
      out.println("To apply migrations in production run " + term.bold("strata migrate deploy") + ".");
      return;
    }
    if (history.kind() == StatusResult.History.Kind.HISTORIES_DIVERGE) {
      StatusResult.History diverge = history;
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

  private static Map<String, Object> json(MigrateTarget target, StatusResult status, boolean strict) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("ok", true);
    doc.put("datasource", MigrateText.datasourceJson(target));
    doc.put("upToDate", status.upToDate());
    if (strict) {
      doc.put("strictProblems", strictProblems(status));
    }
    doc.put("found", status.found());
    doc.put("hasMigrationsTable", status.hasMigrationsTable());
    Map<String, Object> history = new LinkedHashMap<>();
    StatusResult.History d = status.history();
    if (d.kind() == StatusResult.History.Kind.DATABASE_IS_BEHIND) {
      history.put("diagnostic", "databaseIsBehind");
      history.put("unappliedMigrationNames", d.unappliedMigrationNames());
    } else if (d.kind() == StatusResult.History.Kind.MIGRATIONS_DIRECTORY_IS_BEHIND) {
      history.put("diagnostic", "migrationsDirectoryIsBehind");
      history.put("unpersistedMigrationNames", d.unpersistedMigrationNames());
    } else if (d.kind() == StatusResult.History.Kind.HISTORIES_DIVERGE) {
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
    doc.put("editedMigrations", status.edits().stream().map(e -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", e.name());
      m.put("recordedChecksum", e.recordedChecksum());
      m.put("currentChecksum", e.currentChecksum());
      return m;
    }).toList());
    doc.put("outOfOrder", status.outOfOrder().stream().map(o -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", o.name());
      m.put("sortsBefore", o.sortsBefore());
      m.put("applied", o.applied());
      return m;
    }).toList());
    List<Map<String, Object>> migrations = new ArrayList<>();
    for (StatusResult.Entry entry : status.entries()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("number", entry.number());
      m.put("name", entry.name());
      m.put("status", entry.state().name().toLowerCase(java.util.Locale.ROOT));
      entry.startedAt().ifPresent(t -> m.put("startedAt", t.toString()));
      entry.appliedAt().ifPresent(t -> m.put("appliedAt", t.toString()));
      entry.duration().ifPresent(t -> m.put("durationMs", t.toMillis()));
      entry.logs().filter(l -> !l.isEmpty()).ifPresent(l -> m.put("logs", l));
      migrations.add(m);
    }
    doc.put("migrations", migrations);
    return doc;
  }
}
