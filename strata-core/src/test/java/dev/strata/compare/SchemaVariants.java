package dev.strata.compare;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Random variants of a real Prisma schema, made by whole-line edits: a subset of its models (with
 * the relation fields that point at dropped models removed), optional fields added or removed,
 * {@code @unique} and {@code @@index} toggled, enum values added. Views are left out. Edits are
 * descriptors resolved by name, so two variants of one base share the edits they have in common.
 * Variants are not guaranteed to be valid: callers validate them and skip the invalid ones.
 */
final class SchemaVariants {
  private static final Pattern BLOCK = Pattern.compile("^(model|view|enum|type|generator|datasource)\\s+(\\w+)\\s*\\{.*$");
  private static final Pattern FIELD = Pattern.compile("^\\s+(\\w+)\\s+([\\w.]+)(\\[\\]|\\?)?(.*)$");
  private static final Set<String> UNIQUE_TYPES = Set.of("String", "Int", "BigInt", "DateTime", "Boolean");

  /** One top-level block: its kind, name and lines (first and last are the braces' lines). */
  private record Block(String kind, String name, List<String> lines) {}

  /** An edit of a variant, resolved against the model or enum it names (a no-op when that is absent). */
  sealed interface Edit {
    /** The model (or, for enum values, the enum) the edit changes. */
    String target();
  }

  record AddField(String model, String field) implements Edit {
    @Override
    public String target() {
      return model;
    }
  }

  record RemoveField(String model, String field) implements Edit {
    @Override
    public String target() {
      return model;
    }
  }

  record AddUnique(String model, String field) implements Edit {
    @Override
    public String target() {
      return model;
    }
  }

  record RemoveUnique(String model, String field) implements Edit {
    @Override
    public String target() {
      return model;
    }
  }

  record AddIndex(String model, String field) implements Edit {
    @Override
    public String target() {
      return model;
    }
  }

  record RemoveIndex(String model, String line) implements Edit {
    @Override
    public String target() {
      return model;
    }
  }

  record AddEnumValue(String enumName, String value) implements Edit {
    @Override
    public String target() {
      return enumName;
    }
  }

  private final List<String> preamble = new ArrayList<>();
  private final List<Block> blocks = new ArrayList<>();
  private final Set<String> models = new HashSet<>();

  SchemaVariants(String baseText) {
    List<String> lines = List.of(baseText.split("\r?\n", -1));
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = BLOCK.matcher(lines.get(i));
      if (!m.matches()) {
        if (!lines.get(i).isBlank() && !lines.get(i).trim().startsWith("//")) {
          preamble.add(lines.get(i));
        }
        continue;
      }
      List<String> body = new ArrayList<>();
      int j = i;
      while (j < lines.size()) {
        body.add(lines.get(j));
        if (lines.get(j).startsWith("}")) {
          break;
        }
        j++;
      }
      blocks.add(new Block(m.group(1), m.group(2), body));
      if (m.group(1).equals("model")) {
        models.add(m.group(2));
      }
      i = j;
    }
  }

  /** The base's model names, in order. */
  List<String> models() {
    return blocks.stream().filter(b -> b.kind().equals("model")).map(Block::name).toList();
  }

  /** A few random edits of the base. */
  List<Edit> randomEdits(Random random, int count) {
    List<Block> modelBlocks = blocks.stream().filter(b -> b.kind().equals("model")).toList();
    List<Block> enums = blocks.stream().filter(b -> b.kind().equals("enum")).toList();
    List<Edit> edits = new ArrayList<>();
    for (int attempt = 0; edits.size() < count && attempt < count * 20; attempt++) {
      int kind = random.nextInt(7);
      if (kind == 6) {
        if (!enums.isEmpty()) {
          edits.add(new AddEnumValue(enums.get(random.nextInt(enums.size())).name(), "STRATA_V" + random.nextInt(1000)));
        }
        continue;
      }
      Block model = modelBlocks.get(random.nextInt(modelBlocks.size()));
      List<String[]> scalars = scalarFields(model);
      if (kind == 0) {
        edits.add(new AddField(model.name(), "strataExtra" + random.nextInt(1000)));
        continue;
      }
      if (kind == 5) {
        List<String> indexes = model.lines().stream().filter(l -> l.trim().startsWith("@@index(")).toList();
        if (!indexes.isEmpty()) {
          edits.add(new RemoveIndex(model.name(), indexes.get(random.nextInt(indexes.size()))));
        }
        continue;
      }
      if (scalars.isEmpty()) {
        continue;
      }
      String[] field = scalars.get(random.nextInt(scalars.size()));
      String name = field[0];
      String type = field[1];
      String suffix = field[2];
      String rest = field[3];
      switch (kind) {
        case 1 -> {
          if (suffix.equals("?") && !referencedElsewhere(model, name)) {
            edits.add(new RemoveField(model.name(), name));
          }
        }
        case 2 -> {
          if (suffix.isEmpty() || suffix.equals("?")) {
            if (UNIQUE_TYPES.contains(type) && !rest.contains("@unique") && !rest.contains("@id")) {
              edits.add(new AddUnique(model.name(), name));
            }
          }
        }
        case 3 -> {
          if (rest.contains("@unique")) {
            edits.add(new RemoveUnique(model.name(), name));
          }
        }
        default -> {
          if (!suffix.equals("[]") && UNIQUE_TYPES.contains(type)) {
            edits.add(new AddIndex(model.name(), name));
          }
        }
      }
    }
    return edits;
  }

  /** The variant keeping {@code keep} models with {@code edits} applied, as schema text. */
  String render(Set<String> keep, List<Edit> edits) {
    Map<String, List<String>> bodies = new LinkedHashMap<>();
    for (Block b : blocks) {
      if (b.kind().equals("view") || b.kind().equals("type")) {
        continue;
      }
      if (b.kind().equals("model") && !keep.contains(b.name())) {
        continue;
      }
      List<String> lines = new ArrayList<>();
      for (String line : b.lines()) {
        Matcher f = FIELD.matcher(line);
        boolean relationToDropped = b.kind().equals("model") && f.matches() && !line.trim().startsWith("@@")
            && models.contains(f.group(2)) && !keep.contains(f.group(2));
        if (!relationToDropped) {
          lines.add(line);
        }
      }
      bodies.put(b.kind() + " " + b.name(), lines);
    }
    for (Edit edit : edits) {
      apply(bodies, edit);
    }
    StringBuilder out = new StringBuilder();
    preamble.forEach(l -> out.append(l).append('\n'));
    bodies.values().forEach(lines -> {
      out.append('\n');
      lines.forEach(l -> out.append(l).append('\n'));
    });
    return out.toString();
  }

  private static void apply(Map<String, List<String>> bodies, Edit edit) {
    if (edit instanceof AddEnumValue e) {
      List<String> lines = bodies.get("enum " + e.enumName());
      if (lines != null && lines.stream().noneMatch(l -> l.trim().equals(e.value()))) {
        lines.add(lines.size() - 1, "  " + e.value());
      }
      return;
    }
    String model = edit.target();
    List<String> lines = bodies.get("model " + model);
    if (lines == null) {
      return;
    }
    if (edit instanceof AddField e) {
      if (fieldLine(lines, e.field()) < 0) {
        lines.add(firstBlockAttribute(lines), "  " + e.field() + " String?");
      }
    } else if (edit instanceof RemoveField e) {
      int i = fieldLine(lines, e.field());
      if (i >= 0) {
        lines.remove(i);
      }
    } else if (edit instanceof AddUnique e) {
      int i = fieldLine(lines, e.field());
      if (i >= 0 && !lines.get(i).contains("@unique")) {
        lines.set(i, stripComment(lines.get(i)) + " @unique");
      }
    } else if (edit instanceof RemoveUnique e) {
      int i = fieldLine(lines, e.field());
      if (i >= 0) {
        lines.set(i, lines.get(i).replaceAll("@unique(\\([^)]*\\))?", ""));
      }
    } else if (edit instanceof AddIndex e) {
      String line = "  @@index([" + e.field() + "])";
      if (fieldLine(lines, e.field()) >= 0 && !lines.contains(line)) {
        lines.add(lines.size() - 1, line);
      }
    } else if (edit instanceof RemoveIndex e) {
      lines.remove(e.line());
    }
  }

  private static String stripComment(String line) {
    int comment = line.indexOf("//");
    return comment < 0 ? line : line.substring(0, comment).stripTrailing();
  }

  private static int fieldLine(List<String> lines, String field) {
    for (int i = 1; i < lines.size() - 1; i++) {
      Matcher f = FIELD.matcher(lines.get(i));
      if (f.matches() && f.group(1).equals(field) && !lines.get(i).trim().startsWith("@@")) {
        return i;
      }
    }
    return -1;
  }

  private static int firstBlockAttribute(List<String> lines) {
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).trim().startsWith("@@")) {
        return i;
      }
    }
    return lines.size() - 1;
  }

  /** Scalar fields of a model: name, type, suffix ({@code ?}, {@code []} or empty), the rest of the line. */
  private List<String[]> scalarFields(Block model) {
    List<String[]> out = new ArrayList<>();
    for (String line : model.lines().subList(1, model.lines().size() - 1)) {
      Matcher f = FIELD.matcher(line);
      if (f.matches() && !line.trim().startsWith("@@") && !line.trim().startsWith("//") && !models.contains(f.group(2))
          && !f.group(2).equals("Unsupported")) {
        out.add(new String[] {f.group(1), f.group(2), f.group(3) == null ? "" : f.group(3), f.group(4)});
      }
    }
    return out;
  }

  private static boolean referencedElsewhere(Block model, String field) {
    Pattern word = Pattern.compile("\\b" + Pattern.quote(field) + "\\b");
    int uses = 0;
    for (String line : model.lines()) {
      if (word.matcher(line).find()) {
        uses++;
      }
    }
    return uses > 1;
  }
}
