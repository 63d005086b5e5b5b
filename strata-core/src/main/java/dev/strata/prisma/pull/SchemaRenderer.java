package dev.strata.prisma.pull;

import dev.strata.prisma.ast.Attribute;
import dev.strata.prisma.ast.Declaration;
import dev.strata.prisma.ast.EnumDecl;
import dev.strata.prisma.ast.EnumValueDecl;
import dev.strata.prisma.ast.Expression;
import dev.strata.prisma.ast.FieldDecl;
import dev.strata.prisma.ast.FunctionCall;
import dev.strata.prisma.ast.ModelDecl;
import dev.strata.prisma.validate.ConstraintNames;
import dev.strata.schema.Column;
import dev.strata.schema.ColumnType;
import dev.strata.schema.DatabaseSchema;
import dev.strata.schema.EnumType;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.Index;
import dev.strata.schema.IndexColumn;
import dev.strata.schema.PrimaryKey;
import dev.strata.schema.Table;
import dev.strata.schema.View;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** One introspection run: names every table, column and enum, then renders models and enums as text. */
final class SchemaRenderer {
  /** A rendered top-level block and the existing declaration it came from (which decides its file). */
  record Block(String text, Optional<Declaration> origin) {}

  private final DatabaseSchema db;
  private final ExistingSchema ex;
  private final PullOptions options;
  private final List<PullWarning> warnings;
  private final boolean namespaces;
  private final String datasource;
  /** Partial indexes can only be written with the {@code partialIndexes} preview feature. */
  private final boolean partialIndexes;

  /** Tables ordered as Prisma's describer lists them: by namespace, then name. */
  final List<Table> tables;
  final List<EnumType> enums;
  private final Map<Table, Integer> tableIds = new HashMap<>();
  private final Map<Table, Optional<ModelDecl>> existingModels = new HashMap<>();
  private final Map<EnumType, Optional<EnumDecl>> existingEnums = new HashMap<>();
  private final Map<String, Integer> topLevelNames = new HashMap<>();
  final Relations relations;

  SchemaRenderer(DatabaseSchema db, ExistingSchema ex, PullOptions options, List<PullWarning> warnings) {
    this.db = db;
    this.ex = ex;
    this.options = options;
    this.warnings = warnings;
    this.namespaces = !db.explicitSchemas().isEmpty() || !ex.datasourceSchemas().isEmpty();
    this.datasource = ex.datasourceName();
    this.partialIndexes = ex.previewFeature("partialIndexes");
    Comparator<Table> tableOrder = Comparator.comparing(Table::schema).thenComparing(Table::name);
    this.tables = db.tables().stream().sorted(tableOrder).toList();
    for (int i = 0; i < tables.size(); i++) {
      tableIds.put(tables.get(i), i);
    }
    this.enums = db.enums().stream().sorted(Comparator.comparing(EnumType::schema).thenComparing(EnumType::name)).toList();
    for (Table t : tables) {
      existingModels.put(t, ex.model(t.schema(), t.name(), namespaces));
    }
    for (EnumType e : enums) {
      existingEnums.put(e, ex.enumType(e.schema(), e.name(), namespaces));
    }
    this.relations = new Relations(this, ex, tables);
    for (Table t : tables) {
      if (isModelTable(t)) {
        topLevelNames.merge(existingModels.get(t).map(m -> m.name().name()).orElse(IntrospectedNames.sanitize(t.name())), 1, Integer::sum);
      }
    }
    for (EnumType e : enums) {
      topLevelNames.merge(existingEnums.get(e).map(d -> d.name().name()).orElse(IntrospectedNames.sanitize(e.name())), 1, Integer::sum);
    }
  }

  // ---------------------------------------------------------------- classification

  /** Prisma's own bookkeeping tables, which never become models. */
  static boolean isHiddenTable(Table t) {
    Set<String> columns = t.columns().stream().map(Column::name).collect(Collectors.toSet());
    return switch (t.name()) {
      case "_prisma_migrations" -> columns.containsAll(List.of(
          "id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count"));
      case "_Migration" -> columns.containsAll(List.of(
          "revision", "name", "datamodel", "status", "applied", "rolled_back", "datamodel_steps", "database_migration",
          "errors", "started_at", "finished_at"));
      case "_RelayId" -> columns.contains("id") && columns.stream().anyMatch(c -> c.equalsIgnoreCase("stablemodelidentifier"));
      default -> false;
    };
  }

  boolean isModelTable(Table t) {
    return !isHiddenTable(t) && !relations.isJoinTable(t);
  }

  Optional<Table> table(String schema, String name) {
    return tables.stream().filter(t -> t.schema().equals(schema) && t.name().equals(name)).findFirst();
  }

  int tableId(Table t) {
    return tableIds.getOrDefault(t, -1);
  }

  Optional<ModelDecl> existingModel(Table t) {
    return existingModels.getOrDefault(t, Optional.empty());
  }

  // ---------------------------------------------------------------- names

  /** A schema name and the database name to {@code @map}/{@code @@map} to, when they differ. */
  record Name(String name, Optional<String> mapped) {}

  /**
   * The model name of a table as relation naming sees it: Prisma names relations before it counts
   * duplicate names across namespaces, so this is the name without the {@code schema_} prefix.
   */
  String relationNamingName(Table t) {
    Optional<ModelDecl> model = existingModel(t);
    if (model.isPresent()) {
      return model.get().name().name();
    }
    if (IntrospectedNames.isReserved(t.name())) {
      return "Renamed" + t.name();
    }
    return IntrospectedNames.sanitize(t.name());
  }

  Name modelName(Table t) {
    Optional<ModelDecl> model = existingModel(t);
    if (model.isPresent()) {
      return new Name(model.get().name().name(), ExistingSchema.mappedName(model.get()));
    }
    return newTypeName(t.name(), t.schema());
  }

  Name enumName(EnumType e) {
    Optional<EnumDecl> decl = existingEnums.getOrDefault(e, Optional.empty());
    if (decl.isPresent()) {
      return new Name(decl.get().name().name(), ExistingSchema.mappedName(decl.get()));
    }
    return newTypeName(e.name(), e.schema());
  }

  private Name newTypeName(String name, String schema) {
    if (namespaces && topLevelNames.getOrDefault(IntrospectedNames.sanitize(name), 0) > 1) {
      return new Name(IntrospectedNames.sanitize(schema + "_" + name), Optional.of(name));
    }
    if (IntrospectedNames.isReserved(name)) {
      return new Name("Renamed" + name, Optional.of(name));
    }
    if (IntrospectedNames.needsSanitation(name)) {
      return new Name(IntrospectedNames.sanitize(name), Optional.of(name));
    }
    return new Name(name, Optional.empty());
  }

  private boolean renamedAsDuplicate(String name, Optional<? extends Declaration> existing) {
    return existing.isEmpty() && namespaces && topLevelNames.getOrDefault(IntrospectedNames.sanitize(name), 0) > 1;
  }

  /** The field name of a column: the existing field's, or the sanitised column name. */
  Name fieldName(Table t, String column) {
    Optional<FieldDecl> field = existingModel(t).flatMap(m -> ex.field(m, column));
    if (field.isPresent()) {
      return new Name(field.get().name().name(), ExistingSchema.mappedName(field.get()));
    }
    String sanitized = IntrospectedNames.sanitize(column);
    return new Name(sanitized, sanitized.equals(column) ? Optional.empty() : Optional.of(column));
  }

  Optional<EnumType> enumOf(ColumnType type) {
    return enums.stream()
        .filter(e -> e.name().equals(type.name()) && type.enumSchema().map(e.schema()::equals).orElse(true))
        .findFirst();
  }

  Name enumValueName(EnumType e, String value) {
    Optional<EnumValueDecl> existing = existingEnums.getOrDefault(e, Optional.empty()).flatMap(d -> ex.enumValue(d, value));
    if (existing.isPresent()) {
      return new Name(existing.get().name().name(), ExistingSchema.mappedName(existing.get()));
    }
    if (value.isEmpty()) {
      return new Name("EMPTY_ENUM_VALUE", Optional.of(""));
    }
    String sanitized = IntrospectedNames.sanitize(value);
    return new Name(sanitized, sanitized.equals(value) ? Optional.empty() : Optional.of(value));
  }

  // ---------------------------------------------------------------- rendering

  List<Block> render() {
    List<Block> out = new ArrayList<>();
    List<ModelRender> models = new ArrayList<>();
    for (Table t : tables) {
      if (isModelTable(t)) {
        models.add(renderModel(t));
      }
    }
    // Models the user wrote keep their place; new ones follow in table order (a stable sort).
    models.sort(Comparator.comparingInt(ModelRender::position));
    models.forEach(m -> out.add(new Block(m.text(), m.origin())));
    out.addAll(views());
    List<ModelRender> enumBlocks = new ArrayList<>();
    for (EnumType e : enums) {
      enumBlocks.add(renderEnum(e));
    }
    enumBlocks.sort(Comparator.comparingInt(ModelRender::position));
    enumBlocks.forEach(m -> out.add(new Block(m.text(), m.origin())));
    return out;
  }

  private record ModelRender(String text, Optional<Declaration> origin, int position) {}

  private int position(Optional<? extends Declaration> decl) {
    if (decl.isEmpty()) {
      return Integer.MAX_VALUE;
    }
    List<Declaration> all = ex.schema.declarations().toList();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i) == decl.get()) {
        return i;
      }
    }
    return Integer.MAX_VALUE;
  }

  private ModelRender renderModel(Table t) {
    Optional<ModelDecl> previous = existingModel(t);
    Name name = modelName(t);
    List<String> docs = new ArrayList<>();
    previous.flatMap(ModelDecl::documentation).ifPresent(d -> docs.addAll(d.lines().toList()));
    if (options.commentsAsDocumentation() && previous.isEmpty()) {
      t.comment().ifPresent(c -> docs.addAll(c.lines().toList()));
    }
    if (previous.isEmpty() && IntrospectedNames.isReserved(t.name())) {
      docs.add("This model has been renamed to '" + name.name() + "' during introspection, because the original name '"
          + t.name() + "' is reserved.");
    }
    if (previous.isEmpty() && !t.checks().isEmpty()) {
      docs.add("This table contains check constraints and requires additional setup for migrations. Visit https://pris.ly/d/check-constraints for more info.");
      for (var check : t.checks()) {
        warnings.add(Warnings.of(Warnings.CHECK_CONSTRAINTS, "Model: \"" + name.name() + "\", constraint: \"" + check.name() + "\""));
      }
    }
    boolean ignoredInPsl = previous.map(m -> ExistingSchema.blockAttribute(m, "ignore").isPresent()).orElse(false);
    boolean usable = hasUsableIdentifier(t);
    boolean noColumns = t.columns().isEmpty();
    boolean ignored = ignoredInPsl || (!usable && !noColumns);
    if (noColumns) {
      docs.add("We could not retrieve columns for the underlying table. Either it has none or you are missing rights to see them. Please check your privileges.");
      warnings.add(Warnings.of(Warnings.EMPTY_MODELS, "\"" + name.name() + "\""));
    } else if (!usable && !ignoredInPsl) {
      docs.add("The underlying table does not contain a valid unique identifier and can therefore currently not be handled by Prisma Client.");
      warnings.add(Warnings.of(Warnings.NO_UNIQUE_IDENTIFIER, "\"" + name.name() + "\""));
    }
    List<Index> expressionIndexes = t.indexes().stream().filter(i -> i.columns().stream().anyMatch(IndexColumn::expression)).toList();
    if (!expressionIndexes.isEmpty()) {
      docs.add("This model contains an expression index which requires additional setup for migrations. Visit https://pris.ly/d/expression-indexes for more info.");
      for (Index i : expressionIndexes) {
        warnings.add(Warnings.of(Warnings.EXPRESSION_INDEXES, "Model: \"" + name.name() + "\", constraint: \"" + i.name() + "\""));
      }
    }
    if (previous.isEmpty()) {
      List<String> commented = new ArrayList<>();
      t.comment().ifPresent(c -> commented.add("Type: \"model\", name: \"" + name.name() + "\""));
      for (Column c : t.columns()) {
        if (c.comment().isPresent()) {
          commented.add("Type: \"field\", name: \"" + name.name() + "." + fieldName(t, c.name()).name() + "\"");
        }
      }
      commented.forEach(item -> warnings.add(Warnings.of(Warnings.COMMENTS, item)));
    }
    if (name.mapped().isPresent() && previous.isPresent() && previous.get().name().name().equals(name.name())) {
      warnings.add(Warnings.of(Warnings.REMAPPED_MODELS, "\"" + name.name() + "\""));
    }
    if (renamedAsDuplicate(t.name(), previous)) {
      warnings.add(Warnings.of(Warnings.DUPLICATE_NAMES, "Type: \"model\", name: \"" + name.name() + "\""));
    }

    StringBuilder out = new StringBuilder();
    docs.forEach(d -> out.append("/// ").append(d).append('\n'));
    out.append("model ").append(name.name()).append(" {\n");
    for (Column c : t.columns()) {
      out.append(renderScalarField(t, c, name.name()));
    }
    if (ex.relationModePrisma()) {
      previous.ifPresent(m -> copyRelationFields(m, out));
    } else {
      for (String line : relations.fieldsOf(t, ignored)) {
        out.append("  ").append(line).append('\n');
      }
    }
    List<String> blockAttributes = new ArrayList<>();
    primaryKeyAttribute(t, previous).ifPresent(blockAttributes::add);
    blockAttributes.addAll(indexAttributes(t, previous));
    name.mapped().ifPresent(m -> blockAttributes.add("@@map(" + IntrospectedNames.quote(m) + ")"));
    if (ignored) {
      blockAttributes.add("@@ignore");
    }
    if (namespaces) {
      blockAttributes.add("@@schema(" + IntrospectedNames.quote(t.schema()) + ")");
    }
    if (!blockAttributes.isEmpty()) {
      out.append('\n');
      blockAttributes.forEach(b -> out.append("  ").append(b).append('\n'));
    }
    out.append("}\n");
    String text = out.toString();
    if (noColumns) {
      text = commentOut(text, docs.size());
    }
    return new ModelRender(text, previous.map(m -> m), position(previous));
  }

  /** Comments out a block, its documentation lines excepted. */
  private static String commentOut(String text, int docLines) {
    List<String> lines = text.lines().toList();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      out.append(i < docLines ? lines.get(i) : "// " + lines.get(i).strip()).append('\n');
    }
    return out.toString();
  }

  /** With {@code relationMode = "prisma"} the database has no foreign keys: relation fields are kept as written. */
  private void copyRelationFields(ModelDecl model, StringBuilder out) {
    for (FieldDecl f : model.fields()) {
      if (ex.isRelationField(f)
          && f.type().map(type -> tables.stream().filter(this::isModelTable).anyMatch(t -> modelName(t).name().equals(type.name().name()))).orElse(false)) {
        f.documentation().ifPresent(d -> d.lines().forEach(l -> out.append("  /// ").append(l).append('\n')));
        out.append("  ").append(f.span().text().strip()).append('\n');
      }
    }
  }

  /**
   * A table can be used by Prisma Client when its primary key, or one of its unique indexes, has
   * only required columns of supported types.
   */
  static boolean hasUsableIdentifier(Table t) {
    if (t.primaryKey().isPresent() && usableColumns(t, t.primaryKey().get().columns())) {
      return true;
    }
    return t.indexes().stream()
        .filter(Index::unique)
        .filter(i -> i.columns().stream().noneMatch(IndexColumn::expression))
        .anyMatch(i -> usableColumns(t, i.columnNames()));
  }

  private static boolean usableColumns(Table t, List<String> columns) {
    return !columns.isEmpty() && columns.stream().allMatch(name -> t.column(name)
        .map(c -> !c.nullable() && c.type().kind() != ColumnType.Kind.UNSUPPORTED)
        .orElse(false));
  }

  // ---------------------------------------------------------------- scalar fields

  private String renderScalarField(Table t, Column c, String modelName) {
    Optional<FieldDecl> previous = existingModel(t).flatMap(m -> ex.field(m, c.name()));
    Name name = fieldName(t, c.name());
    StringBuilder out = new StringBuilder();
    previous.flatMap(FieldDecl::documentation).ifPresent(d -> d.lines().forEach(l -> out.append("  /// ").append(l).append('\n')));
    if (options.commentsAsDocumentation() && previous.isEmpty()) {
      c.comment().ifPresent(d -> d.lines().forEach(l -> out.append("  /// ").append(l).append('\n')));
    }
    ColumnType type = c.type();
    String typeText;
    Optional<String> nativeType = Optional.empty();
    boolean unsupported = false;
    String family;
    switch (type.kind()) {
      case ENUM -> {
        Optional<EnumType> e = enumOf(type);
        typeText = e.map(en -> enumName(en).name()).orElse(IntrospectedNames.sanitize(type.name()));
        family = "Enum";
      }
      case BUILTIN -> {
        Optional<ScalarTypes.Mapped> mapped = ScalarTypes.map(type);
        if (mapped.isPresent()) {
          typeText = mapped.get().scalar();
          nativeType = mapped.get().nativeType();
          family = typeText;
        } else {
          typeText = "Unsupported(" + IntrospectedNames.quote(type.name().toLowerCase(java.util.Locale.ROOT)) + ")";
          unsupported = true;
          family = "Unsupported";
        }
      }
      default -> {
        typeText = "Unsupported(" + IntrospectedNames.quote(type.name()) + ")";
        unsupported = true;
        family = "Unsupported";
      }
    }
    if (unsupported) {
      String original = type.kind() == ColumnType.Kind.UNSUPPORTED ? type.name() : type.name().toLowerCase(java.util.Locale.ROOT);
      warnings.add(Warnings.of(Warnings.UNSUPPORTED_TYPE,
          "Model: \"" + modelName + "\", field: \"" + name.name() + "\", original data type: \"" + original + "\""));
    }
    if (type.array()) {
      typeText += "[]";
    } else if (c.nullable()) {
      typeText += "?";
    }
    List<String> attributes = new ArrayList<>();
    Optional<PrimaryKey> pk = t.primaryKey().filter(p -> p.columns().equals(List.of(c.name())));
    if (pk.isPresent()) {
      String defaultName = ConstraintNames.primaryKey(t.name());
      attributes.add(pk.get().name().equals(defaultName) ? "@id" : "@id(map: " + IntrospectedNames.quote(pk.get().name()) + ")");
    }
    uniqueOf(t, c.name()).ifPresent(u -> attributes.add(uniqueAttribute(t, u)));
    Defaults.render(this, t, c, family, previous).ifPresent(d -> attributes.add("@default(" + d + ")"));
    if (previous.map(f -> f.attribute("updatedAt").isPresent()).orElse(false)) {
      attributes.add("@updatedAt");
    }
    name.mapped().ifPresent(m -> attributes.add("@map(" + IntrospectedNames.quote(m) + ")"));
    nativeType.ifPresent(n -> attributes.add("@" + datasource + "." + n));
    if (previous.map(f -> f.attribute("ignore").isPresent()).orElse(false)) {
      attributes.add("@ignore");
    }
    if (previous.isPresent() && name.mapped().isPresent() && previous.get().name().name().equals(name.name())) {
      warnings.add(Warnings.of(Warnings.REMAPPED_FIELDS, "Model: \"" + modelName + "\", field: \"" + name.name() + "\""));
    }
    String line = name.name() + " " + typeText + (attributes.isEmpty() ? "" : " " + String.join(" ", attributes));
    if (name.name().isEmpty()) {
      warnings.add(Warnings.of(Warnings.INVALID_FIELD_NAMES, "Model: \"" + modelName + "\", field: \"" + c.name() + "\""));
      String raw = c.name() + " " + typeText + (attributes.isEmpty() ? "" : " " + String.join(" ", attributes));
      return out.append("  /// This field was commented out because of an invalid name. Please provide a valid one that matches [a-zA-Z][a-zA-Z0-9_]*\n")
          .append("  // ").append(raw).append('\n').toString();
    }
    return out.append("  ").append(line).append('\n').toString();
  }

  /** The single-column unique index a column's {@code @unique} stands for: the first by Prisma's index order. */
  private Optional<Index> uniqueOf(Table t, String column) {
    return sortedIndexes(t).stream()
        .filter(Index::unique)
        .filter(i -> partialIndexes || i.predicate().isEmpty())
        .filter(i -> i.columns().size() == 1 && !i.columns().get(0).expression() && i.columns().get(0).name().equals(column))
        .findFirst();
  }

  /** Unique indexes first, then the others, each by name: the order Prisma's describer reads them in. */
  static List<Index> sortedIndexes(Table t) {
    return t.indexes().stream()
        .sorted(Comparator.comparing((Index i) -> i.unique() ? 0 : 1).thenComparing(Index::name))
        .toList();
  }

  private String uniqueAttribute(Table t, Index u) {
    List<String> args = new ArrayList<>();
    if (!u.name().equals(ConstraintNames.unique(t.name(), u.columnNames()))) {
      args.add("map: " + IntrospectedNames.quote(u.name()));
    }
    IndexColumn key = u.columns().get(0);
    if (key.sort().orElse(IndexColumn.SortOrder.ASC) == IndexColumn.SortOrder.DESC) {
      args.add("sort: Desc");
    }
    u.predicate().ifPresent(p -> args.add("where: raw(" + IntrospectedNames.quote(predicate(p)) + ")"));
    return args.isEmpty() ? "@unique" : "@unique(" + String.join(", ", args) + ")";
  }

  /** PostgreSQL prints an index predicate in parentheses; Prisma keeps them. */
  private static String predicate(String sql) {
    String s = sql.strip();
    return s.startsWith("(") && s.endsWith(")") ? s : "(" + s + ")";
  }

  // ---------------------------------------------------------------- keys and indexes

  private Optional<String> primaryKeyAttribute(Table t, Optional<ModelDecl> previous) {
    if (t.primaryKey().isEmpty() || t.primaryKey().get().columns().size() < 2) {
      return Optional.empty();
    }
    PrimaryKey pk = t.primaryKey().get();
    List<String> args = new ArrayList<>();
    args.add(pk.columns().stream().map(col -> fieldName(t, col).name()).collect(Collectors.joining(", ", "[", "]")));
    previous.flatMap(m -> ex.indexes(m).stream().filter(i -> i.kind().equals("id")).findFirst())
        .flatMap(ExistingSchema.WrittenIndex::clientName)
        .ifPresent(n -> args.add("name: " + IntrospectedNames.quote(n)));
    if (!pk.name().equals(ConstraintNames.primaryKey(t.name()))) {
      args.add("map: " + IntrospectedNames.quote(pk.name()));
    }
    return Optional.of("@@id(" + String.join(", ", args) + ")");
  }

  private List<String> indexAttributes(Table t, Optional<ModelDecl> previous) {
    List<ExistingSchema.WrittenIndex> written = previous.map(ex::indexes).orElse(List.of());
    record Rendered(String text, int position) {}
    List<Rendered> out = new ArrayList<>();
    for (Index i : sortedIndexes(t)) {
      if (i.columns().stream().anyMatch(IndexColumn::expression)) {
        continue;
      }
      if (i.predicate().isPresent() && !partialIndexes) {
        // Without the preview feature a `where:` does not validate, and dropping it would change
        // the index: the index is left out and reported instead.
        warnings.add(Warnings.of(Warnings.PARTIAL_INDEXES, "Model: \"" + modelName(t).name() + "\", constraint: \"" + i.name() + "\""));
        continue;
      }
      if (i.unique() && i.columns().size() == 1) {
        continue;
      }
      Optional<ExistingSchema.WrittenIndex> match = written.stream()
          .filter(w -> !w.kind().equals("id") && w.constraintName().equals(i.name()))
          .findFirst();
      List<String> args = new ArrayList<>();
      args.add(i.columns().stream().map(k -> indexField(t, k)).collect(Collectors.joining(", ", "[", "]")));
      if (i.unique()) {
        match.flatMap(ExistingSchema.WrittenIndex::clientName).ifPresent(n -> args.add("name: " + IntrospectedNames.quote(n)));
      }
      String defaultName = i.unique() ? ConstraintNames.unique(t.name(), i.columnNames()) : ConstraintNames.index(t.name(), i.columnNames());
      if (!i.name().equals(defaultName)) {
        args.add("map: " + IntrospectedNames.quote(i.name()));
      }
      String method = methodName(i.method());
      if (!method.equals("BTree")) {
        args.add("type: " + method);
      }
      i.predicate().ifPresent(p -> args.add("where: raw(" + IntrospectedNames.quote(predicate(p)) + ")"));
      String text = (i.unique() ? "@@unique(" : "@@index(") + String.join(", ", args) + ")";
      out.add(new Rendered(text, match.map(ExistingSchema.WrittenIndex::position).orElse(Integer.MAX_VALUE)));
    }
    out.sort(Comparator.comparingInt(Rendered::position));
    return out.stream().map(Rendered::text).toList();
  }

  private String indexField(Table t, IndexColumn key) {
    List<String> args = new ArrayList<>();
    if (key.sort().orElse(IndexColumn.SortOrder.ASC) == IndexColumn.SortOrder.DESC) {
      args.add("sort: Desc");
    }
    key.operatorClass().ifPresent(op -> args.add("ops: " + OperatorClasses.prismaName(op)));
    String field = fieldName(t, key.name()).name();
    return args.isEmpty() ? field : field + "(" + String.join(", ", args) + ")";
  }

  private static String methodName(String method) {
    return switch (method == null ? "" : method.toUpperCase(java.util.Locale.ROOT)) {
      case "HASH" -> "Hash";
      case "GIST" -> "Gist";
      case "GIN" -> "Gin";
      case "SPGIST" -> "SpGist";
      case "BRIN" -> "Brin";
      default -> "BTree";
    };
  }

  // ---------------------------------------------------------------- views and enums

  /**
   * Views, with the {@code views} preview feature as in Prisma: a view the existing schema
   * declares is kept as written while it still exists; a new one is rendered from its columns,
   * every field optional (PostgreSQL knows no NOT NULL on a view's columns), lists as lists, with
   * native types and no defaults or identifiers.
   */
  private List<Block> views() {
    List<Block> out = new ArrayList<>();
    for (View v : db.views()) {
      Optional<ModelDecl> previous = ex.view(v.schema(), v.name(), namespaces);
      if (previous.isPresent()) {
        StringBuilder text = new StringBuilder();
        previous.get().documentation().ifPresent(d -> d.lines().forEach(l -> text.append("/// ").append(l).append('\n')));
        text.append(previous.get().span().text().strip()).append('\n');
        out.add(new Block(text.toString(), Optional.of(previous.get())));
      } else if (ex.previewFeature("views")) {
        out.add(new Block(renderView(v), Optional.empty()));
      }
    }
    return out;
  }

  private String renderView(View v) {
    Table columns = new Table(v.schema(), v.name(), v.columns(), Optional.empty(), List.of(), List.of(), List.of(), Optional.empty());
    Name name = newTypeName(v.name(), v.schema());
    StringBuilder out = new StringBuilder("view ").append(name.name()).append(" {\n");
    for (Column c : v.columns()) {
      out.append(renderScalarField(columns, c, name.name()));
    }
    appendMapAndSchema(out, name, v.schema());
    return out.append("}\n").toString();
  }

  /** A view's or enum's block attributes: {@code @@map} when renamed, {@code @@schema} with several namespaces. */
  private void appendMapAndSchema(StringBuilder out, Name name, String schema) {
    List<String> blockAttributes = new ArrayList<>();
    name.mapped().ifPresent(m -> blockAttributes.add("@@map(" + IntrospectedNames.quote(m) + ")"));
    if (namespaces) {
      blockAttributes.add("@@schema(" + IntrospectedNames.quote(schema) + ")");
    }
    if (!blockAttributes.isEmpty()) {
      out.append('\n');
      blockAttributes.forEach(b -> out.append("  ").append(b).append('\n'));
    }
  }

  private ModelRender renderEnum(EnumType e) {
    Optional<EnumDecl> previous = existingEnums.getOrDefault(e, Optional.empty());
    Name name = enumName(e);
    StringBuilder out = new StringBuilder();
    previous.flatMap(EnumDecl::documentation).ifPresent(d -> d.lines().forEach(l -> out.append("/// ").append(l).append('\n')));
    out.append("enum ").append(name.name()).append(" {\n");
    for (String value : e.values()) {
      Name v = enumValueName(e, value);
      Optional<EnumValueDecl> prevValue = previous.flatMap(d -> ex.enumValue(d, value));
      prevValue.flatMap(EnumValueDecl::documentation).ifPresent(d -> d.lines().forEach(l -> out.append("  /// ").append(l).append('\n')));
      String line = v.name() + v.mapped().map(m -> " @map(" + IntrospectedNames.quote(m) + ")").orElse("");
      if (v.name().isEmpty()) {
        warnings.add(Warnings.of(Warnings.INVALID_ENUM_VALUES, "Enum: \"" + name.name() + "\", value: \"" + value + "\""));
        out.append("  // ").append(value).append(v.mapped().map(m -> " @map(" + IntrospectedNames.quote(m) + ")").orElse("")).append('\n');
        continue;
      }
      if (prevValue.isPresent() && v.mapped().isPresent()) {
        warnings.add(Warnings.of(Warnings.REMAPPED_ENUM_VALUES, "Enum: \"" + name.name() + "\", value: \"" + v.name() + "\""));
      }
      out.append("  ").append(line).append('\n');
    }
    appendMapAndSchema(out, name, e.schema());
    out.append("}\n");
    if (previous.isPresent() && name.mapped().isPresent()) {
      warnings.add(Warnings.of(Warnings.REMAPPED_ENUMS, "\"" + name.name() + "\""));
    }
    if (renamedAsDuplicate(e.name(), previous)) {
      warnings.add(Warnings.of(Warnings.DUPLICATE_NAMES, "Type: \"enum\", name: \"" + name.name() + "\""));
    }
    return new ModelRender(out.toString(), previous.map(d -> d), position(previous));
  }

  // ---------------------------------------------------------------- helpers for Defaults

  /** The existing field's client-side default ({@code uuid()}, {@code cuid()}, …), kept when the column has no default. */
  static Optional<String> clientSideDefault(Optional<FieldDecl> previous) {
    return previous.flatMap(f -> f.attribute("default"))
        .flatMap(a -> a.positional(0))
        .flatMap(arg -> arg.value())
        .filter(v -> v instanceof FunctionCall call
            && List.of("uuid", "cuid", "nanoid", "ulid").contains(call.name().name()))
        .map(Expression::render);
  }

  static boolean hasAttribute(FieldDecl f, String name) {
    return f.attributes().stream().map(Attribute::name).anyMatch(n -> n.name().equals(name));
  }
}
