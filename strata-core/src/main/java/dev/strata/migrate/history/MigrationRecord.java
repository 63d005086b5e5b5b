package dev.strata.migrate.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of Prisma's {@code _prisma_migrations} table, as Prisma writes it: a started row is
 * unfinished; success sets {@code finished_at}; a failure leaves it unfinished (with {@code logs});
 * {@code resolve --rolled-back} sets {@code rolled_back_at}, after which the row no longer counts.
 */
public record MigrationRecord(
    String id,
    String checksum,
    Optional<Instant> finishedAt,
    String migrationName,
    Optional<String> logs,
    Optional<Instant> rolledBackAt,
    Instant startedAt,
    int appliedStepsCount) {

  public MigrationRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(checksum, "checksum");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(migrationName, "migrationName");
    Objects.requireNonNull(logs, "logs");
    Objects.requireNonNull(rolledBackAt, "rolledBackAt");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  /** Whether {@code resolve --rolled-back} set this row aside (Prisma then ignores it). */
  public boolean isRolledBack() {
    return rolledBackAt.isPresent();
  }

  /** Whether the migration finished applying (and was not rolled back since). */
  public boolean isApplied() {
    return finishedAt.isPresent() && rolledBackAt.isEmpty();
  }

  /**
   * Whether this row is Prisma's failed state: started, never finished, not rolled back. A process
   * killed while applying leaves exactly this, so Prisma (and Strata) count it as failed too.
   */
  public boolean isFailed() {
    return finishedAt.isEmpty() && rolledBackAt.isEmpty();
  }

  /** How long applying took, when it finished. */
  public Optional<Duration> duration() {
    return finishedAt.map(end -> Duration.between(startedAt, end));
  }
}
