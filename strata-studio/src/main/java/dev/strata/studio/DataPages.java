package dev.strata.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.DataBrowser;
import dev.strata.DataBrowser.Field;
import dev.strata.DataBrowser.Filter;
import dev.strata.DataBrowser.Kind;
import dev.strata.DataBrowser.Model;
import dev.strata.DataBrowser.Operator;
import dev.strata.DataBrowser.Page;
import dev.strata.DataBrowser.Query;
import dev.strata.DataBrowser.Relation;
import dev.strata.DataBrowser.Row;
import dev.strata.DataBrowser.Sort;
import dev.strata.StrataException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The data pages: the models, a model's grid (typed filters per column, sort, keyset pages,
 * columns shown or hidden), a record with its relations, the editors, the confirmation that shows
 * the SQL, and the export of a page as JSON or CSV.
 *
 * <p>The grid's state lives in its query string: {@code sort}, {@code dir}, {@code limit}, {@code
 * after} (cursor), {@code hide} (fields), and per field {@code c.F} (contains), {@code eq.F},
 * {@code min.F}, {@code max.F}, {@code path.F} (JSON path, dot separated, with {@code eq.F}), {@code
 * null.F} ({@code null} or {@code notnull}). A row is named by {@code k.F} for each key field.
 */
final class DataPages {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FILTER_PREFIXES = List.of("c.", "eq.", "min.", "max.", "path.", "null.");
  static final int DEFAULT_LIMIT = 50;

  private final DataBrowser data;
  private final Guard guard;
  private final boolean readOnly;

  DataPages(DataBrowser data, Guard guard, boolean readOnly) {
    this.data = data;
    this.guard = guard;
    this.readOnly = readOnly;
  }

  /** How long a model's row estimate is reused: the estimate and size are read from the catalogue once per few seconds, not per request. */
  static final long MODEL_CACHE_NANOS = java.time.Duration.ofSeconds(5).toNanos();

  private record Cached(Model model, long at) {}

  private final java.util.concurrent.ConcurrentHashMap<String, Cached> models = new java.util.concurrent.ConcurrentHashMap<>();

  Model model(String name) {
    long now = System.nanoTime();
    Cached cached = models.get(name);
    if (cached != null && now - cached.at() < MODEL_CACHE_NANOS) {
      return cached.model();
    }
    try {
      Model m = data.model(name);
      models.put(name, new Cached(m, now));
      return m;
    } catch (StrataException e) {
      throw new StudioError(404, e.getMessage());
    }
  }

  /** Forgets the cached estimates (after a change the grid should count again). */
  void forgetEstimates() {
    models.clear();
  }

  // ---- models ---------------------------------------------------------------------------------

  String models() {
    Html h = new Html();
    h.el("h1", "", "Models");
    List<Model> models;
    try {
      models = data.models();
    } catch (StrataException e) {
      return h.raw(Layout.errorBox(e.getMessage())).toString();
    }
    h.raw("<table id=\"models\"><tr><th>model</th><th>table</th><th>rows (estimated)</th><th>fields</th></tr>");
    for (Model m : models) {
      h.raw("<tr><td>").link("/data/" + Html.url(m.name()), m.name()).raw("</td>")
          .el("td", "class=\"muted\"", m.schema() + "." + m.table())
          .el("td", "class=\"rows\"", "≈ " + m.estimatedRows())
          .el("td", "", String.valueOf(m.fields().size())).raw("</tr>");
    }
    h.raw("</table>");
    return h.toString();
  }

  // ---- grid -----------------------------------------------------------------------------------

  /** The grid's state from the request: everything but the cursor. */
  private record GridState(List<Map.Entry<String, String>> params) {
    List<Map.Entry<String, String>> with(String name, String value) {
      List<Map.Entry<String, String>> out = new ArrayList<>(params.stream().filter(p -> !p.getKey().equals(name)).toList());
      out.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
      return out;
    }
  }

  private static GridState state(Request request) {
    return new GridState(request.params.stream().filter(p -> !p.getKey().equals("after") && !p.getKey().equals("format")
        && !p.getValue().isEmpty()).toList());
  }

  /** The filters the request asks for, typed by field. */
  static List<Filter> filters(Model model, Request request) {
    List<Filter> out = new ArrayList<>();
    for (Field f : model.fields()) {
      String n = f.name();
      request.param("null." + n).filter(v -> !v.isEmpty()).ifPresent(v -> out.add(Filter.of(n, v.equals("null") ? Operator.IS_NULL : Operator.NOT_NULL, "")));
      Optional<String> path = request.param("path." + n).filter(v -> !v.isBlank());
      request.param("eq." + n).filter(v -> !v.isEmpty()).ifPresent(v -> out.add(path.isPresent()
          ? new Filter(n, Operator.JSON_PATH_EQUALS, v, Arrays.asList(path.get().strip().split("\\.")))
          : Filter.of(n, Operator.EQUALS, v)));
      request.param("c." + n).filter(v -> !v.isEmpty()).ifPresent(v -> out.add(Filter.of(n, Operator.CONTAINS, v)));
      request.param("min." + n).filter(v -> !v.isEmpty()).ifPresent(v -> out.add(Filter.of(n, Operator.AT_LEAST, v)));
      request.param("max." + n).filter(v -> !v.isEmpty()).ifPresent(v -> out.add(Filter.of(n, Operator.AT_MOST, v)));
    }
    for (Map.Entry<String, String> p : request.params) {
      for (String prefix : FILTER_PREFIXES) {
        if (p.getKey().startsWith(prefix) && model.field(p.getKey().substring(prefix.length())).isEmpty()) {
          throw new StudioError(400, "`" + model.name() + "` has no field `" + p.getKey().substring(prefix.length()) + "` to filter on.");
        }
      }
    }
    return out;
  }

  private static Query query(Model model, Request request) {
    int limit = request.param("limit").map(l -> {
      try {
        return Integer.parseInt(l);
      } catch (NumberFormatException e) {
        throw new StudioError(400, "limit must be a number of rows.");
      }
    }).orElse(DEFAULT_LIMIT);
    Optional<Sort> sort = request.param("sort").filter(s -> !s.isEmpty()).map(s -> new Sort(s, request.param("dir").orElse("asc").equals("desc")));
    return new Query(model.name(), filters(model, request), sort, request.param("after").filter(a -> !a.isEmpty()), limit);
  }

  /** The fields not shown: those left unchecked when the grid's form was sent ({@code cols}), else the {@code hide} params. */
  private static Set<String> hidden(Model model, Request request) {
    if (request.param("cols").isPresent()) {
      Set<String> shown = Set.copyOf(request.all("show"));
      return Set.copyOf(model.fields().stream().map(Field::name).filter(f -> !shown.contains(f)).toList());
    }
    return Set.copyOf(request.all("hide"));
  }

  String grid(Model model, Request request) {
    GridState state = state(request);
    Set<String> hidden = hidden(model, request);
    List<Field> visible = model.fields().stream().filter(f -> !hidden.contains(f.name())).toList();
    Html h = new Html();
    String base = "/data/" + Html.url(model.name());
    h.raw("<h1>").text(model.name()).raw(" <small class=\"muted\">").text(model.schema() + "." + model.table()).raw("</small></h1>");
    model.documentation().ifPresent(d -> h.el("p", "class=\"doc\"", d));
    Page page;
    String error = "";
    try {
      page = data.page(query(model, request));
    } catch (StrataException e) {
      page = null;
      error = e.getMessage();
    }
    h.raw("<div class=\"toolbar\">");
    if (!readOnly && model.editable()) {
      h.raw("<a id=\"new-row\" href=\"" + base + "/new\">New row</a>");
    }
    String export = base + "/export" + Html.query(state.params());
    String sep = export.contains("?") ? "&" : "?";
    h.raw("<button type=\"button\" id=\"copy-json\" data-copy=\"" + Html.esc(export + sep + "format=json") + "\">Copy as JSON</button>");
    h.raw("<button type=\"button\" id=\"copy-csv\" data-copy=\"" + Html.esc(export + sep + "format=csv") + "\">Copy as CSV</button>");
    h.raw("<a id=\"export-json\" href=\"" + Html.esc(export + sep + "format=json") + "\">JSON</a>");
    h.raw("<a id=\"export-csv\" href=\"" + Html.esc(export + sep + "format=csv") + "\">CSV</a>");
    h.raw("<a id=\"clear-filters\" href=\"" + base + "\">Clear filters</a>");
    h.raw("</div><textarea id=\"copy-output\" hidden readonly></textarea>");

    h.raw("<form id=\"grid\" method=\"get\" action=\"" + base + "\">");
    state.params().stream().filter(p -> p.getKey().equals("sort") || p.getKey().equals("dir") || p.getKey().equals("limit"))
        .forEach(p -> hiddenInput(h, p.getKey(), p.getValue()));
    h.raw("<details id=\"columns\"><summary>Columns</summary>");
    hiddenInput(h, "cols", "1");
    for (Field f : model.fields()) {
      h.raw("<label><input type=\"checkbox\" name=\"show\" value=\"").text(f.name()).raw("\"" + (hidden.contains(f.name()) ? "" : " checked")
          + " data-field=\"" + Html.esc(f.name()) + "\"> ").text(f.name()).raw("</label> ");
    }
    h.raw("</details>");
    // Hidden fields keep their filters; the checkboxes become "hide" params on the server's next read.
    for (Field f : model.fields()) {
      if (hidden.contains(f.name())) {
        for (String prefix : FILTER_PREFIXES) {
          request.param(prefix + f.name()).filter(v -> !v.isEmpty()).ifPresent(v -> hiddenInput(h, prefix + f.name(), v));
        }
      }
    }
    h.raw("<table id=\"rows\"><thead><tr><th></th>");
    Optional<Sort> sort = request.param("sort").filter(s -> !s.isEmpty()).map(s -> new Sort(s, request.param("dir").orElse("asc").equals("desc")));
    for (Field f : visible) {
      boolean sorted = sort.map(s -> s.field().equals(f.name())).orElse(false);
      boolean desc = sorted && sort.get().descending();
      String href = base + Html.query(withSort(state, f.name(), sorted && !desc ? "desc" : "asc"));
      h.raw("<th data-field=\"" + Html.esc(f.name()) + "\"><a class=\"sort\" href=\"" + Html.esc(href) + "\" title=\"")
          .text(f.prismaType() + " · " + f.nativeType()).raw("\">").text(f.name()).raw("</a>")
          .raw(sorted ? (desc ? " ▼" : " ▲") : "").raw("<br><small class=\"muted\">").text(f.prismaType()).raw("</small></th>");
    }
    List<Relation> back = model.relations().stream().filter(Relation::back).toList();
    for (Relation r : back) {
      h.raw("<th class=\"back-relation\">").text(r.targetModel()).raw("<br><small class=\"muted\">").text("by " + String.join(", ", r.targetFields()))
          .raw("</small></th>");
    }
    h.raw("</tr><tr class=\"filters\"><td><button type=\"submit\" id=\"apply-filters\">Filter</button></td>");
    for (Field f : visible) {
      h.raw("<td>");
      filterInputs(h, f, request);
      h.raw("</td>");
    }
    back.forEach(r -> h.raw("<td></td>"));
    h.raw("</tr></thead><tbody>");
    if (page != null) {
      for (Row row : page.rows()) {
        h.raw("<tr><td>");
        if (model.editable()) {
          h.raw("<a class=\"open\" href=\"" + Html.esc(base + "/row" + Html.query(keyParams(model, row))) + "\">open</a>");
        }
        h.raw("</td>");
        for (Field f : visible) {
          cell(h, model, f, row);
        }
        for (Relation r : back) {
          h.raw("<td class=\"back-relation\">").link("/data/" + Html.url(r.targetModel()) + Html.query(relatedRows(r, row)), r.targetModel() + " →")
              .raw("</td>");
        }
        h.raw("</tr>");
      }
    }
    h.raw("</tbody></table></form>");
    if (!error.isEmpty()) {
      h.raw(Layout.errorBox(error));
    }
    if (page != null) {
      h.raw("<div class=\"toolbar\">");
      h.el("span", "id=\"row-count\" class=\"muted\"", page.rows().size() + " rows on this page (≈ " + model.estimatedRows() + " in the table) · "
          + page.elapsed().toMillis() + " ms");
      slowContainsHint(h, model, request, page.elapsed());
      if (request.param("after").filter(a -> !a.isEmpty()).isPresent()) {
        h.raw("<a id=\"first-page\" href=\"" + Html.esc(base + Html.query(state.params())) + "\">First page</a>");
      }
      page.next().ifPresent(next -> h.raw("<a id=\"next-page\" href=\"" + Html.esc(base + Html.query(state.with("after", next))) + "\">Next page →</a>"));
      h.raw("</div>");
      h.raw("<details><summary>SQL</summary><pre class=\"sql\" id=\"page-sql\">").text(page.statement().describe()).raw("</pre></details>");
    }
    return h.toString();
  }

  /** From how long a page filtered by "contains" gets the trigram-index hint (package-private: the tests lower it). */
  static volatile java.time.Duration slowContains = java.time.Duration.ofMillis(100);

  /**
   * A page filtered by "contains" that took long: {@code ILIKE '%…%'} cannot use a btree index, so
   * PostgreSQL reads rows until the page is full. The hint names the trigram index that lets it find
   * the matching rows instead, with its exact SQL; the studio never runs DDL itself.
   */
  private static void slowContainsHint(Html h, Model model, Request request, java.time.Duration elapsed) {
    if (elapsed.compareTo(slowContains) < 0) {
      return;
    }
    List<Field> contains = model.fields().stream()
        .filter(f -> request.param("c." + f.name()).filter(v -> !v.isEmpty()).isPresent()).toList();
    if (contains.isEmpty()) {
      return;
    }
    StringBuilder sql = new StringBuilder("CREATE EXTENSION IF NOT EXISTS pg_trgm;\n");
    for (Field f : contains) {
      String column = quote(f.column());
      String indexed = f.kind() == DataBrowser.Kind.TEXT && !f.array() ? column : "(" + column + "::text)";
      String name = model.table() + "_" + f.column() + "_trgm_idx";
      name = name.length() > 63 ? name.substring(0, 63) : name;
      sql.append("CREATE INDEX CONCURRENTLY ").append(quote(name)).append(" ON ").append(quote(model.schema())).append('.')
          .append(quote(model.table())).append(" USING gin (").append(indexed).append(" gin_trgm_ops);\n");
    }
    h.raw("<div class=\"hint\" id=\"slow-contains\"><p>").text("This page took " + elapsed.toMillis() + " ms: a \"contains\" filter ("
        + contains.stream().map(Field::name).collect(java.util.stream.Collectors.joining(", "))
        + ") cannot use an ordinary index, so PostgreSQL reads rows one by one until the page is full (with a sort, along the sort's index). "
        + "A trigram index lets it find the matching rows directly; it helps most when few rows match. The studio does not change the "
        + "schema: add it to the Prisma schema or a migration, or run:").raw("</p>");
    h.el("pre", "class=\"sql\" id=\"slow-contains-sql\"", sql.toString());
    h.raw("</div>");
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private static List<Map.Entry<String, String>> withSort(GridState state, String field, String dir) {
    List<Map.Entry<String, String>> out = new ArrayList<>(state.params().stream()
        .filter(p -> !p.getKey().equals("sort") && !p.getKey().equals("dir")).toList());
    out.add(new AbstractMap.SimpleImmutableEntry<>("sort", field));
    out.add(new AbstractMap.SimpleImmutableEntry<>("dir", dir));
    return out;
  }

  private static void filterInputs(Html h, Field f, Request request) {
    String n = f.name();
    switch (f.kind()) {
      case ENUM, BOOLEAN -> {
        List<String> values = f.kind() == Kind.BOOLEAN ? List.of("true", "false") : f.enumValues();
        select(h, "eq." + n, request.param("eq." + n).orElse(""), values, "any");
      }
      case INTEGER, FLOAT, DECIMAL, DATETIME, DATE, TIME -> {
        input(h, "min." + n, request.param("min." + n).orElse(""), "from", "narrow");
        input(h, "max." + n, request.param("max." + n).orElse(""), "to", "narrow");
      }
      case JSON -> {
        input(h, "path." + n, request.param("path." + n).orElse(""), "path a.b", "narrow");
        input(h, "eq." + n, request.param("eq." + n).orElse(""), "= value", "narrow");
        request.param("c." + n).filter(v -> !v.isEmpty()).ifPresent(v -> hiddenInput(h, "c." + n, v));
      }
      default -> {
        input(h, "c." + n, request.param("c." + n).orElse(""), "contains", "");
        request.param("eq." + n).filter(v -> !v.isEmpty()).ifPresent(v -> hiddenInput(h, "eq." + n, v));
      }
    }
    if (f.kind() != Kind.JSON && f.kind() != Kind.TEXT && f.kind() != Kind.UUID && f.kind() != Kind.OTHER) {
      request.param("eq." + n).filter(v -> !v.isEmpty()).filter(v -> f.kind() != Kind.ENUM && f.kind() != Kind.BOOLEAN)
          .ifPresent(v -> hiddenInput(h, "eq." + n, v));
    }
    if (f.nullable()) {
      h.raw("<select name=\"null.").text(n).raw("\">");
      String current = request.param("null." + n).orElse("");
      for (String[] o : new String[][] {{"", "null?"}, {"null", "is null"}, {"notnull", "not null"}}) {
        h.raw("<option value=\"" + o[0] + "\"" + (current.equals(o[0]) ? " selected" : "") + ">" + o[1] + "</option>");
      }
      h.raw("</select>");
    }
  }

  private static void input(Html h, String name, String value, String placeholder, String cls) {
    h.raw("<input type=\"text\" name=\"").text(name).raw("\" value=\"").text(value).raw("\" placeholder=\"").text(placeholder)
        .raw("\"" + (cls.isEmpty() ? "" : " class=\"" + cls + "\"") + ">");
  }

  private static void select(Html h, String name, String current, List<String> values, String empty) {
    h.raw("<select name=\"").text(name).raw("\"><option value=\"\">").text(empty).raw("</option>");
    for (String v : values) {
      h.raw("<option value=\"").text(v).raw("\"" + (v.equals(current) ? " selected" : "") + ">").text(v).raw("</option>");
    }
    h.raw("</select>");
  }

  private static void hiddenInput(Html h, String name, String value) {
    h.raw("<input type=\"hidden\" name=\"").text(name).raw("\" value=\"").text(value).raw("\">");
  }

  /** A cell: NULL shown as such, long text cut, a foreign-key value as a link to the row it names. */
  private void cell(Html h, Model model, Field f, Row row) {
    Optional<String> value = row.get(f.name());
    if (value.isEmpty()) {
      h.raw("<td class=\"null\" data-field=\"" + Html.esc(f.name()) + "\">null</td>");
      return;
    }
    String v = value.get();
    String shown = v.length() > 80 ? v.substring(0, 80) + "…" : v;
    h.raw("<td data-field=\"" + Html.esc(f.name()) + "\">");
    Optional<Relation> relation = model.relations().stream().filter(r -> !r.back() && r.fields().size() == 1 && r.fields().get(0).equals(f.name())).findFirst();
    if (relation.isPresent()) {
      Relation r = relation.get();
      h.raw("<a class=\"relation\" href=\"" + Html.esc("/data/" + Html.url(r.targetModel()) + "?eq." + Html.url(r.targetFields().get(0)) + "=" + Html.url(v))
          + "\" title=\"").text(r.targetModel()).raw("\">").text(shown).raw("</a>");
    } else {
      h.text(shown);
    }
    h.raw("</td>");
  }

  /** The filter that lists the rows of a back-relation's model that refer to {@code row}. */
  private static List<Map.Entry<String, String>> relatedRows(Relation r, Row row) {
    List<Map.Entry<String, String>> params = new ArrayList<>();
    for (int i = 0; i < r.fields().size(); i++) {
      params.add(new AbstractMap.SimpleImmutableEntry<>("eq." + r.targetFields().get(i), row.get(r.fields().get(i)).orElse("")));
    }
    return params;
  }

  private static List<Map.Entry<String, String>> keyParams(Model model, Row row) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (String k : model.key()) {
      out.add(new AbstractMap.SimpleImmutableEntry<>("k." + k, row.get(k).orElse("")));
    }
    return out;
  }

  private static Map<String, String> key(Model model, Request request) {
    Map<String, String> key = new LinkedHashMap<>();
    request.prefixed("k.").forEach(e -> key.put(e.getKey(), e.getValue()));
    if (key.isEmpty()) {
      throw new StudioError(400, "Which row? The address names no key (k." + String.join(", k.", model.key()) + ").");
    }
    return key;
  }

  // ---- record ---------------------------------------------------------------------------------

  String record(Model model, Request request) {
    Map<String, String> key = key(model, request);
    Html h = new Html();
    String base = "/data/" + Html.url(model.name());
    h.raw("<h1>").link(base, model.name()).raw(" ").text(describeKey(key)).raw("</h1>");
    Optional<Row> found;
    try {
      found = data.row(model.name(), key);
    } catch (StrataException e) {
      return h.raw(Layout.errorBox(e.getMessage())).toString();
    }
    if (found.isEmpty()) {
      return h.el("p", "class=\"error\" id=\"error\"", "No row of " + model.name() + " has " + describeKey(key) + ".").toString();
    }
    Row row = found.get();
    h.raw("<table id=\"record\"><tr><th>field</th><th>value</th><th>type</th></tr>");
    for (Field f : model.fields()) {
      h.raw("<tr>").el("th", "", f.name());
      cell(h, model, f, row);
      h.el("td", "class=\"muted\"", f.prismaType() + " · " + f.nativeType()).raw("</tr>");
    }
    h.raw("</table>");
    List<Relation> back = model.relations().stream().filter(Relation::back).toList();
    if (!back.isEmpty()) {
      h.el("h2", "", "Related rows");
      h.raw("<ul id=\"back-relations\">");
      for (Relation r : back) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < r.fields().size(); i++) {
          String value = row.get(r.fields().get(i)).orElse("");
          params.add(new AbstractMap.SimpleImmutableEntry<>("eq." + r.targetFields().get(i), value));
          words.add(r.targetFields().get(i) + " = " + value);
        }
        h.raw("<li>").link("/data/" + Html.url(r.targetModel()) + Html.query(params), r.targetModel() + " where " + String.join(", ", words)).raw("</li>");
      }
      h.raw("</ul>");
    }
    if (!readOnly && model.editable()) {
      h.raw("<div class=\"toolbar\"><a id=\"edit-row\" href=\"" + Html.esc(base + "/edit" + Html.query(keyParams(model, row))) + "\">Edit</a>");
      h.raw("<form class=\"inline\" method=\"post\" action=\"" + base + "/preview\">");
      csrf(h);
      hiddenInput(h, "action", "delete");
      key.forEach((k, v) -> hiddenInput(h, "k." + k, v));
      h.raw("<button type=\"submit\" id=\"delete-row\">Delete…</button></form></div>");
    }
    return h.toString();
  }

  private static String describeKey(Map<String, String> key) {
    List<String> parts = new ArrayList<>();
    key.forEach((k, v) -> parts.add(k + " = " + v));
    return String.join(", ", parts);
  }

  private void csrf(Html h) {
    hiddenInput(h, "csrf", guard.csrf);
  }

  // ---- editing --------------------------------------------------------------------------------

  String editor(Model model, Request request, boolean insert, String error) {
    if (readOnly) {
      throw new StudioError(403, "The studio runs with --read-only: nothing can be changed.");
    }
    Html h = new Html();
    String base = "/data/" + Html.url(model.name());
    Map<String, Optional<String>> current = new LinkedHashMap<>();
    Map<String, String> key = Map.of();
    if (!insert) {
      key = key(model, request);
      Optional<Row> row;
      try {
        row = data.row(model.name(), key);
      } catch (StrataException e) {
        return h.raw(Layout.errorBox(e.getMessage())).toString();
      }
      if (row.isEmpty()) {
        return h.el("p", "class=\"error\" id=\"error\"", "No row of " + model.name() + " has " + describeKey(key) + ".").toString();
      }
      current.putAll(row.get().values());
    }
    h.el("h1", "", (insert ? "New " : "Edit ") + model.name() + (insert ? "" : " " + describeKey(key)));
    if (!error.isEmpty()) {
      h.raw(Layout.errorBox(error));
    }
    h.raw("<form method=\"post\" id=\"editor\" action=\"" + base + "/preview\">");
    csrf(h);
    hiddenInput(h, "action", insert ? "insert" : "update");
    key.forEach((k, v) -> hiddenInput(h, "k." + k, v));
    h.raw("<table class=\"field-editor\">");
    for (Field f : model.fields()) {
      if (f.generated()) {
        continue;
      }
      Optional<String> original = current.getOrDefault(f.name(), Optional.empty());
      // A re-shown form keeps what was typed.
      Optional<String> typed = request.param("v." + f.name());
      boolean typedNull = request.param("n." + f.name()).isPresent();
      String value = typed.orElse(original.map(v -> editorValue(f, v)).orElse(""));
      boolean isNull = typed.isPresent() ? typedNull : !insert && original.isEmpty();
      h.raw("<tr><th><label for=\"v-" + Html.esc(f.name()) + "\">").text(f.name()).raw("</label><br><small class=\"muted\">")
          .text(f.prismaType() + (f.hasDefault() ? " · has a default" : "")).raw("</small></th><td>");
      editorInput(h, f, value);
      if (!insert) {
        original.ifPresentOrElse(o -> hiddenInput(h, "o." + f.name(), editorValue(f, o)), () -> hiddenInput(h, "on." + f.name(), "1"));
      }
      if (f.nullable()) {
        h.raw(" <label><input type=\"checkbox\" name=\"n.").text(f.name()).raw("\" value=\"1\" data-null-for=\"v-" + Html.esc(f.name()) + "\""
            + (isNull ? " checked" : "") + "> NULL</label>");
      }
      h.raw("</td></tr>");
    }
    h.raw("</table><p><button type=\"submit\" id=\"review\">Review the SQL…</button> ");
    h.raw(insert ? "<a href=\"" + base + "\">Cancel</a>" : "<a href=\"" + Html.esc(base + "/row" + Html.query(keyEntries(key))) + "\">Cancel</a>");
    h.raw("</p></form>");
    if (insert) {
      h.el("p", "class=\"muted\"", "Fields left empty take their defaults.");
    }
    return h.toString();
  }

  private static List<Map.Entry<String, String>> keyEntries(Map<String, String> key) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    key.forEach((k, v) -> out.add(new AbstractMap.SimpleImmutableEntry<>("k." + k, v)));
    return out;
  }

  /** A stored value as its editor shows it: a timestamp as {@code datetime-local} reads it. */
  private static String editorValue(Field f, String v) {
    if (f.kind() == Kind.DATETIME && !f.array() && (f.nativeType().startsWith("TIMESTAMP(") || f.nativeType().equals("TIMESTAMP"))) {
      return v.replace(' ', 'T');
    }
    return v;
  }

  private static void editorInput(Html h, Field f, String value) {
    String id = "v-" + Html.esc(f.name());
    String name = "v." + Html.esc(f.name());
    if (f.array()) {
      h.raw("<input type=\"text\" id=\"" + id + "\" name=\"" + name + "\" value=\"").text(value).raw("\" placeholder=\"{a,b}\">");
      return;
    }
    switch (f.kind()) {
      case ENUM, BOOLEAN -> {
        List<String> values = f.kind() == Kind.BOOLEAN ? List.of("true", "false") : f.enumValues();
        String current = f.kind() == Kind.BOOLEAN ? (value.equals("t") ? "true" : value.equals("f") ? "false" : value) : value;
        h.raw("<select id=\"" + id + "\" name=\"" + name + "\">");
        if (current.isEmpty()) {
          h.raw("<option value=\"\"></option>");
        }
        for (String v : values) {
          h.raw("<option value=\"").text(v).raw("\"" + (v.equals(current) ? " selected" : "") + ">").text(v).raw("</option>");
        }
        h.raw("</select>");
      }
      case JSON -> h.raw("<textarea id=\"" + id + "\" name=\"" + name + "\" data-json>").text(value).raw("</textarea>");
      case DATETIME -> {
        boolean local = f.nativeType().startsWith("TIMESTAMP(") || f.nativeType().equals("TIMESTAMP");
        h.raw("<input type=\"" + (local ? "datetime-local\" step=\"0.001" : "text") + "\" id=\"" + id + "\" name=\"" + name + "\" value=\"")
            .text(value).raw("\">");
      }
      case DATE -> h.raw("<input type=\"date\" id=\"" + id + "\" name=\"" + name + "\" value=\"").text(value).raw("\">");
      case BYTES -> h.raw("<input type=\"text\" id=\"" + id + "\" name=\"" + name + "\" value=\"").text(value)
          .raw("\" placeholder=\"\\x00ff (hex) or base64\">");
      default -> {
        if (value.length() > 80 || value.contains("\n")) {
          h.raw("<textarea id=\"" + id + "\" name=\"" + name + "\">").text(value).raw("</textarea>");
        } else {
          h.raw("<input type=\"text\" id=\"" + id + "\" name=\"" + name + "\" value=\"").text(value).raw("\""
              + (f.kind() == Kind.INTEGER || f.kind() == Kind.FLOAT || f.kind() == Kind.DECIMAL ? " inputmode=\"decimal\"" : "") + ">");
        }
      }
    }
  }

  /** The values the editor's form asks to write: for an update only those that changed. */
  private static Map<String, Optional<String>> submitted(Model model, Request request, boolean insert) {
    knownFields(model, request, "v.", "n.", "o.", "on.");
    Map<String, Optional<String>> values = new LinkedHashMap<>();
    for (Field f : model.fields()) {
      if (f.generated()) {
        continue;
      }
      String n = f.name();
      boolean isNull = request.param("n." + n).isPresent();
      Optional<String> typed = request.param("v." + n);
      if (insert) {
        if (isNull) {
          values.put(n, Optional.empty());
        } else if (typed.isPresent() && !typed.get().isEmpty()) {
          values.put(n, typed);
        }
        continue;
      }
      boolean wasNull = request.param("on." + n).isPresent();
      Optional<String> original = request.param("o." + n);
      if (isNull) {
        if (!wasNull) {
          values.put(n, Optional.empty());
        }
      } else if (typed.isPresent() && (wasNull || !typed.equals(original))) {
        values.put(n, typed);
      }
    }
    return values;
  }

  /**
   * Refuses a form naming a field the model lacks (only a forged request does): the change would
   * otherwise go ahead without it, and the user would think it was written.
   */
  private static void knownFields(Model model, Request request, String... prefixes) {
    Set<String> fields = model.fields().stream().map(Field::name).collect(java.util.stream.Collectors.toSet());
    for (String prefix : prefixes) {
      for (Map.Entry<String, String> p : request.prefixed(prefix)) {
        if (!fields.contains(p.getKey())) {
          throw new StudioError(400, "`" + model.name() + "` has no field `" + p.getKey() + "`: nothing was changed.");
        }
      }
    }
  }

  /** The values of a confirmation form ({@code s.F} value, {@code sn.F} NULL), in field order. */
  private static Map<String, Optional<String>> confirmed(Model model, Request request) {
    knownFields(model, request, "s.", "sn.");
    Map<String, Optional<String>> values = new LinkedHashMap<>();
    for (Field f : model.fields()) {
      if (request.param("sn." + f.name()).isPresent()) {
        values.put(f.name(), Optional.empty());
      } else {
        request.param("s." + f.name()).ifPresent(v -> values.put(f.name(), Optional.of(v)));
      }
    }
    return values;
  }

  String preview(Model model, Request request) {
    String action = request.param("action").orElse("");
    Map<String, Optional<String>> values = action.equals("delete") ? Map.of() : submitted(model, request, action.equals("insert"));
    return confirmation(model, request, action, values, "");
  }

  private String confirmation(Model model, Request request, String action, Map<String, Optional<String>> values, String error) {
    String base = "/data/" + Html.url(model.name());
    DataBrowser.Statement statement;
    Map<String, String> key = action.equals("insert") ? Map.of() : key(model, request);
    try {
      statement = switch (action) {
        case "insert" -> data.previewInsert(model.name(), values);
        case "update" -> data.previewUpdate(model.name(), key, values);
        case "delete" -> data.previewDelete(model.name(), key);
        default -> throw new StudioError(400, "Unknown change " + action + ".");
      };
    } catch (StrataException e) {
      if (action.equals("delete")) {
        return new Html().el("h1", "", "Delete").raw(Layout.errorBox(e.getMessage())).toString();
      }
      return editor(model, request, action.equals("insert"), e.getMessage());
    }
    Html h = new Html();
    h.el("h1", "", switch (action) {
      case "insert" -> "Insert into " + model.name();
      case "update" -> "Update " + model.name() + " " + describeKey(key);
      default -> "Delete " + model.name() + " " + describeKey(key);
    });
    if (!error.isEmpty()) {
      h.raw(Layout.errorBox(error + "\n\nNothing was changed."));
    }
    h.el("p", "", "This runs in one transaction:");
    h.raw("<pre class=\"sql\" id=\"sql\">").text(statement.describe()).raw("</pre>");
    h.raw("<form method=\"post\" id=\"confirm\" action=\"" + base + "/commit\">");
    csrf(h);
    hiddenInput(h, "action", action);
    key.forEach((k, v) -> hiddenInput(h, "k." + k, v));
    values.forEach((f, v) -> v.ifPresentOrElse(x -> hiddenInput(h, "s." + f, x), () -> hiddenInput(h, "sn." + f, "1")));
    h.raw("<button type=\"submit\" id=\"commit\">" + (action.equals("delete") ? "Delete the row" : error.isEmpty() ? "Commit" : "Try again")
        + "</button> ");
    if (!error.isEmpty() && !action.equals("delete")) {
      // Back to the editor with what was typed, to change the value the database refused.
      List<Map.Entry<String, String>> params = new ArrayList<>(keyEntries(key));
      values.forEach((f, v) -> params.add(v.isPresent() ? Map.entry("v." + f, v.get()) : Map.entry("n." + f, "1")));
      h.raw("<a id=\"change\" href=\"" + Html.esc(base + (action.equals("insert") ? "/new" : "/edit") + Html.query(params)) + "\">Change the values</a> · ");
    }
    h.raw("<a href=\"" + base + "\">Cancel</a></form>");
    return h.toString();
  }

  /** A page's body and the title it goes under. */
  record Titled(String title, String body) {}

  /** The commit of a confirmed change: "Committed", or the confirmation again with the database's error. */
  Titled commit(Model model, Request request) {
    String action = request.param("action").orElse("");
    Map<String, Optional<String>> values = confirmed(model, request);
    String base = "/data/" + Html.url(model.name());
    DataBrowser.Change change;
    try {
      change = switch (action) {
        case "insert" -> data.insert(model.name(), values);
        case "update" -> data.update(model.name(), key(model, request), values);
        case "delete" -> data.delete(model.name(), key(model, request));
        default -> throw new StudioError(400, "Unknown change " + action + ".");
      };
    } catch (StrataException e) {
      return new Titled("Not committed", confirmation(model, request, action, values, e.getMessage()));
    }
    forgetEstimates();
    Html h = new Html();
    h.el("h1", "", "Committed");
    h.el("p", "class=\"notice\" id=\"committed\"", change.rows() + " row" + (change.rows() == 1 ? "" : "s") + " "
        + (action.equals("insert") ? "inserted" : action.equals("update") ? "updated" : "deleted") + ".");
    h.raw("<pre class=\"sql\" id=\"sql\">").text(change.statement().describe()).raw("</pre>");
    if (change.row().isPresent()) {
      h.raw("<p><a id=\"to-row\" href=\"" + Html.esc(base + "/row" + Html.query(keyParams(model, change.row().get()))) + "\">See the row</a> · ");
    } else {
      h.raw("<p>");
    }
    h.raw("<a id=\"to-grid\" href=\"" + base + "\">Back to " + Html.esc(model.name()) + "</a></p>");
    return new Titled("Committed", h.toString());
  }

  // ---- export ---------------------------------------------------------------------------------

  Response export(Model model, Request request) {
    Page page;
    try {
      page = data.page(query(model, request));
    } catch (StrataException e) {
      throw new StudioError(400, e.getMessage());
    }
    Set<String> hidden = hidden(model, request);
    List<Field> fields = model.fields().stream().filter(f -> !hidden.contains(f.name())).toList();
    if (request.param("format").orElse("json").equals("csv")) {
      StringBuilder csv = new StringBuilder();
      csv.append(String.join(",", fields.stream().map(f -> csv(f.name())).toList())).append("\r\n");
      for (Row row : page.rows()) {
        csv.append(String.join(",", fields.stream().map(f -> row.get(f.name()).map(DataPages::csv).orElse("")).toList())).append("\r\n");
      }
      return Response.file("text/csv; charset=utf-8", csv.toString().getBytes(StandardCharsets.UTF_8), model.name() + ".csv");
    }
    ArrayNode rows = JSON.createArrayNode();
    for (Row row : page.rows()) {
      ObjectNode o = rows.addObject();
      for (Field f : fields) {
        o.set(f.name(), json(f, row.get(f.name())));
      }
    }
    try {
      return Response.file("application/json; charset=utf-8", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(rows), model.name() + ".json");
    } catch (java.io.IOException e) {
      throw new StudioError(500, "Cannot write JSON: " + e.getMessage());
    }
  }

  private static JsonNode json(Field f, Optional<String> value) {
    var nodes = JSON.getNodeFactory();
    if (value.isEmpty()) {
      return nodes.nullNode();
    }
    String v = value.get();
    if (f.array()) {
      return nodes.textNode(v);
    }
    try {
      return switch (f.kind()) {
        case INTEGER -> nodes.numberNode(new java.math.BigInteger(v));
        case FLOAT, DECIMAL -> nodes.numberNode(new java.math.BigDecimal(v));
        case BOOLEAN -> nodes.booleanNode(v.equals("t") || v.equals("true"));
        case JSON -> JSON.readTree(v);
        default -> nodes.textNode(v);
      };
    } catch (NumberFormatException | java.io.IOException e) {
      return nodes.textNode(v);
    }
  }

  static String csv(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }
}
