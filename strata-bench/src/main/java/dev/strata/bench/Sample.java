package dev.strata.bench;

/** One timed run: wall time in milliseconds and peak resident memory in KiB (-1 when not measured). */
public record Sample(double millis, long peakRssKib) {}
