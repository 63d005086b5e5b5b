package dev.strata.compare;

import dev.strata.schema.Column;
import dev.strata.schema.ColumnType;
import dev.strata.schema.DefaultValue;
import dev.strata.schema.change.Change;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The human summary of a diff, in the shape of Prisma's ({@code [+] Added tables}, {@code [*]
 * Changed the `T` table}, …) but with readable values where Prisma prints internal debug text.
 */
public final class ChangeSummary {
  private ChangeSummary() {}

  public static String render(List<Change> changes) {
    if (changes.isEmpty()) {
      return "No difference detected.\n";
    }
    List<String> addedEnums = new ArrayList<>();
    List<String> removedEnums = new ArrayList<>();
    List<String> addedTables = new ArrayList<>();
    List<String> removedTables = new ArrayList<>();
    List<String> addedSchemas = new ArrayList<>();
    List<String> extensions = new ArrayList<>();
    Map<String, List<String>> changedEnums = new LinkedHashMap<>();
    Map<String, List<Line>> changedTables = new LinkedHashMap<>();

    for (Change change : changes) {
      if (change instanceof Change.CreateSchema c) {
        addedSchemas.add(c.name());
      } else if (change instanceof Change.CreateExtension c) {
        extensions.add("[+] Added extension `" + c.extension().name() + "`");
      } else if (change instanceof Change.DropExtension c) {
        extensions.add("[-] Removed extension `" + c.extension().name() + "`");
      } else if (change instanceof Change.AlterExtension c) {
        extensions.add("[*] Changed extension `" + c.to().name() + "`");
      } else if (change instanceof Change.CreateEnum c) {
        addedEnums.add(c.enumType().name());
      } else if (change instanceof Change.DropEnum c) {
        removedEnums.add(c.enumType().name());
      } else if (change instanceof Change.AlterEnum c) {
        List<String> lines = changedEnums.computeIfAbsent(c.to().name(), k -> new ArrayList<>());
        c.addedValues().forEach(v -> lines.add("[+] Added variant `" + v + "`"));
        c.removedValues().forEach(v -> lines.add("[-] Removed variant `" + v + "`"));
      } else if (change instanceof Change.CreateTable c) {
        addedTables.add(c.table().name());
      } else if (change instanceof Change.DropTable c) {
        removedTables.add(c.table().name());
      } else if (change instanceof Change.ModifyTable c) {
        List<Line> lines = changedTables.computeIfAbsent(c.table(), k -> new ArrayList<>());
        for (Change.TableChange tc : c.changes()) {
          lines.add(tableLine(tc));
        }
      } else if (change instanceof Change.AddIndex c) {
        table(changedTables, c.table()).add(new Line(Rank.ADD_INDEX, "[+] Added " + indexKind(c.index().unique()) + " on columns (" + String.join(", ", c.index().columnNames()) + ")"));
      } else if (change instanceof Change.DropIndex c) {
        table(changedTables, c.table()).add(new Line(Rank.DROP_INDEX, "[-] Removed " + indexKind(c.index().unique()) + " on columns (" + String.join(", ", c.index().columnNames()) + ")"));
      } else if (change instanceof Change.RenameIndex c) {
        table(changedTables, c.table()).add(new Line(Rank.ALTER, "[*] Renamed index `" + c.from().name() + "` to `" + c.to().name() + "`"));
      } else if (change instanceof Change.AddForeignKey c) {
        table(changedTables, c.table()).add(new Line(Rank.ADD_FK, "[+] Added foreign key on columns (" + String.join(", ", c.foreignKey().columns()) + ")"));
      } else if (change instanceof Change.DropForeignKey c) {
        table(changedTables, c.table()).add(new Line(Rank.DROP_FK, "[-] Removed foreign key on columns (" + String.join(", ", c.foreignKey().columns()) + ")"));
      } else if (change instanceof Change.RenameForeignKey c) {
        table(changedTables, c.table()).add(new Line(Rank.ALTER, "[*] Renamed foreign key `" + c.from().name() + "` to `" + c.to().name() + "`"));
      }
    }

    StringBuilder out = new StringBuilder();
    section(out, "[+] Added schemas", addedSchemas);
    extensions.forEach(e -> out.append(e).append("\n\n"));
    section(out, "[+] Added enums", addedEnums);
    section(out, "[-] Removed enums", removedEnums);
    section(out, "[+] Added tables", addedTables);
    section(out, "[-] Removed tables", removedTables);
    changedEnums.forEach((name, lines) -> block(out, "[*] Changed the `" + name + "` enum", lines));
    changedTables.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> block(out, "[*] Changed the `" + e.getKey() + "` table",
            e.getValue().stream().sorted(Comparator.comparing(Line::rank)).map(Line::text).toList()));
    return out.toString();
  }

  /** Prisma's order of lines inside a changed table. */
  private enum Rank {
    DROP_FK,
    DROP_INDEX,
    DROP_PK,
    DROP_COLUMN,
    ADD_COLUMN,
    ALTER,
    ADD_PK,
    ADD_INDEX,
    ADD_FK
  }

  private record Line(Rank rank, String text) {}

  private static List<Line> table(Map<String, List<Line>> tables, String name) {
    return tables.computeIfAbsent(name, k -> new ArrayList<>());
  }

  private static Line tableLine(Change.TableChange tc) {
    if (tc instanceof Change.AddColumn c) {
      return new Line(Rank.ADD_COLUMN, "[+] Added column `" + c.column().name() + "`");
    }
    if (tc instanceof Change.DropColumn c) {
      return new Line(Rank.DROP_COLUMN, "[-] Removed column `" + c.column().name() + "`");
    }
    if (tc instanceof Change.AlterColumn c) {
      return new Line(Rank.ALTER, "[*] Altered column `" + c.to().name() + "` (" + describe(c.from(), c.to(), c.changes()) + ")");
    }
    if (tc instanceof Change.RecreateColumn c) {
      return new Line(Rank.ALTER, "[*] Recreated column `" + c.to().name() + "` (" + describe(c.from(), c.to(), c.changes()) + "; the type cannot be cast, its data is dropped)");
    }
    if (tc instanceof Change.DropPrimaryKey c) {
      return new Line(Rank.DROP_PK, "[-] Dropped the primary key on columns (" + String.join(", ", c.primaryKey().columns()) + ")");
    }
    if (tc instanceof Change.AddPrimaryKey c) {
      return new Line(Rank.ADD_PK, "[+] Added primary key on columns (" + String.join(", ", c.primaryKey().columns()) + ")");
    }
    if (tc instanceof Change.RenamePrimaryKey c) {
      return new Line(Rank.ALTER, "[*] Renamed the primary key `" + c.from().name() + "` to `" + c.to().name() + "`");
    }
    return new Line(Rank.ALTER, "[*] " + tc);
  }

  private static String describe(Column from, Column to, java.util.Set<Change.ColumnChange> changes) {
    List<String> parts = new ArrayList<>();
    for (Change.ColumnChange change : Change.ColumnChange.values()) {
      if (!changes.contains(change)) {
        continue;
      }
      switch (change) {
        case NULLABILITY -> parts.add(from.nullable() ? "changed from nullable to required" : "changed from required to nullable");
        case DEFAULT -> parts.add("default changed from " + defaultText(from) + " to " + defaultText(to));
        case TYPE -> parts.add("type changed from " + typeText(from.type()) + " to " + typeText(to.type()));
        case AUTOINCREMENT -> parts.add(to.autoincrement() ? "now autoincrementing" : "no longer autoincrementing");
        default -> parts.add(change.name().toLowerCase(java.util.Locale.ROOT) + " changed");
      }
    }
    return String.join(", ", parts);
  }

  private static String defaultText(Column column) {
    return column.defaultValue().map(ChangeSummary::defaultText).orElse("none");
  }

  private static String defaultText(DefaultValue value) {
    if (value instanceof DefaultValue.Literal l) {
      return l.kind() == DefaultValue.LiteralKind.NUMBER || l.kind() == DefaultValue.LiteralKind.BOOLEAN
          ? l.value()
          : "'" + l.value() + "'";
    }
    if (value instanceof DefaultValue.ListLiteral l) {
      return l.values().stream().map(ChangeSummary::defaultText).collect(Collectors.joining(", ", "[", "]"));
    }
    if (value instanceof DefaultValue.Now) {
      return "now()";
    }
    if (value instanceof DefaultValue.NextVal n) {
      return "nextval('" + n.sequenceName() + "')";
    }
    return ((DefaultValue.Expression) value).sql();
  }

  private static String typeText(ColumnType type) {
    String args = type.args().isEmpty() ? "" : type.args().stream().map(String::valueOf).collect(Collectors.joining(",", "(", ")"));
    return type.name() + args + (type.array() ? "[]" : "");
  }

  private static String indexKind(boolean unique) {
    return unique ? "unique index" : "index";
  }

  private static void section(StringBuilder out, String title, List<String> names) {
    if (names.isEmpty()) {
      return;
    }
    out.append(title).append('\n');
    names.forEach(n -> out.append("  - ").append(n).append('\n'));
    out.append('\n');
  }

  private static void block(StringBuilder out, String title, List<String> lines) {
    out.append(title).append('\n');
    lines.forEach(l -> out.append("  ").append(l).append('\n'));
    out.append('\n');
  }
}
