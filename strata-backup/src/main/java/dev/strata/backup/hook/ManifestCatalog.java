package dev.strata.backup.hook;

import dev.strata.BackupCatalog;
import dev.strata.ErrorCode;
import dev.strata.StrataConfig;
import dev.strata.StrataException;
import dev.strata.backup.BackupInfo;
import dev.strata.backup.BackupSettings;
import dev.strata.backup.Backups;
import dev.strata.backup.ObjectStorage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The backups of a project as {@link BackupCatalog} shows them (for the health check {@code
 * backup-freshness}): their manifests in {@code STRATA_BACKUP_DIR} (default {@code backups/} of the
 * project), or in the object storage {@code STRATA_BACKUP_S3} names ({@code STRATA_BACKUP_S3_ENDPOINT},
 * {@code AWS_REGION} and the {@code AWS_*} keys as for {@code strata backup}), read from the
 * project's environment ({@code .env} included).
 */
public final class ManifestCatalog implements BackupCatalog {
  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  @Override
  public Listing list(StrataConfig config) {
    Path base = config.project().map(p -> p.projectDir()).orElse(config.workingDirectory());
    Path folder = PreMigrationBackup.env(config, PreMigrationBackup.DIRECTORY).map(base::resolve).orElse(base.resolve("backups"));
    BackupSettings settings = BackupSettings.defaults(folder);
    Optional<String> s3 = PreMigrationBackup.env(config, "STRATA_BACKUP_S3");
    String location = folder.toString();
    if (s3.isPresent()) {
      try {
        ObjectStorage storage = ObjectStorage.parse(s3.get().strip(),
            PreMigrationBackup.env(config, "STRATA_BACKUP_S3_ENDPOINT").map(URI::create),
            PreMigrationBackup.env(config, "AWS_REGION").orElse("us-east-1"), PreMigrationBackup.env(config, "AWS_ACCESS_KEY_ID"),
            PreMigrationBackup.env(config, "AWS_SECRET_ACCESS_KEY"));
        settings = settings.withObjectStorage(storage);
        location = s3.get().strip();
      } catch (IllegalArgumentException e) {
        throw new StrataException(ErrorCode.CONFIG, "STRATA_BACKUP_S3: " + e.getMessage());
      }
    }
    List<BackupInfo> backups = Backups.of(config, settings, System.getenv()).list();
    return new Listing(location, backups.stream().map(ManifestCatalog::backup).toList());
  }

  private static Backup backup(BackupInfo b) {
    return new Backup(b.id(), b.label(), b.complete(), b.createdAt().or(() -> startedFromId(b.id())),
        b.verification().map(v -> new Verification(v.level().name().toLowerCase(java.util.Locale.ROOT), v.at(), v.ok())));
  }

  /** A backup id starts with its UTC start time ({@code 20261207-035512-3f2a}). */
  static Optional<Instant> startedFromId(String id) {
    if (id.length() < 15) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDateTime.parse(id.substring(0, 15), ID_TIME).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
