package dev.strata.migrate;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes new migrations into a Prisma migrations directory the way Prisma's CLI does: a folder
 * {@code <timestamp>_<slug>} holding {@code migration.sql}, and {@code migration_lock.toml} created
 * when missing with Prisma's exact text. Strata's {@code down.sql} goes beside {@code
 * migration.sql} (Prisma ignores files it does not know).
 */
public final class MigrationWriter {
  private final Path directory;

  private MigrationWriter(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  /** A writer into the migrations directory {@code directory} (created on first write). */
  public static MigrationWriter into(Path directory) {
    return new MigrationWriter(directory);
  }

  /**
   * Writes one migration and makes sure the lock file exists. An existing lock file is left as it
   * is when it names PostgreSQL; any other provider is Prisma's P3019 and nothing is written.
   *
   * @return the folder as written
   * @throws StrataException {@code INVALID_INPUT} when the folder exists already or the lock names
   *     another provider, {@code FILE_NOT_FOUND} when writing fails
   */
  public MigrationFolder write(String folderName, String migrationSql, Optional<String> downSql) {
    Path lockFile = directory.resolve(MigrationLock.FILE_NAME);
    Path folder = directory.resolve(folderName);
    try {
      if (Files.isRegularFile(lockFile)) {
        MigrationLock lock = MigrationLock.parse(lockFile, Files.readString(lockFile, StandardCharsets.UTF_8));
        if (!lock.isPostgres()) {
          throw new StrataException(ErrorCode.INVALID_INPUT, "The datasource provider `postgresql` specified in your schema"
              + " does not match the one specified in the migration_lock.toml, `" + lock.provider().orElse("<PROVIDER NOT FOUND>")
              + "`. Please remove your current migration directory and start a new migration history with prisma migrate dev."
              + " Read more: https://pris.ly/d/migrate-provider-switch");
        }
      }
      if (Files.exists(folder)) {
        throw new StrataException(ErrorCode.INVALID_INPUT, "The migration folder " + folder + " exists already.");
      }
      Files.createDirectories(folder);
      Files.writeString(folder.resolve(MigrationFolder.MIGRATION_FILE), migrationSql, StandardCharsets.UTF_8);
      if (downSql.isPresent()) {
        Files.writeString(folder.resolve(MigrationFolder.DOWN_FILE), downSql.get(), StandardCharsets.UTF_8);
      }
      if (!Files.exists(lockFile)) {
        Files.writeString(lockFile, MigrationLock.POSTGRESQL_CONTENT, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "Could not write the migration " + folder + ": " + e.getMessage(), e);
    }
    return new MigrationFolder(folderName, folder, Optional.of(migrationSql), downSql, java.util.List.of());
  }

  /** Replaces the {@code down.sql} of an existing migration folder. */
  public void writeDown(String folderName, String downSql) {
    Path file = directory.resolve(folderName).resolve(MigrationFolder.DOWN_FILE);
    try {
      Files.writeString(file, downSql, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "Could not write " + file + ": " + e.getMessage(), e);
    }
  }
}
