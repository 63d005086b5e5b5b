package dev.strata.migrate;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a migration failed to apply: the migration, the statement that failed and the line of the
 * error in the file, the database's error (SQLSTATE, message, detail, hint), the statements of
 * this migration that were committed before it (and so stay applied), and the missing extension
 * when that was the cause.
 */
public record MigrationFailure(
    String migrationName,
    Path file,
    SqlStatement statement,
    int line,
    String lineText,
    String sqlState,
    String databaseMessage,
    List<SqlStatement> committedStatements,
    Optional<String> missingExtension,
    String serverVersion) {

  public MigrationFailure {
    Objects.requireNonNull(migrationName, "migrationName");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(lineText, "lineText");
    Objects.requireNonNull(sqlState, "sqlState");
    Objects.requireNonNull(databaseMessage, "databaseMessage");
    committedStatements = List.copyOf(committedStatements);
    Objects.requireNonNull(missingExtension, "missingExtension");
    Objects.requireNonNull(serverVersion, "serverVersion");
  }

  /** The user-facing report: what failed, where (with the source line), the database's words, and what was kept. */
  public String message() {
    StringBuilder out = new StringBuilder();
    out.append("Migration `").append(migrationName).append("` failed to apply");
    missingExtension.ifPresentOrElse(
        ext -> out.append(": it needs the PostgreSQL extension \"").append(ext)
            .append("\", which is not available on this server (PostgreSQL ").append(serverVersion).append(").\n"),
        () -> out.append(".\n"));
    String gutter = " ".repeat(String.valueOf(line).length());
    out.append(gutter).append("--> ").append(file).append(':').append(line).append('\n');
    out.append(gutter).append(" |\n");
    out.append(line).append(" | ").append(lineText).append('\n');
    if (line != statement.startLine()) {
      out.append(gutter).append(" = in the statement starting at line ").append(statement.startLine()).append(": ")
          .append(statement.firstLine()).append('\n');
    }
    out.append("Database error").append(sqlState.isEmpty() ? "" : " [" + sqlState + "]").append(": ")
        .append(databaseMessage);
    missingExtension.ifPresent(ext -> out.append("\nInstall the extension \"").append(ext)
        .append("\" on the database server (pg_available_extensions does not list it), or use a server that provides it."));
    out.append('\n').append(earlierStatementsCommitted()
        ? committedReport("this migration")
        : "Nothing of this migration was applied: its transaction was rolled back.");
    return out.toString();
  }

  /** The failure's machine-readable facts (the migration, the SQLSTATE) under Prisma's code {@code prismaCode}. */
  public dev.strata.StrataException.Details details(String prismaCode) {
    return dev.strata.StrataException.Details.prisma(prismaCode).withSqlState(sqlState).withMigration(migrationName);
  }

  /** Whether any statement of the script was committed before the failure (those stay applied). */
  public boolean earlierStatementsCommitted() {
    return !committedStatements.isEmpty();
  }

  /**
   * The committed statements, one per line with its line number and first line, under a sentence
   * naming {@code what} ran ("this migration", "the script"); long lists end with a count.
   */
  public String committedReport(String what) {
    StringBuilder out = new StringBuilder();
    int n = committedStatements.size();
    out.append(n == 1 ? "This statement of " + what + " was committed before the failure and remains applied:"
        : "These " + n + " statements of " + what + " were committed before the failure and remain applied:");
    int shown = n > MAX_LISTED ? MAX_LISTED - 1 : n;
    for (int i = 0; i < shown; i++) {
      SqlStatement committed = committedStatements.get(i);
      out.append("\n  line ").append(committed.startLine()).append(": ").append(committed.firstLine());
    }
    if (shown < n) {
      out.append("\n  … and ").append(n - shown).append(" more, from line ").append(committedStatements.get(shown).startLine())
          .append(" to line ").append(committedStatements.get(n - 1).startLine());
    }
    return out.toString();
  }

  /** The most statements {@link #committedReport} lists one by one. */
  private static final int MAX_LISTED = 50;
}
