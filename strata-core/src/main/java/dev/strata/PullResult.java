package dev.strata;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Strata#pull(boolean, boolean)} found ({@code db pull}): the database introspected,
 * the schema files rendered from it (and whether each differs from the file there, and was
 * written), and the warnings that need the user's attention.
 *
 * @param database the database (its masked URL, or the data source's class)
 * @param models the tables introspected
 * @param enums the enums introspected
 * @param unchanged the database already matches the current schema: nothing was rendered or
 *     written, the files stay byte for byte as they are ({@link #files()} lists them, unwritten)
 * @param files the schema files, in order
 * @param warnings what the rendered schema needs the user's attention for
 * @param warningText the warnings as Prisma words them, for a terminal (empty without warnings)
 * @param elapsed the time taken to introspect and render
 */
public record PullResult(String database, int models, int enums, boolean unchanged, List<SchemaFile> files,
    List<Warning> warnings, String warningText, Duration elapsed) {
  public PullResult {
    Objects.requireNonNull(database, "database");
    files = List.copyOf(files);
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(warningText, "warningText");
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /**
   * A schema file.
   *
   * @param name its name as the schema names it ({@code schema.prisma}, or its path in a folder schema)
   * @param path where it is (or goes)
   * @param text its text (rendered, or as it is when {@link PullResult#unchanged()})
   * @param changed whether the text differs from the file there (or the file is new)
   * @param written whether it was written
   */
  public record SchemaFile(String name, Path path, String text, boolean changed, boolean written) {
    public SchemaFile {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(text, "text");
    }
  }

  /** A warning of introspection: Prisma's code, its message and the objects concerned. */
  public record Warning(String code, String message, List<String> affected) {
    public Warning {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
      affected = List.copyOf(affected);
    }
  }
}
