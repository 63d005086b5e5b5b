package dev.strata;

import java.util.List;
import java.util.Optional;

/**
 * The documentation of a project's schema ({@link Strata#schemaDocs()}): every model with its
 * table, fields, relations in words and indexes; the enums; the migration history summarised from
 * its statements; and the ER diagram as Mermaid ({@code erDiagram}, renders on GitHub) and as
 * Graphviz DOT. What {@code strata docs} writes and the studio's schema page shows. A large schema
 * (more than {@value #AREA_THRESHOLD} models in several files or database schemas) also gets one
 * diagram per area ({@code areas}; empty otherwise), which the page shows instead of the whole.
 */
public record SchemaDocs(String schemaLocation, List<Model> models, List<EnumDoc> enums, List<MigrationDoc> migrations,
    String mermaid, String dot, List<Diagram> areas) {
  /** Above this many models, a schema written in several files or database schemas is drawn area by area. */
  public static final int AREA_THRESHOLD = 30;

  public SchemaDocs {
    models = List.copyOf(models);
    enums = List.copyOf(enums);
    migrations = List.copyOf(migrations);
    areas = List.copyOf(areas);
  }

  /**
   * One area of a large schema drawn on its own: {@code title} names it (a schema file, or a
   * database schema), {@code mermaid} holds its models with their fields, and the models of other
   * areas they relate to as bare boxes.
   */
  public record Diagram(String title, List<String> models, String mermaid) {
    public Diagram {
      models = List.copyOf(models);
    }
  }

  /**
   * A model and its table.
   *
   * @param relations each relation field in words ({@code author → User: many-to-one (authorId → id)})
   * @param size rows and bytes, when the documentation was made with a database
   */
  public record Model(String name, String schema, String table, Optional<String> documentation, List<Field> fields,
      List<String> relations, List<IndexDoc> indexes, Optional<Size> size) {
    public Model {
      fields = List.copyOf(fields);
      relations = List.copyOf(relations);
      indexes = List.copyOf(indexes);
    }

    public Model withSize(Size value) {
      return new Model(name, schema, table, documentation, fields, relations, indexes, Optional.of(value));
    }
  }

  /** A table's rows (the planner's estimate, counted when never analysed) and bytes on disk, indexes included. */
  public record Size(long rows, long bytes) {}

  /** The same documentation with each model's size. */
  public SchemaDocs withModels(List<Model> newModels) {
    return new SchemaDocs(schemaLocation, newModels, enums, migrations, mermaid, dot, areas);
  }

  /**
   * A field: a column, or a relation field (no native type).
   *
   * @param type the type as written ({@code String?}, {@code Post[]})
   * @param nativeType the column's database type; empty for relation fields
   * @param defaultValue the {@code @default} as written ({@code autoincrement()}, {@code "draft"})
   * @param constraints {@code id}, {@code unique}, {@code updatedAt}, {@code relation}, {@code ignored}
   */
  public record Field(String name, String type, Optional<String> nativeType, boolean nullable, Optional<String> defaultValue,
      List<String> constraints, Optional<String> description) {
    public Field {
      constraints = List.copyOf(constraints);
    }
  }

  /** An index of a table (the primary key included), by its database name. */
  public record IndexDoc(String name, List<String> columns, boolean unique, boolean primaryKey) {
    public IndexDoc {
      columns = List.copyOf(columns);
    }
  }

  /** An enum: its values in order. */
  public record EnumDoc(String name, String databaseName, List<String> values, Optional<String> documentation) {
    public EnumDoc {
      values = List.copyOf(values);
    }
  }

  /** A migration and what it changed, summarised from its statements. */
  public record MigrationDoc(String name, List<String> changes) {
    public MigrationDoc {
      changes = List.copyOf(changes);
    }
  }

  /** The formats {@code strata docs} writes. */
  public enum Format {
    /** {@code README.md}: GitHub renders its Mermaid blocks. */
    MARKDOWN,
    /** {@code index.html}: one page, no scripts. */
    HTML
  }

  /** The formats of {@code strata erd}. */
  public enum ErdFormat {
    MERMAID,
    DOT
  }
}
