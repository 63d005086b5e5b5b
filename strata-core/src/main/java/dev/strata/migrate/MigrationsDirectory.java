package dev.strata.migrate;

import dev.strata.config.Utf8Text;
import dev.strata.diag.Diagnostic;
import dev.strata.diag.SourceFile;
import dev.strata.diag.Span;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Prisma migrations directory as read from disk: its {@code migration_lock.toml} (when present),
 * its migration folders in the order Prisma applies them ({@link MigrationOrder}), and the
 * problems found reading it. Reading never throws; every problem is a diagnostic.
 */
public record MigrationsDirectory(
    Path directory, Optional<MigrationLock> lock, List<MigrationFolder> folders, List<Diagnostic> problems) {

  public MigrationsDirectory {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(lock, "lock");
    folders = List.copyOf(folders);
    problems = List.copyOf(problems);
  }

  /**
   * Reads {@code dir} as Prisma's CLI does: every sub-directory (not symbolic links, not files) is
   * a migration, named after the folder, sorted with {@link MigrationOrder#PRISMA}; each {@code
   * migration.sql} is read as strict UTF-8 with its bytes untouched. A missing directory is an empty
   * history with a warning, as Prisma treats it.
   */
  public static MigrationsDirectory read(Path dir) {
    List<Diagnostic> problems = new ArrayList<>();
    if (!Files.exists(dir)) {
      problems.add(Diagnostic.warning(MigrateCodes.DIRECTORY_MISSING,
          "The migrations directory " + dir + " does not exist; no migrations were found.", at(dir)));
      return new MigrationsDirectory(dir, Optional.empty(), List.of(), problems);
    }
    if (!Files.isDirectory(dir)) {
      problems.add(Diagnostic.error(MigrateCodes.DIRECTORY_UNREADABLE,
          "The migrations path " + dir + " is not a directory.", at(dir)));
      return new MigrationsDirectory(dir, Optional.empty(), List.of(), problems);
    }
    Optional<MigrationLock> lock = readLock(dir, problems);
    List<Path> subdirectories = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
          subdirectories.add(entry);
        } else if (Files.isSymbolicLink(entry) && Files.isDirectory(entry)) {
          problems.add(Diagnostic.warning(MigrateCodes.SYMLINK_IGNORED,
              "The symbolic link " + entry + " is not read as a migration folder (Prisma skips links too).", at(entry)));
        }
      }
    } catch (IOException | RuntimeException e) {
      problems.add(Diagnostic.error(MigrateCodes.DIRECTORY_UNREADABLE,
          "The migrations directory " + dir + " cannot be listed: " + e.getMessage(), at(dir)));
    }
    List<MigrationFolder> folders = new ArrayList<>(subdirectories.size());
    for (Path folder : MigrationOrder.sorted(subdirectories, p -> p.getFileName().toString())) {
      folders.add(readFolder(folder));
    }
    return new MigrationsDirectory(dir, lock, folders, problems);
  }

  /** The directory's own problems followed by every folder's, in folder order. */
  public List<Diagnostic> allProblems() {
    List<Diagnostic> all = new ArrayList<>(problems);
    folders.forEach(f -> all.addAll(f.problems()));
    return List.copyOf(all);
  }

  /** Whether any problem (of the directory or a folder) is an error. */
  public boolean hasErrors() {
    return allProblems().stream().anyMatch(Diagnostic::isError);
  }

  /** The folder of that name, if there is one. */
  public Optional<MigrationFolder> folder(String name) {
    return folders.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  private static Optional<MigrationLock> readLock(Path dir, List<Diagnostic> problems) {
    Path path = dir.resolve(MigrationLock.FILE_NAME);
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    Optional<String> text = readText(path, problems);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    MigrationLock lock = MigrationLock.parse(path, text.get());
    if (!lock.isPostgres()) {
      SourceFile file = new SourceFile(path.toString(), text.get());
      String found = lock.provider().orElse("<PROVIDER NOT FOUND>");
      Span span = providerSpan(file);
      String message = "The datasource provider `postgresql` specified in your schema does not match the one specified in the "
          + "migration_lock.toml, `" + found + "`. Please remove your current migration directory and start a new migration "
          + "history with prisma migrate dev. Read more: https://pris.ly/d/migrate-provider-switch";
      String code = lock.provider().isPresent() ? MigrateCodes.LOCK_PROVIDER_MISMATCH : MigrateCodes.LOCK_PROVIDER_MISSING;
      problems.add(Diagnostic.error(code, message, span)
          .withHelp("Strata migrates PostgreSQL only; this migration history was written for another database."));
    }
    return Optional.of(lock);
  }

  private static Span providerSpan(SourceFile file) {
    String text = file.text();
    int at = text.startsWith("provider") ? 0 : text.indexOf("\nprovider");
    if (at < 0) {
      return new Span(file, 0, 0);
    }
    at = text.startsWith("provider") ? 0 : at + 1;
    int end = text.indexOf('\n', at);
    end = end < 0 ? text.length() : end;
    if (end > at && text.charAt(end - 1) == '\r') {
      end--;
    }
    return new Span(file, at, end);
  }

  private static MigrationFolder readFolder(Path folder) {
    String name = folder.getFileName().toString();
    List<Diagnostic> problems = new ArrayList<>();
    Path script = folder.resolve(MigrationFolder.MIGRATION_FILE);
    Optional<String> sql = Optional.empty();
    if (Files.exists(script)) {
      sql = readText(script, problems);
    } else {
      problems.add(Diagnostic.error(MigrateCodes.MIGRATION_FILE_MISSING, "Could not find the migration file at " + script
          + ". Please delete the directory or restore the migration file.", at(folder)));
    }
    Path down = folder.resolve(MigrationFolder.DOWN_FILE);
    Optional<String> downSql = Files.exists(down) ? readText(down, problems) : Optional.empty();
    return new MigrationFolder(name, folder, sql, downSql, problems);
  }

  /**
   * A file's text as strict UTF-8. A file that is not UTF-8 is an error naming the byte offset:
   * Prisma would read it with U+FFFD in place of the bad bytes and send that to the server (a
   * Latin-1 {@code café} becoming {@code caf\uFFFD}), so Strata refuses it before any database work.
   */
  private static Optional<String> readText(Path path, List<Diagnostic> problems) {
    byte[] bytes;
    try {
      if (!Files.isRegularFile(path)) {
        throw new IOException("not a regular file");
      }
      bytes = Files.readAllBytes(path);
    } catch (IOException | RuntimeException e) {
      problems.add(Diagnostic.error(MigrateCodes.FILE_UNREADABLE, "The file " + path + " cannot be read: " + e.getMessage(), at(path)));
      return Optional.empty();
    }
    Utf8Text.Decoded decoded = Utf8Text.decode(bytes);
    decoded.problem().ifPresent(problem -> problems.add(Diagnostic.error(MigrateCodes.NOT_UTF8,
        "The file " + path + " cannot be used: " + problem + ".", at(path))));
    return decoded.text();
  }

  private static Span at(Path path) {
    return new Span(new SourceFile(path.toString(), ""), 0, 0);
  }
}
