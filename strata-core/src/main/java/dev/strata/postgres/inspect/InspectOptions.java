package dev.strata.postgres.inspect;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link PgInspector} reads: which schemas, and which optional object kinds.
 *
 * @param defaultSchema the namespace unqualified names live in; empty means the connection's
 *     {@code current_schema()} (or {@code public} when the search path names none)
 * @param schemas the schemas to read with multiSchema (Prisma's {@code schemas = [...]}); empty
 *     means only the default schema. They become {@code DatabaseSchema.explicitSchemas}.
 * @param views read views (their definitions)
 * @param extensions read installed extensions
 */
public record InspectOptions(Optional<String> defaultSchema, List<String> schemas, boolean views, boolean extensions) {

  public InspectOptions {
    defaultSchema = defaultSchema == null ? Optional.empty() : defaultSchema;
    schemas = schemas == null ? List.of() : schemas.stream().filter(Objects::nonNull).distinct().toList();
  }

  /** The connection's current schema, views and extensions included. */
  public static InspectOptions defaults() {
    return new InspectOptions(Optional.empty(), List.of(), true, true);
  }

  /** The given schemas (multiSchema), views and extensions included. */
  public static InspectOptions multiSchema(List<String> schemas) {
    return new InspectOptions(Optional.empty(), schemas, true, true);
  }

  public InspectOptions withDefaultSchema(String schema) {
    return new InspectOptions(Optional.ofNullable(schema), schemas, views, extensions);
  }

  public InspectOptions withViews(boolean readViews) {
    return new InspectOptions(defaultSchema, schemas, readViews, extensions);
  }

  public InspectOptions withExtensions(boolean readExtensions) {
    return new InspectOptions(defaultSchema, schemas, views, readExtensions);
  }
}
