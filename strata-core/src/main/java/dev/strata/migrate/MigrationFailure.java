package dev.strata.migrate;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a migration failed to apply: the migration, the statement that failed and the line of the
 * error in the file, the database's error (SQLSTATE, message, detail, hint), whether statements
 * of this migration that ran before it stay committed, and the missing extension when that was
 * the cause.
 */
public record MigrationFailure(
    String migrationName,
    Path file,
    SqlStatement statement,
    int line,
    String lineText,
    String sqlState,
    String databaseMessage,
    boolean earlierStatementsCommitted,
    Optional<String> missingExtension,
    String serverVersion) {

  public MigrationFailure {
    Objects.requireNonNull(migrationName, "migrationName");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(lineText, "lineText");
    Objects.requireNonNull(sqlState, "sqlState");
    Objects.requireNonNull(databaseMessage, "databaseMessage");
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
    out.append('\n').append(earlierStatementsCommitted
        ? "Statements of this migration before line " + statement.startLine()
            + " that ran outside its transaction (or after a COMMIT in the file) remain applied."
        : "Nothing of this migration was applied: its transaction was rolled back.");
    return out.toString();
  }

  /** The failure's machine-readable facts (the migration, the SQLSTATE) under Prisma's code {@code prismaCode}. */
  public dev.strata.StrataException.Details details(String prismaCode) {
    return dev.strata.StrataException.Details.prisma(prismaCode).withSqlState(sqlState).withMigration(migrationName);
  }
}
