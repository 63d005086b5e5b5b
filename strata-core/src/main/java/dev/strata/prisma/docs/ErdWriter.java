package dev.strata.prisma.docs;

import dev.strata.SchemaDocs;
import dev.strata.prisma.lower.PrismaLowering;
import dev.strata.schema.DatabaseSchema;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.Index;
import dev.strata.schema.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ER diagram: Mermaid's {@code erDiagram} (what GitHub renders in Markdown) and Graphviz DOT.
 * Entities are the models with their column fields; relationships are the foreign keys, and the
 * join tables of implicit many-to-many relations.
 */
final class ErdWriter {
  private ErdWriter() {}

  /** A relationship between two models. */
  private record Link(String parent, String child, String parentSide, String childSide, String label) {}

  static String mermaid(List<SchemaDocs.Model> models, DatabaseSchema ir, Map<String, PrismaLowering.ModelNames> names) {
    return mermaid(models, models, ir, names);
  }

  /**
   * The diagram of {@code area}, a part of {@code models}: its models with their attributes, every
   * relationship with at least one end in it, and the other ends (models of other areas) as bare
   * boxes, which Mermaid draws from the relationship alone.
   */
  static String mermaid(List<SchemaDocs.Model> area, List<SchemaDocs.Model> models, DatabaseSchema ir,
      Map<String, PrismaLowering.ModelNames> names) {
    java.util.Set<String> inArea = new java.util.HashSet<>();
    area.forEach(m -> inArea.add(m.name()));
    StringBuilder out = new StringBuilder("erDiagram\n");
    for (SchemaDocs.Model m : area) {
      Optional<Table> table = table(ir, m);
      out.append("    ").append(entity(m.name())).append(" {\n");
      for (SchemaDocs.Field f : m.fields()) {
        if (f.constraints().contains("relation")) {
          continue;
        }
        String column = columnOf(names, m.name(), f.name());
        List<String> keys = new ArrayList<>();
        if (table.flatMap(Table::primaryKey).map(pk -> pk.columns().contains(column)).orElse(false)) {
          keys.add("PK");
        }
        if (table.map(t -> t.foreignKeys().stream().anyMatch(fk -> fk.columns().contains(column))).orElse(false)) {
          keys.add("FK");
        }
        if (table.map(t -> t.indexes().stream().anyMatch(i -> i.unique() && i.columnNames().equals(List.of(column)))).orElse(false)) {
          keys.add("UK");
        }
        out.append("        ").append(mermaidType(f.type())).append(' ').append(attributeName(f.name()));
        if (!keys.isEmpty()) {
          out.append(' ').append(String.join(", ", keys));
        }
        String comment = (f.nullable() ? "optional" : "") + f.description().map(d -> (f.nullable() ? ". " : "") + d).orElse("");
        if (!comment.isEmpty()) {
          out.append(" \"").append(mermaidText(comment)).append('"');
        }
        out.append('\n');
      }
      out.append("    }\n");
    }
    for (Link link : links(models, ir, names)) {
      if (!inArea.contains(link.parent()) && !inArea.contains(link.child())) {
        continue;
      }
      out.append("    ").append(entity(link.parent())).append(' ').append(link.parentSide()).append("--").append(link.childSide()).append(' ')
          .append(entity(link.child())).append(" : \"").append(mermaidText(link.label())).append("\"\n");
    }
    return out.toString();
  }

  static String dot(List<SchemaDocs.Model> models, DatabaseSchema ir, Map<String, PrismaLowering.ModelNames> names) {
    StringBuilder out = new StringBuilder("digraph schema {\n  rankdir=LR;\n  node [shape=record, fontname=\"Helvetica\", fontsize=10];\n");
    for (SchemaDocs.Model m : models) {
      StringBuilder label = new StringBuilder("{").append(record(m.name())).append('|');
      for (SchemaDocs.Field f : m.fields()) {
        if (!f.constraints().contains("relation")) {
          label.append(record(f.name() + " : " + f.type())).append("\\l");
        }
      }
      label.append('}');
      out.append("  ").append(quoted(m.name())).append(" [label=\"").append(label).append("\"];\n");
    }
    for (Link link : links(models, ir, names)) {
      boolean many = link.parentSide().startsWith("}");
      out.append("  ").append(quoted(link.child())).append(" -> ").append(quoted(link.parent())).append(" [label=")
          .append(quoted(link.label())).append(many ? ", dir=both" : "").append("];\n");
    }
    return out.append("}\n").toString();
  }

  private static List<Link> links(List<SchemaDocs.Model> models, DatabaseSchema ir, Map<String, PrismaLowering.ModelNames> names) {
    Map<String, String> modelOfTable = new HashMap<>();
    for (SchemaDocs.Model m : models) {
      modelOfTable.putIfAbsent(m.schema() + "." + m.table(), m.name());
    }
    List<Link> out = new ArrayList<>();
    for (Table t : ir.tables()) {
      String child = modelOfTable.get(t.schema() + "." + t.name());
      if (child == null) {
        // An implicit many-to-many join table: two foreign keys, no model.
        if (t.foreignKeys().size() == 2) {
          String a = modelOfTable.get(t.foreignKeys().get(0).referencedSchema() + "." + t.foreignKeys().get(0).referencedTable());
          String b = modelOfTable.get(t.foreignKeys().get(1).referencedSchema() + "." + t.foreignKeys().get(1).referencedTable());
          if (a != null && b != null) {
            out.add(new Link(a, b, "}o", "o{", t.name()));
          }
        }
        continue;
      }
      for (ForeignKey fk : t.foreignKeys()) {
        String parent = modelOfTable.get(fk.referencedSchema() + "." + fk.referencedTable());
        if (parent == null) {
          continue;
        }
        boolean required = fk.columns().stream().allMatch(c -> t.column(c).map(col -> !col.nullable()).orElse(false));
        boolean unique = t.indexes().stream().filter(Index::unique).anyMatch(i -> i.columnNames().equals(fk.columns()))
            || t.primaryKey().map(pk -> pk.columns().equals(fk.columns())).orElse(false);
        out.add(new Link(parent, child, required ? "||" : "|o", unique ? "o|" : "o{", relationLabel(models, child, fk, names)));
      }
    }
    return out;
  }

  /** The relation field that holds the foreign key, else the key's columns. */
  private static String relationLabel(List<SchemaDocs.Model> models, String child, ForeignKey fk, Map<String, PrismaLowering.ModelNames> names) {
    List<String> fields = fk.columns().stream().map(c -> fieldOf(names, child, c)).toList();
    String joined = String.join(", ", fields);
    return models.stream().filter(m -> m.name().equals(child)).findFirst()
        .flatMap(m -> m.relations().stream().filter(r -> r.contains("(" + fields.get(0) + " → ")).findFirst())
        .map(r -> r.substring(0, r.indexOf(" → ")))
        .orElse(joined);
  }

  private static Optional<Table> table(DatabaseSchema ir, SchemaDocs.Model m) {
    return ir.table(m.schema(), m.table());
  }

  private static String columnOf(Map<String, PrismaLowering.ModelNames> names, String model, String field) {
    PrismaLowering.ModelNames n = names.get(model);
    return n == null ? field : n.columns().getOrDefault(field, field);
  }

  private static String fieldOf(Map<String, PrismaLowering.ModelNames> names, String model, String column) {
    PrismaLowering.ModelNames n = names.get(model);
    if (n != null) {
      for (Map.Entry<String, String> e : n.columns().entrySet()) {
        if (e.getValue().equals(column)) {
          return e.getKey();
        }
      }
    }
    return column;
  }

  /** An entity name Mermaid reads: Prisma names are words already; anything else is quoted out. */
  static String entity(String name) {
    return name.matches("[A-Za-z_][A-Za-z0-9_-]*") ? name : name.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  static String attributeName(String name) {
    return name.matches("[A-Za-z_\\*][A-Za-z0-9_\\-\\[\\]\\(\\)]*") ? name : name.replaceAll("[^A-Za-z0-9_]", "_");
  }

  /** A type as Mermaid's attribute grammar takes it: {@code String?} → {@code String}, {@code Unsupported("x")} → {@code Unsupported}. */
  static String mermaidType(String type) {
    String t = type.startsWith("Unsupported(") ? "Unsupported" + (type.endsWith("[]") ? "[]" : "") : type.replace("?", "");
    return t.replaceAll("[^A-Za-z0-9_\\-\\[\\]]", "_");
  }

  static String mermaidText(String text) {
    return text.replace('"', '\'').replace('\n', ' ').replace('\r', ' ');
  }

  /** Text inside a DOT record label: its field separators and quotes escaped. */
  private static String record(String text) {
    return text.replace("\\", "\\\\").replaceAll("([{}|<>\"])", "\\\\$1");
  }

  /** A DOT identifier or label in double quotes. */
  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
