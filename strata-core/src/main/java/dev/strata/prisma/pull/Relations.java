package dev.strata.prisma.pull;

import dev.strata.prisma.ast.ModelDecl;
import dev.strata.prisma.validate.ConstraintNames;
import dev.strata.prisma.validate.Relation;
import dev.strata.prisma.validate.RelationField;
import dev.strata.prisma.validate.RelationGraph;
import dev.strata.schema.Column;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.ForeignKey.ReferentialAction;
import dev.strata.schema.Index;
import dev.strata.schema.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Relation fields from foreign keys, with Prisma's naming: a forward field named after the
 * referenced model and a back field named after the referencing one ({@code other_} prefixed in
 * self-relations); relations between the same two models, or whose field name would clash with a
 * foreign key column, are ambiguous and get names built from the referencing columns. Implicit
 * many-to-many join tables ({@code _AToB}) become list fields on both models. On re-introspection
 * the existing relation and field names win.
 */
final class Relations {
  /** A foreign key of a table whose referenced table is part of the introspected schema. */
  record Fk(Table table, ForeignKey fk, Table referenced) {}

  /** Where a relation field goes, and which way it points. */
  private record Position(Table on, Fk fk, boolean forward, Optional<Table> joinTable) {}

  /** [relation name, forward field name, back field name]; an empty relation name is not written. */
  private record Names(String relation, String forward, String back) {}

  private final SchemaRenderer r;
  private final ExistingSchema ex;
  private final List<Table> tables;
  private final Set<Table> joinTables = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<Table, List<Fk>> fksByTable = new IdentityHashMap<>();
  private final Set<List<Integer>> ambiguous = new HashSet<>();
  private final Map<Fk, Names> inlineNames = new IdentityHashMap<>();
  private final Map<Table, Names> m2mNames = new IdentityHashMap<>();
  private final List<Position> positions = new ArrayList<>();
  private final Optional<RelationGraph> graph;

  Relations(SchemaRenderer r, ExistingSchema ex, List<Table> tables) {
    this.r = r;
    this.ex = ex;
    this.tables = tables;
    RelationGraph g = null;
    if (ex.matching) {
      try {
        g = RelationGraph.of(ex.schema);
      } catch (RuntimeException e) {
        // An existing schema we cannot resolve relations for only loses its relation names.
        g = null;
      }
    }
    this.graph = Optional.ofNullable(g);
    for (Table t : tables) {
      List<Fk> fks = new ArrayList<>();
      for (ForeignKey fk : t.foreignKeys()) {
        r.table(fk.referencedSchema(), fk.referencedTable()).ifPresent(ref -> fks.add(new Fk(t, fk, ref)));
      }
      fksByTable.put(t, fks);
    }
    for (Table t : tables) {
      if (detectJoinTable(t)) {
        joinTables.add(t);
      }
    }
  }

  boolean isJoinTable(Table t) {
    return joinTables.contains(t);
  }

  /** Names and positions; called once every table has its model name (relation names need them). */
  private boolean computed;

  private void compute() {
    if (computed) {
      return;
    }
    computed = true;
    for (Table t : tables) {
      if (isJoinTable(t)) {
        m2mAmbiguity(t);
      } else {
        for (Fk fk : fks(t)) {
          inlineAmbiguity(fk);
        }
      }
    }
    for (Table t : tables) {
      if (isJoinTable(t)) {
        m2mNames.put(t, m2mName(t));
      } else {
        Set<Fk> duplicated = duplicatedFks(t);
        for (Fk fk : fks(t)) {
          if (!duplicated.contains(fk)) {
            inlineNames.put(fk, inlineName(fk));
          }
        }
      }
    }
    for (Table t : tables) {
      if (!r.isModelTable(t)) {
        continue;
      }
      for (Fk fk : fks(t)) {
        if (inlineNames.containsKey(fk) && r.isModelTable(fk.referenced())) {
          positions.add(new Position(t, fk, true, Optional.empty()));
          positions.add(new Position(fk.referenced(), fk, false, Optional.empty()));
        }
      }
    }
    for (Table t : tables) {
      if (!isJoinTable(t)) {
        continue;
      }
      List<Fk> fks = fks(t);
      Fk first = fks.get(0);
      Fk second = fks.get(1);
      boolean firstIsA = first.fk().columns().get(0).equalsIgnoreCase("a");
      Fk fkA = firstIsA ? first : second;
      Fk fkB = firstIsA ? second : first;
      positions.add(new Position(fkA.referenced(), fkB, true, Optional.of(t)));
      positions.add(new Position(fkB.referenced(), fkA, false, Optional.of(t)));
    }
  }

  private List<Fk> fks(Table t) {
    return fksByTable.getOrDefault(t, List.of());
  }

  // ---------------------------------------------------------------- join tables

  /**
   * Prisma's test for an implicit many-to-many join table: a name starting with {@code _}, columns
   * {@code A} and {@code B} under a unique index or primary key, a plain index on {@code B}, and
   * exactly two single-column foreign keys, {@code A} referencing the model whose table name sorts
   * first.
   */
  private boolean detectJoinTable(Table t) {
    if (!t.name().startsWith("_")) {
      return false;
    }
    List<Fk> fks = fks(t);
    if (fks.size() != 2 || t.foreignKeys().size() != 2) {
      return false;
    }
    if (fks.stream().anyMatch(f -> f.fk().columns().size() != 1)) {
      return false;
    }
    boolean abUnique = t.primaryKey().map(pk -> isAB(pk.columns())).orElse(false)
        || t.indexes().stream().anyMatch(i -> i.unique() && isAB(i.columnNames()) && i.predicate().isEmpty());
    boolean bIndex = t.indexes().stream()
        .anyMatch(i -> !i.unique() && i.columns().size() == 1 && i.columnNames().get(0).equalsIgnoreCase("b"));
    if (!abUnique || !bIndex) {
      return false;
    }
    String col1 = fks.get(0).fk().columns().get(0);
    String col2 = fks.get(1).fk().columns().get(0);
    String ref1 = fks.get(0).referenced().name();
    String ref2 = fks.get(1).referenced().name();
    return (ref1.compareTo(ref2) <= 0 && col1.equalsIgnoreCase("a") && col2.equalsIgnoreCase("b"))
        || (ref2.compareTo(ref1) <= 0 && col1.equalsIgnoreCase("b") && col2.equalsIgnoreCase("a"));
  }

  private static boolean isAB(List<String> columns) {
    return columns.size() == 2 && columns.get(0).equalsIgnoreCase("a") && columns.get(1).equalsIgnoreCase("b");
  }

  // ---------------------------------------------------------------- ambiguity

  private List<Integer> pair(Table a, Table b) {
    int x = r.tableId(a);
    int y = r.tableId(b);
    return x <= y ? List.of(x, y) : List.of(y, x);
  }

  private List<Integer> joinPair(Table join) {
    List<Fk> fks = fks(join);
    return pair(fks.get(0).referenced(), fks.get(1).referenced());
  }

  private void inlineAmbiguity(Fk fk) {
    List<Integer> tablesPair = pair(fk.table(), fk.referenced());
    if (ambiguous.contains(tablesPair)) {
      return;
    }
    List<Fk> others = new ArrayList<>(fks(fk.table()));
    others.addAll(fks(fk.referenced()));
    for (Fk other : others) {
      if (distinct(fk, other) && pair(other.table(), other.referenced()).equals(tablesPair)) {
        ambiguous.add(tablesPair);
        return;
      }
    }
    String defaultFieldName = r.relationNamingName(fk.referenced());
    for (String column : fk.fk().columns()) {
      if (r.fieldName(fk.table(), column).name().equals(defaultFieldName)) {
        ambiguous.add(tablesPair);
        return;
      }
    }
  }

  /** Two foreign keys are distinct unless they are one and the same, or constrain the same columns of the same table. */
  private static boolean distinct(Fk a, Fk b) {
    if (a == b) {
      return false;
    }
    return a.table() != b.table() || !a.fk().columns().equals(b.fk().columns());
  }

  private void m2mAmbiguity(Table join) {
    List<Integer> tablesPair = joinPair(join);
    if (ambiguous.contains(tablesPair)) {
      return;
    }
    for (Fk fk : fks(join)) {
      for (Fk modelFk : fks(fk.referenced())) {
        if (pair(fk.referenced(), modelFk.referenced()).equals(tablesPair)) {
          ambiguous.add(tablesPair);
          return;
        }
      }
    }
    for (Table other : tables) {
      if (other != join && isJoinTable(other) && joinPair(other).equals(tablesPair)) {
        ambiguous.add(tablesPair);
        return;
      }
    }
  }

  /** Later foreign keys with the same columns referencing the same columns as an earlier one get no relation. */
  private Set<Fk> duplicatedFks(Table t) {
    Set<Fk> out = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    List<Fk> fks = fks(t);
    for (int i = 0; i < fks.size(); i++) {
      for (int j = 0; j < i; j++) {
        ForeignKey a = fks.get(i).fk();
        ForeignKey b = fks.get(j).fk();
        if (a.columns().equals(b.columns()) && a.referencedColumns().equals(b.referencedColumns())
            && fks.get(i).referenced() == fks.get(j).referenced()) {
          out.add(fks.get(i));
          break;
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- names

  private Names inlineName(Fk fk) {
    boolean self = fk.table() == fk.referenced();
    String referencing = r.relationNamingName(fk.table());
    String referenced = r.relationNamingName(fk.referenced());
    String prefix = self ? "other_" : "";
    if (!ambiguous.contains(pair(fk.table(), fk.referenced()))) {
      return new Names(self ? referencing + "To" + referenced : "", referenced, prefix + referencing);
    }
    String columns = fk.fk().columns().stream().map(c -> r.fieldName(fk.table(), c).name()).collect(Collectors.joining("_"));
    String relation = referencing + "_" + columns + "To" + referenced;
    return new Names(relation, referenced + "_" + relation, prefix + referencing + "_" + relation);
  }

  private Names m2mName(Table join) {
    List<Integer> ids = joinPair(join);
    boolean self = ids.get(0).equals(ids.get(1));
    String found = join.name().substring(1);
    String relation;
    String suffix;
    if (ambiguous.contains(ids)) {
      relation = found;
      suffix = join.name();
    } else {
      String defaultName = r.relationNamingName(tables.get(ids.get(0))) + "To" + r.relationNamingName(tables.get(ids.get(1)));
      relation = found.equals(defaultName) && !self ? "" : found;
      suffix = "";
    }
    return new Names(
        relation,
        r.relationNamingName(tables.get(ids.get(1))) + suffix + (self ? "_A" : ""),
        r.relationNamingName(tables.get(ids.get(0))) + suffix + (self ? "_B" : ""));
  }

  // ---------------------------------------------------------------- existing relations

  /** The existing relation an inline foreign key stands for, when both its fields exist. */
  private Optional<RelationField[]> existingInline(Fk fk) {
    Optional<ModelDecl> model = r.existingModel(fk.table());
    if (graph.isEmpty() || model.isEmpty()) {
      return Optional.empty();
    }
    for (RelationField rf : graph.get().fields()) {
      if (rf.model() != model.get() || !rf.definesForeignKey()) {
        continue;
      }
      List<String> columns = rf.fieldNames().stream()
          .map(n -> model.get().field(n).map(ExistingSchema::columnName).orElse(n))
          .toList();
      if (!columns.equals(fk.fk().columns())) {
        continue;
      }
      Optional<Relation> relation = graph.get().relationOf(rf);
      if (relation.isEmpty() || relation.get().kind() == Relation.Kind.MANY_TO_MANY) {
        continue;
      }
      Optional<RelationField> back = relation.get().sides().stream().filter(s -> s.field() != rf.field()).findFirst();
      if (back.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new RelationField[] {rf, back.get()});
    }
    return Optional.empty();
  }

  private Optional<Relation> existingM2m(Table join) {
    if (graph.isEmpty()) {
      return Optional.empty();
    }
    String name = join.name().substring(1);
    return graph.get().relations().stream()
        .filter(rel -> rel.kind() == Relation.Kind.MANY_TO_MANY && rel.name().equals(name))
        .findFirst();
  }

  // ---------------------------------------------------------------- rendering

  /** The relation field lines of a table's model, in Prisma's order (foreign keys, then join tables). */
  List<String> fieldsOf(Table t, boolean modelIgnored) {
    compute();
    List<String> out = new ArrayList<>();
    for (Position p : positions) {
      if (p.on() == t) {
        out.add(p.joinTable().isPresent() ? m2mField(p) : inlineField(p, modelIgnored));
      }
    }
    return out;
  }

  private String inlineField(Position p, boolean modelIgnored) {
    Fk fk = p.fk();
    Names names = inlineNames.get(fk);
    Optional<RelationField[]> existing = existingInline(fk);
    String relationName = existing.map(e -> e[0].explicitName().or(() -> e[1].explicitName()).orElse("")).orElse(names.relation());
    List<String> args = new ArrayList<>();
    if (!relationName.isEmpty()) {
      args.add(IntrospectedNames.quote(relationName));
    }
    String line;
    boolean missingIdentifiers = !SchemaRenderer.hasUsableIdentifier(fk.table()) || !SchemaRenderer.hasUsableIdentifier(fk.referenced());
    String ignore = missingIdentifiers && !modelIgnored ? " @ignore" : "";
    if (p.forward()) {
      String name = existing.map(e -> e[0].name()).orElse(names.forward());
      boolean anyRequired = fk.fk().columns().stream().anyMatch(c -> fk.table().column(c).map(col -> !col.nullable()).orElse(false));
      boolean anyOptional = fk.fk().columns().stream().anyMatch(c -> fk.table().column(c).map(Column::nullable).orElse(true));
      String type = r.modelName(fk.referenced()).name() + (anyOptional ? "?" : "");
      args.add("fields: " + fk.fk().columns().stream().map(c -> r.fieldName(fk.table(), c).name()).collect(Collectors.joining(", ", "[", "]")));
      args.add("references: " + fk.fk().referencedColumns().stream().map(c -> r.fieldName(fk.referenced(), c).name()).collect(Collectors.joining(", ", "[", "]")));
      onDelete(anyRequired, fk.fk().onDelete()).ifPresent(a -> args.add("onDelete: " + a));
      onUpdate(fk.fk().onUpdate()).ifPresent(a -> args.add("onUpdate: " + a));
      Optional<String> map = existing.flatMap(e -> e[0].map());
      if (map.isEmpty() && !fk.fk().name().equals(ConstraintNames.foreignKey(fk.table().name(), fk.fk().columns()))) {
        map = Optional.of(fk.fk().name());
      }
      map.ifPresent(m -> args.add("map: " + IntrospectedNames.quote(m)));
      line = name + " " + type + " @relation(" + String.join(", ", args) + ")" + ignore;
    } else {
      String name = existing.map(e -> e[1].name()).orElse(names.back());
      boolean oneToOne = fkColumnsUnique(fk);
      String type = r.modelName(fk.table()).name() + (oneToOne ? "?" : "[]");
      line = name + " " + type + (args.isEmpty() ? "" : " @relation(" + String.join(", ", args) + ")") + ignore;
    }
    return line;
  }

  private String m2mField(Position p) {
    Table join = p.joinTable().get();
    Names names = m2mNames.get(join);
    Optional<Relation> existing = existingM2m(join).filter(rel -> !rel.isSelfRelation());
    String name;
    if (existing.isPresent()) {
      RelationField side = p.forward() ? existing.get().forward() : existing.get().back().orElse(existing.get().forward());
      name = side.name();
    } else {
      name = p.forward() ? names.forward() : names.back();
    }
    String relationName = existingM2m(join).map(Relation::name).orElse(names.relation());
    String type = r.modelName(p.fk().referenced()).name() + "[]";
    return name + " " + type + (relationName.isEmpty() ? "" : " @relation(" + IntrospectedNames.quote(relationName) + ")");
  }

  /** A relation is one-to-one when a primary key or unique index lies within its foreign key columns. */
  private static boolean fkColumnsUnique(Fk fk) {
    Table t = fk.table();
    List<String> columns = fk.fk().columns();
    if (t.primaryKey().isPresent() && columns.containsAll(t.primaryKey().get().columns())) {
      return true;
    }
    for (Index i : t.indexes()) {
      if (i.unique() && i.predicate().isEmpty() && i.columns().stream().noneMatch(c -> c.expression()) && columns.containsAll(i.columnNames())) {
        return true;
      }
    }
    return false;
  }

  /** {@code onDelete}, unless it is Prisma's default for the relation's arity. */
  private static Optional<String> onDelete(boolean anyRequired, ReferentialAction action) {
    return switch (action) {
      case SET_NULL -> anyRequired ? Optional.of("SetNull") : Optional.empty();
      case RESTRICT -> anyRequired ? Optional.empty() : Optional.of("Restrict");
      case CASCADE -> Optional.of("Cascade");
      case SET_DEFAULT -> Optional.of("SetDefault");
      case NO_ACTION -> Optional.of("NoAction");
    };
  }

  /** {@code onUpdate}, unless it is the default {@code Cascade}. */
  private static Optional<String> onUpdate(ReferentialAction action) {
    return switch (action) {
      case CASCADE -> Optional.empty();
      case RESTRICT -> Optional.of("Restrict");
      case SET_NULL -> Optional.of("SetNull");
      case SET_DEFAULT -> Optional.of("SetDefault");
      case NO_ACTION -> Optional.of("NoAction");
    };
  }

  /** For tests: whether the two tables' relations are ambiguous. */
  boolean ambiguous(Table a, Table b) {
    compute();
    return ambiguous.contains(pair(a, b));
  }
}
