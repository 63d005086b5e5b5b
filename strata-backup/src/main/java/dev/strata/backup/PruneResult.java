package dev.strata.backup;

import java.util.List;

/** What {@code backup prune} deleted and kept. */
public record PruneResult(List<String> deleted, List<PrunePlan.Decision> kept, long bytesFreed) {}
