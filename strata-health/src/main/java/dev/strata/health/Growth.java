package dev.strata.health;

/**
 * How one table (or the whole database) grows, measured between snapshots, and where it will be.
 *
 * @param name {@code schema.table}, or the database's name for the database row
 * @param database whether this is the database row
 * @param bytes its size now
 * @param rows its estimated rows now
 * @param bytesPerDay the growth rate (least squares over the snapshots in the window)
 * @param percentPerDay {@code bytesPerDay} as a share of the size at the window's start
 * @param in30Days projected size in 30 days
 * @param in90Days projected size in 90 days
 * @param in365Days projected size in a year
 */
public record Growth(
    String name, boolean database, long bytes, long rows, double bytesPerDay, double percentPerDay, long in30Days, long in90Days,
    long in365Days) {}
