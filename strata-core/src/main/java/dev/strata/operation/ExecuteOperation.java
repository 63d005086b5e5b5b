package dev.strata.operation;

import dev.strata.ErrorCode;
import dev.strata.ExecuteResult;
import dev.strata.StrataConfig;
import dev.strata.StrataException;
import dev.strata.config.Utf8Text;
import dev.strata.migrate.AppliedMigration;
import dev.strata.migrate.MigrationFailedException;
import dev.strata.migrate.MigrationFailure;
import dev.strata.migrate.MigrationReplayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@code db execute}: a SQL script run against the database with a migration's transaction
 * semantics; a failure names the line and the statement.
 */
public final class ExecuteOperation {
  private final StrataConfig config;

  public ExecuteOperation(StrataConfig config) {
    this.config = config;
  }

  /** Reads (strict UTF-8) and runs a script file; {@code shown} names it in reports. */
  public ExecuteResult executeFile(Path file, String shown) {
    return execute(shown, file, readFile(file, shown));
  }

  /** Runs a script; {@code source} names it in reports. */
  public ExecuteResult execute(String source, Path path, String script) {
    long started = System.nanoTime();
    try (Connection connection = DbSupport.connection(config)) {
      AppliedMigration applied = MigrationReplayer.on(connection).apply(source, path, script);
      return new ExecuteResult(source, applied.statements(), applied.notes(), java.time.Duration.ofNanos(System.nanoTime() - started));
    } catch (MigrationFailedException e) {
      throw new StrataException(ErrorCode.DATABASE, describe(source, e.failure()),
          StrataException.Details.none().withSqlState(e.failure().sqlState()), e);
    } catch (SQLException e) {
      throw DbSupport.closing(config, e);
    }
  }

  /** A failed script in the words of a script, not of a migration. */
  static String describe(String source, MigrationFailure f) {
    StringBuilder out = new StringBuilder();
    out.append("The script ").append(source).append(" failed at line ").append(f.line())
        .append(", in the statement starting at line ").append(f.statement().startLine()).append(".\n");
    String gutter = " ".repeat(String.valueOf(f.line()).length());
    out.append(gutter).append("--> ").append(source).append(':').append(f.line()).append('\n');
    out.append(gutter).append(" |\n");
    out.append(f.line()).append(" | ").append(f.lineText()).append('\n');
    out.append(gutter).append(" = statement: ").append(f.statement().firstLine()).append('\n');
    out.append("Database error").append(f.sqlState().isEmpty() ? "" : " [" + f.sqlState() + "]").append(": ")
        .append(f.databaseMessage()).append('\n');
    out.append(f.earlierStatementsCommitted()
        ? f.committedReport("the script")
        : "Nothing of the script was applied: its transaction was rolled back.");
    return out.toString();
  }

  /** A script file's text (strict UTF-8), refused before anything reaches the database. */
  public static String readFile(Path path, String shown) {
    try {
      return decode(Files.readAllBytes(path), shown);
    } catch (NoSuchFileException e) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "The script " + shown + " does not exist.");
    } catch (IOException e) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "Could not read " + shown + ": " + e.getMessage(), e);
    }
  }

  /** A script's bytes as text (strict UTF-8): {@code INVALID_INPUT} naming the byte offset otherwise. */
  public static String decode(byte[] bytes, String shown) {
    Utf8Text.Decoded decoded = Utf8Text.decode(bytes);
    return decoded.text().orElseThrow(() -> new StrataException(ErrorCode.INVALID_INPUT,
        "The script " + shown + " cannot be run: " + decoded.problem().orElseThrow() + ". Nothing was sent to the database."));
  }
}
