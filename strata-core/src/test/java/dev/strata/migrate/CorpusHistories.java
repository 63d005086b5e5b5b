package dev.strata.migrate;

import dev.strata.embedded.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The migration histories of the shared corpus: one migrations directory per project. */
final class CorpusHistories {
  private CorpusHistories() {}

  /** A project's name (its corpus folder) and its migrations directory. */
  record History(String project, Path directory) {
    @Override
    public String toString() {
      return project;
    }
  }

  /** Every corpus migrations directory (the folders holding a migration_lock.toml), by project name. */
  static List<History> all() {
    Path corpus = SharedData.corpus();
    try (Stream<Path> files = Files.walk(corpus)) {
      return files.filter(p -> p.getFileName().toString().equals(MigrationLock.FILE_NAME))
          .map(p -> new History(corpus.relativize(p).getName(0).toString(), p.getParent()))
          .sorted((a, b) -> a.project().compareTo(b.project()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every migration.sql of the corpus. */
  static List<Path> migrationFiles() {
    Path corpus = SharedData.corpus();
    try (Stream<Path> files = Files.walk(corpus)) {
      return files.filter(p -> p.getFileName().toString().equals(MigrationFolder.MIGRATION_FILE)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
