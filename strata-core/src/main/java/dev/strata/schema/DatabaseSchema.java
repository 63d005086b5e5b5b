package dev.strata.schema;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A whole database schema as Strata models it.
 *
 * @param defaultSchema the namespace unqualified names live in ({@code public}, or {@code ?schema=})
 * @param explicitSchemas namespaces named explicitly (Prisma's {@code schemas = [...]}); objects in
 *     them are rendered qualified and {@code CREATE SCHEMA} is emitted for them
 */
public record DatabaseSchema(
    String defaultSchema,
    Set<String> explicitSchemas,
    List<Table> tables,
    List<EnumType> enums,
    List<Sequence> sequences,
    List<Extension> extensions,
    List<View> views) {

  public DatabaseSchema {
    explicitSchemas = Set.copyOf(explicitSchemas);
    tables = List.copyOf(tables);
    enums = List.copyOf(enums);
    sequences = List.copyOf(sequences);
    extensions = List.copyOf(extensions);
    views = List.copyOf(views);
  }

  public static DatabaseSchema empty(String defaultSchema) {
    return new DatabaseSchema(defaultSchema, Set.of(), List.of(), List.of(), List.of(), List.of(), List.of());
  }

  /**
   * Nothing at all, not even a namespace: the {@code --from-empty} side of {@code migrate diff}, from
   * which, as in Prisma, every namespace the other side uses is created, the default one included.
   * Its {@link #defaultSchema()} is the empty string.
   */
  public static DatabaseSchema withoutNamespaces() {
    return empty("");
  }

  /** Whether this is {@link #withoutNamespaces()}: no namespace exists, not even the default one. */
  public boolean hasNoNamespaces() {
    return defaultSchema.isEmpty();
  }

  public Optional<Table> table(String schema, String name) {
    return tables.stream().filter(t -> t.schema().equals(schema) && t.name().equals(name)).findFirst();
  }

  public Optional<EnumType> enumType(String schema, String name) {
    return enums.stream().filter(e -> e.schema().equals(schema) && e.name().equals(name)).findFirst();
  }

  public DatabaseSchema withTables(List<Table> newTables) {
    return new DatabaseSchema(defaultSchema, explicitSchemas, newTables, enums, sequences, extensions, views);
  }

  public DatabaseSchema withEnums(List<EnumType> newEnums) {
    return new DatabaseSchema(defaultSchema, explicitSchemas, tables, newEnums, sequences, extensions, views);
  }
}
