package dev.strata.health;

import java.time.Instant;

/**
 * What {@link Health#snapshot(java.util.Optional)} stored.
 *
 * @param store where: {@code table strata.health_snapshots} or the file's path
 * @param takenAt when
 * @param databaseBytes the database's size
 * @param tables how many tables were measured
 */
public record SnapshotResult(String store, Instant takenAt, long databaseBytes, int tables) {}
