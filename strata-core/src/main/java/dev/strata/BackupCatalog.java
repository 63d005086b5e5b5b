package dev.strata;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The backups Strata took of a project's database, as another module sees them: the health check
 * {@code backup-freshness} reads them through this, without depending on the backup module (nor on
 * its object-storage client). The backup module ({@code strata-backup}) implements it and lists
 * itself in {@code META-INF/services/dev.strata.BackupCatalog}; without it on the class path there
 * is none ({@link #installed()} is empty).
 */
public interface BackupCatalog {
  /** A verification's outcome: its level ({@code checksums}, {@code restore}), when, and whether it passed. */
  record Verification(String level, Instant at, boolean ok) {
    public Verification {
      Objects.requireNonNull(level, "level");
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * One backup run.
   *
   * @param complete false for a run that never finished (pg_dump failed or was stopped)
   * @param startedAt when it started (from its manifest, or from its id for an incomplete run)
   * @param verification its last verification, if any
   */
  record Backup(String id, String label, boolean complete, Optional<Instant> startedAt, Optional<Verification> verification) {
    public Backup {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(startedAt, "startedAt");
      Objects.requireNonNull(verification, "verification");
    }
  }

  /**
   * The backups of one place.
   *
   * @param location where they are kept ({@code /srv/app/backups}, {@code s3://bucket/prefix}), without secrets
   * @param backups every run, newest first
   */
  record Listing(String location, List<Backup> backups) {
    public Listing {
      Objects.requireNonNull(location, "location");
      backups = List.copyOf(backups);
    }
  }

  /**
   * The backups of {@code config}'s project, where {@code strata backup} keeps them by default
   * (its settings from the project's environment).
   *
   * @throws StrataException when the place cannot be read (the caller reports it)
   */
  Listing list(StrataConfig config);

  /** The catalogs on the class path (none without the backup module). */
  static List<BackupCatalog> installed() {
    List<BackupCatalog> found = new ArrayList<>();
    ServiceLoader.load(BackupCatalog.class, BackupCatalog.class.getClassLoader()).forEach(found::add);
    return found;
  }
}
