package dev.strata.lint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** Reading libpg_query's JSON parse tree: names, types, lists, and a walk over every node. */
final class Nodes {
  private Nodes() {}

  /** A list field as a list (missing = empty). */
  static List<JsonNode> list(JsonNode node, String field) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode f = node.path(field);
    if (f.isArray()) {
      f.forEach(out::add);
    }
    return out;
  }

  /** The single field of a wrapper node ({@code {"ColumnDef": {...}}} → the fields). */
  static JsonNode inner(JsonNode wrapper, String type) {
    return wrapper.path(type);
  }

  /** The node type of a wrapper ({@code {"ColumnDef": {...}}} → {@code ColumnDef}). */
  static String type(JsonNode wrapper) {
    var it = wrapper.fieldNames();
    return it.hasNext() ? it.next() : "";
  }

  /** A list of {@code String} nodes joined with dots ({@code ["public","User"]} → {@code public.User}). */
  static String dotted(JsonNode names) {
    List<String> parts = new ArrayList<>();
    if (names.isArray()) {
      for (JsonNode n : names) {
        String s = n.path("String").path("sval").asText("");
        if (!s.isEmpty()) {
          parts.add(s);
        }
      }
    }
    return String.join(".", parts);
  }

  /** The last name of a {@code String} list ({@code pg_catalog.int4} → {@code int4}). */
  static String last(JsonNode names) {
    String d = dotted(names);
    int dot = d.lastIndexOf('.');
    return dot < 0 ? d : d.substring(dot + 1);
  }

  /** A {@code RangeVar} as {@code schema.name} or {@code name}. */
  static String relation(JsonNode rangeVar) {
    String name = rangeVar.path("relname").asText("");
    String schema = rangeVar.path("schemaname").asText("");
    return schema.isEmpty() || schema.equals("public") ? name : schema + "." + name;
  }

  /** A type name ({@code TypeName}) in lower case without pg_catalog: {@code int4}, {@code varchar}. */
  static String typeName(JsonNode typeName) {
    return last(typeName.path("names")).toLowerCase(Locale.ROOT);
  }

  /** The integer modifiers of a type ({@code varchar(20)} → [20]). */
  static List<Integer> typmods(JsonNode typeName) {
    List<Integer> mods = new ArrayList<>();
    for (JsonNode m : list(typeName, "typmods")) {
      JsonNode c = m.path("A_Const");
      if (c.has("ival")) {
        mods.add(c.path("ival").path("ival").asInt(0));
      }
    }
    return mods;
  }

  static boolean isArray(JsonNode typeName) {
    return typeName.path("arrayBounds").isArray() && typeName.path("arrayBounds").size() > 0;
  }

  /** Every object node in the tree, depth first, with its field name's wrapper type when known. */
  static void walk(JsonNode node, Consumer<JsonNode> visit) {
    if (node.isObject()) {
      visit.accept(node);
      node.elements().forEachRemaining(child -> walk(child, visit));
    } else if (node.isArray()) {
      node.forEach(child -> walk(child, visit));
    }
  }

  /** Whether any node below has a field {@code type} (a wrapper of that node type). */
  static boolean contains(JsonNode node, String type) {
    boolean[] found = {false};
    walk(node, n -> {
      if (n.has(type)) {
        found[0] = true;
      }
    });
    return found[0];
  }

  /** The names of every function called in the tree, lower case, without schema. */
  static List<String> functionsCalled(JsonNode node) {
    List<String> names = new ArrayList<>();
    walk(node, n -> {
      if (n.has("FuncCall")) {
        names.add(last(n.path("FuncCall").path("funcname")).toLowerCase(Locale.ROOT));
      }
    });
    return names;
  }

  /** The column names of a list of {@code String} nodes ({@code fk_attrs}, {@code keys}). */
  static List<String> names(JsonNode list) {
    List<String> out = new ArrayList<>();
    if (list.isArray()) {
      for (JsonNode n : list) {
        out.add(n.path("String").path("sval").asText(""));
      }
    }
    return out;
  }
}
