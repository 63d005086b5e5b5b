package dev.strata.health.check;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Every check, in the report's order: size and growth, indexes, maintenance, wraparound, activity, replication, settings, project. */
public final class Catalogue {
  private static final List<Check> ALL = List.of(
      new DatabaseSize(), new DatabaseGrowth(), new LargestTables(),
      new UnusedIndexes(), new DuplicateIndexes(), new RedundantIndexes(), new ForeignKeysWithoutIndex(), new InvalidIndexes(),
      new NotValidConstraints(), new MissingIndexes(), new TablesWithoutPrimaryKey(),
      new TableBloat(), new IndexBloat(), new DeadTuples(), new AnalyzeStaleness(), new AutovacuumDisabled(),
      new XidWraparound(), new XidWraparoundTables(), new MultixactWraparound(), new SequenceExhaustion(),
      new Connections(), new LongRunningQueries(), new IdleInTransaction(), new BlockingLocks(), new CacheHitRatio(),
      new ReplicationLag(), new InactiveReplicationSlots(), new WalArchiving(), new PreparedTransactions(), new SlowQueries(),
      new UnsafeSettings(), new BackupFreshness(), new MigrationState());

  private Catalogue() {}

  public static List<Check> all() {
    return ALL;
  }

  /**
   * The checks named in {@code ids} (all when empty), less {@code skip}, in catalogue order.
   *
   * @throws StrataException ({@code USAGE}) naming an unknown id and listing the known ones
   */
  public static List<Check> select(Collection<String> ids, Set<String> skip) {
    List<String> known = ALL.stream().map(Check::id).toList();
    for (String id : ids) {
      if (!known.contains(id)) {
        throw new StrataException(ErrorCode.USAGE, "Unknown check \"" + id + "\". The checks are: " + String.join(", ", known) + ".");
      }
    }
    for (String id : skip) {
      if (!known.contains(id)) {
        throw new StrataException(ErrorCode.CONFIG, "strata.toml: health.skip names an unknown check \"" + id + "\".");
      }
    }
    List<Check> selected = new ArrayList<>();
    for (Check check : ALL) {
      if ((ids.isEmpty() || ids.contains(check.id())) && !(ids.isEmpty() && skip.contains(check.id()))) {
        selected.add(check);
      }
    }
    return selected;
  }

  /** The ids, comma-separated (for help and errors). */
  public static String ids() {
    return ALL.stream().map(Check::id).collect(Collectors.joining(", "));
  }
}
