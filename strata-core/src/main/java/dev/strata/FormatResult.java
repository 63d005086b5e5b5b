package dev.strata;

import dev.strata.diag.Diagnostic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Strata#format()} or {@link Strata#checkFormat()} did: each schema file before and
 * after formatting ({@code prisma format}'s layout), and whether the files were written.
 *
 * @param location the schema file or folder (absolute)
 * @param files every schema file, in order; when the schema is invalid ({@code errors} not empty)
 *     nothing is formatted and every file is unchanged
 * @param errors the errors of the formatted schema: Prisma writes nothing then, nor does Strata;
 *     they point into the formatted text
 * @param written whether the changed files were written (atomically: an interrupted write never
 *     leaves half a file)
 * @param elapsed how long formatting and checking took (reading and writing the files excluded)
 */
public record FormatResult(Path location, List<File> files, List<Diagnostic> errors, boolean written, Duration elapsed) {
  public FormatResult {
    Objects.requireNonNull(location, "location");
    files = List.copyOf(files);
    errors = List.copyOf(errors);
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /**
   * One schema file.
   *
   * @param name the name diagnostics and diffs use
   * @param path the file on disk
   * @param before its text as read
   * @param after its text formatted ({@code before} when the schema is invalid)
   */
  public record File(String name, Path path, String before, String after) {
    public File {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(after, "after");
    }

    /** Whether formatting changes this file. */
    public boolean changed() {
      return !before.equals(after);
    }
  }

  /** Whether the schema could be formatted: it is valid once formatted. */
  public boolean formattable() {
    return errors.isEmpty();
  }

  /** The files formatting changes (written when {@link #written()}). */
  public List<File> changed() {
    return files.stream().filter(File::changed).toList();
  }
}
