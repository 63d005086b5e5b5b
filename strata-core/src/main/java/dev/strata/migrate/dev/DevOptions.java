package dev.strata.migrate.dev;

import dev.strata.diff.RenameDetector.RenameSpec;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The flags of {@code strata migrate dev}.
 *
 * @param name the migration's name ({@code --name}); asked for when absent and interactive
 * @param createOnly write the migration without applying it
 * @param acceptDataLoss go ahead despite data-loss warnings without asking
 * @param force reset the database without asking when its history or schema drifted
 * @param renames {@code --rename} arguments: renames to carry out instead of drop + add
 * @param clock the clock of the migration's timestamp
 * @param prismaSql write Prisma's exact SQL ({@code --prisma-sql}) rather than lock-safe SQL for existing tables
 */
public record DevOptions(
    Optional<String> name, boolean createOnly, boolean acceptDataLoss, boolean force, List<RenameSpec> renames, Clock clock,
    boolean prismaSql) {
  public DevOptions {
    Objects.requireNonNull(name, "name");
    renames = List.copyOf(renames);
    Objects.requireNonNull(clock, "clock");
  }

  /** No flags. */
  public static DevOptions defaults() {
    return new DevOptions(Optional.empty(), false, false, false, List.of(), Clock.systemUTC(), false);
  }

  /** These flags, with {@code --prisma-sql} set to {@code value}. */
  public DevOptions withPrismaSql(boolean value) {
    return new DevOptions(name, createOnly, acceptDataLoss, force, renames, clock, value);
  }
}
