package dev.strata;

import dev.strata.diff.RenameDetector.RenameSpec;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Strata#migrateDev(DevRequest, DevConsole)} is asked to do: the flags of {@code strata
 * migrate dev}.
 *
 * @param name the migration's name ({@code --name}); asked for when absent and the console is interactive
 * @param createOnly write the migration without applying it
 * @param acceptDataLoss go ahead despite data-loss warnings without asking
 * @param force reset a drifted database without asking (all data is lost)
 * @param renames renames to carry out instead of drop + add: {@code Model.oldField=newField} or
 *     {@code OldModel=NewModel} (Prisma or database names)
 * @param clock the clock of the new migration's timestamp
 * @param cancellation stops the run while it applies migrations (Ctrl-C): it then throws {@code
 *     StrataException} ({@code INTERRUPTED}) saying what it applied
 * @param prismaSql write Prisma's exact SQL ({@code --prisma-sql}); by default changes to tables that
 *     already exist get lock-safe SQL in a second, non-transactional migration (indexes {@code
 *     CONCURRENTLY}, foreign keys {@code NOT VALID} then {@code VALIDATE}, {@code SET NOT NULL}
 *     through a validated {@code CHECK})
 * @throws StrataException ({@code USAGE}) when a rename is not written as above
 */
public record DevRequest(Optional<String> name, boolean createOnly, boolean acceptDataLoss, boolean force, List<String> renames, Clock clock,
    Cancellation cancellation, boolean prismaSql) {
  public DevRequest {
    Objects.requireNonNull(name, "name");
    renames = List.copyOf(renames);
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(cancellation, "cancellation");
    for (String text : renames) {
      if (RenameSpec.parse(text).isEmpty()) {
        throw new StrataException(ErrorCode.USAGE,
            "--rename " + text + ": write Model.oldField=newField or OldModel=NewModel (Prisma or database names).");
      }
    }
  }

  /** A request with a cancellation of its own and lock-safe SQL (no {@code --prisma-sql}). */
  public DevRequest(Optional<String> name, boolean createOnly, boolean acceptDataLoss, boolean force, List<String> renames, Clock clock) {
    this(name, createOnly, acceptDataLoss, force, renames, clock, new Cancellation(), false);
  }

  /** A request with lock-safe SQL (no {@code --prisma-sql}). */
  public DevRequest(Optional<String> name, boolean createOnly, boolean acceptDataLoss, boolean force, List<String> renames, Clock clock,
      Cancellation cancellation) {
    this(name, createOnly, acceptDataLoss, force, renames, clock, cancellation, false);
  }

  /** No flags: the name is asked for, data loss and resets are asked about. */
  public static DevRequest defaults() {
    return new DevRequest(Optional.empty(), false, false, false, List.of(), Clock.systemUTC());
  }

  public DevRequest withName(String value) {
    return new DevRequest(Optional.of(value), createOnly, acceptDataLoss, force, renames, clock, cancellation, prismaSql);
  }

  public DevRequest withCreateOnly(boolean value) {
    return new DevRequest(name, value, acceptDataLoss, force, renames, clock, cancellation, prismaSql);
  }

  public DevRequest withAcceptDataLoss(boolean value) {
    return new DevRequest(name, createOnly, value, force, renames, clock, cancellation, prismaSql);
  }

  public DevRequest withForce(boolean value) {
    return new DevRequest(name, createOnly, acceptDataLoss, value, renames, clock, cancellation, prismaSql);
  }

  public DevRequest withCancellation(Cancellation value) {
    return new DevRequest(name, createOnly, acceptDataLoss, force, renames, clock, value, prismaSql);
  }

  /** Prisma's exact SQL ({@code --prisma-sql}) instead of lock-safe SQL for tables that already exist. */
  public DevRequest withPrismaSql(boolean value) {
    return new DevRequest(name, createOnly, acceptDataLoss, force, renames, clock, cancellation, value);
  }
}
