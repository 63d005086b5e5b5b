package dev.strata.migrate.dev;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.diag.EditDistance;
import dev.strata.diff.RenameDetector.RenameSpec;
import dev.strata.prisma.lower.PrismaLowering.ModelNames;
import dev.strata.schema.DatabaseSchema;
import dev.strata.schema.Table;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Translates a {@code --rename} argument written with Prisma names ({@code User.name=fullName},
 * model and field names) into database names ({@code users.name=full_name}, after {@code @@map} and
 * {@code @map}), and explains a name that matches nothing with a "did you mean".
 *
 * <p>The new side is looked up in the Prisma schema (model, then table; field, then column). The
 * old side is gone from the schema, so it is looked up in the migration history: the table or
 * column itself, else the one whose name differs only in case and underscores ({@code coachId} for
 * {@code coach_id}), when exactly one does.
 */
public final class RenameNames {
  private final List<ModelNames> models;

  private RenameNames(List<ModelNames> models) {
    this.models = List.copyOf(models);
  }

  /** Translation with the names of the Prisma schema's models. */
  public static RenameNames of(List<ModelNames> models) {
    return new RenameNames(Objects.requireNonNull(models, "models"));
  }

  /** No Prisma names: arguments are taken as database names. */
  public static RenameNames none() {
    return new RenameNames(List.of());
  }

  /**
   * {@code spec} in database names, given the history's schema ({@code from}, with earlier renames
   * carried out) and the target schema.
   *
   * @throws StrataException ({@link ErrorCode#USAGE}) naming what matched nothing, with the closest name
   */
  public RenameSpec translate(RenameSpec spec, DatabaseSchema from, DatabaseSchema to) {
    String written = spec.table().map(t -> t + ".").orElse("") + spec.from() + "=" + spec.to();
    if (spec.table().isEmpty()) {
      String oldTable = oldTable(written, spec.from(), from, to);
      String newTable = newTable(written, spec.to(), to, from);
      return new RenameSpec(Optional.empty(), oldTable, newTable);
    }
    String model = spec.table().get();
    String table = newTable(written, model, to, from);
    Table oldTable = from.tables().stream().filter(t -> t.name().equals(table)).findFirst()
        .orElseThrow(() -> problem(written, "there is no table `" + table + "` in the migration history", Optional.empty()));
    Table newTable = to.tables().stream().filter(t -> t.name().equals(table)).findFirst()
        .orElseThrow(() -> problem(written, "there is no table `" + table + "` in the schema", Optional.empty()));
    String oldColumn = oldColumn(written, spec.from(), oldTable, newTable);
    String newColumn = newColumn(written, model, spec.to(), newTable, oldTable);
    return new RenameSpec(Optional.of(table), oldColumn, newColumn);
  }

  private String oldTable(String written, String name, DatabaseSchema from, DatabaseSchema to) {
    List<String> tables = from.tables().stream().map(Table::name).toList();
    if (tables.contains(name)) {
      return name;
    }
    Optional<String> loose = looseMatch(name, tables);
    if (loose.isPresent()) {
      return loose.get();
    }
    List<String> gone = tables.stream().filter(t -> to.tables().stream().noneMatch(n -> n.name().equals(t))).toList();
    return fail(written, "there is no table `" + name + "` in the migration history", name, gone.isEmpty() ? tables : gone);
  }

  private String newTable(String written, String name, DatabaseSchema to, DatabaseSchema from) {
    Optional<ModelNames> model = models.stream().filter(m -> m.model().equals(name)).findFirst();
    if (model.isPresent()) {
      return model.get().table();
    }
    if (to.tables().stream().anyMatch(t -> t.name().equals(name))) {
      return name;
    }
    Set<String> candidates = new LinkedHashSet<>();
    models.forEach(m -> candidates.add(m.model()));
    to.tables().forEach(t -> candidates.add(t.name()));
    return fail(written, "there is no model or table `" + name + "` in the schema", name, candidates);
  }

  private static String oldColumn(String written, String name, Table history, Table next) {
    List<String> columns = history.columns().stream().map(c -> c.name()).toList();
    if (columns.contains(name)) {
      return name;
    }
    Optional<String> loose = looseMatch(name, columns);
    if (loose.isPresent()) {
      return loose.get();
    }
    List<String> gone = columns.stream().filter(c -> next.column(c).isEmpty()).toList();
    return fail(written, "the table `" + history.name() + "` has no column `" + name + "` in the migration history",
        name, gone.isEmpty() ? columns : gone);
  }

  private String newColumn(String written, String modelName, String name, Table next, Table history) {
    Optional<ModelNames> model = models.stream().filter(m -> m.model().equals(modelName) || m.table().equals(next.name())).findFirst();
    Optional<String> mapped = model.map(m -> m.columns().get(name));
    if (mapped.isPresent()) {
      return mapped.get();
    }
    if (next.column(name).isPresent()) {
      return name;
    }
    Set<String> candidates = new LinkedHashSet<>();
    model.ifPresent(m -> m.columns().keySet().stream().filter(f -> history.column(m.columns().get(f)).isEmpty()).forEach(candidates::add));
    next.columns().stream().map(c -> c.name()).filter(c -> history.column(c).isEmpty()).forEach(candidates::add);
    String owner = model.map(m -> "the model `" + m.model() + "`").orElse("the table `" + next.name() + "`");
    return fail(written, owner + " has no field or column `" + name + "` in the schema", name,
        candidates.isEmpty() ? next.columns().stream().map(c -> c.name()).toList() : candidates);
  }

  /** The one name equal to {@code name} but for case and underscores, if exactly one is. */
  private static Optional<String> looseMatch(String name, List<String> names) {
    String key = loose(name);
    List<String> matches = names.stream().filter(n -> loose(n).equals(key)).toList();
    return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
  }

  private static String loose(String name) {
    return name.replace("_", "").toLowerCase(Locale.ROOT);
  }

  private static String fail(String written, String why, String name, Iterable<String> candidates) {
    throw problem(written, why, EditDistance.closest(name, candidates));
  }

  private static StrataException problem(String written, String why, Optional<String> suggestion) {
    return new StrataException(ErrorCode.USAGE, "--rename " + written + ": " + why
        + suggestion.map(s -> "; did you mean `" + s + "`?").orElse("."));
  }
}
