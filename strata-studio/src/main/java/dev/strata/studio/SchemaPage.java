package dev.strata.studio;

import dev.strata.DataBrowser;
import dev.strata.DataBrowser.Field;
import dev.strata.DataBrowser.Model;
import dev.strata.DataBrowser.Relation;
import dev.strata.SchemaDocs;
import dev.strata.Strata;
import dev.strata.StrataException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema page: an ER diagram drawn on the server as SVG (drag to pan, wheel to zoom, click a
 * model to go to its fields), then each model's fields, types, relations and {@code ///} docs.
 */
final class SchemaPage {
  private static final int BOX_WIDTH = 240;
  private static final int LINE = 16;
  private static final int GAP = 60;

  private final Strata strata;
  private final DataBrowser data;

  SchemaPage(Strata strata, DataBrowser data) {
    this.strata = strata;
    this.data = data;
  }

  String render() {
    Html h = new Html();
    h.el("h1", "", "Schema");
    List<Model> models;
    SchemaDocs docs;
    try {
      models = data.models();
      docs = strata.schemaDocs();
    } catch (StrataException e) {
      return h.raw(Layout.errorBox(e.getMessage())).toString();
    }
    h.el("p", "class=\"muted\"", "From " + docs.schemaLocation() + ": drag the diagram to move it, use the wheel to zoom, click a model for its fields.");
    h.raw(erd(models));
    h.raw("<details id=\"mermaid\"><summary>Mermaid source (strata erd)</summary><pre class=\"sql\">").text(docs.mermaid()).raw("</pre></details>");
    for (SchemaDocs.Model m : docs.models()) {
      h.raw("<section class=\"model\" id=\"model-" + Html.esc(m.name()) + "\">");
      h.raw("<h2>").link("/data/" + Html.url(m.name()), m.name()).raw(" <small class=\"muted\">").text(m.schema() + "." + m.table()).raw("</small></h2>");
      m.documentation().ifPresent(d -> h.el("p", "class=\"doc\"", d));
      h.raw("<table><tr><th>field</th><th>type</th><th>native type</th><th>null</th><th>default</th><th>constraints</th><th>description</th></tr>");
      for (SchemaDocs.Field f : m.fields()) {
        h.raw("<tr>").el("td", "", f.name()).el("td", "", f.type()).el("td", "", f.nativeType().orElse(""))
            .el("td", "", f.nullable() ? "yes" : "no").el("td", "", f.defaultValue().orElse(""))
            .el("td", "", String.join(", ", f.constraints())).el("td", "", f.description().orElse("")).raw("</tr>");
      }
      h.raw("</table>");
      if (!m.relations().isEmpty()) {
        h.raw("<p>Relations:</p><ul class=\"relations\">");
        m.relations().forEach(r -> h.el("li", "", r));
        h.raw("</ul>");
      }
      if (!m.indexes().isEmpty()) {
        h.raw("<p>Indexes:</p><ul class=\"indexes\">");
        m.indexes().forEach(i -> h.el("li", "", i.name() + " " + (i.primaryKey() ? "primary key" : i.unique() ? "unique" : "index")
            + " (" + String.join(", ", i.columns()) + ")"));
        h.raw("</ul>");
      }
      h.raw("</section>");
    }
    if (!docs.enums().isEmpty()) {
      h.el("h2", "", "Enums");
      h.raw("<ul id=\"enums\">");
      docs.enums().forEach(e -> h.raw("<li>").el("strong", "", e.name()).text(": " + String.join(", ", e.values())
          + e.documentation().map(d -> " — " + d).orElse("")).raw("</li>"));
      h.raw("</ul>");
    }
    return h.toString();
  }

  /** The diagram: models on a grid, foreign keys as lines under the boxes. */
  static String erd(List<Model> models) {
    int columns = Math.max(1, (int) Math.ceil(Math.sqrt(models.size())));
    Map<String, int[]> boxes = new HashMap<>();
    int y = 20;
    int width = 20 + columns * (BOX_WIDTH + GAP);
    for (int start = 0; start < models.size(); start += columns) {
      int rowHeight = 0;
      for (int i = start; i < Math.min(models.size(), start + columns); i++) {
        Model m = models.get(i);
        int height = LINE * (m.fields().size() + 1) + 12;
        boxes.put(m.name(), new int[] {20 + (i - start) * (BOX_WIDTH + GAP), y, height});
        rowHeight = Math.max(rowHeight, height);
      }
      y += rowHeight + GAP;
    }
    Html h = new Html();
    h.raw("<svg class=\"erd\" id=\"erd\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + width + " " + Math.max(y, 200) + "\">");
    // A foreign key is a curve from its field's row to the referenced field's row, with a crow's foot
    // at the referencing side (many rows) and a bar at the referenced side (one row).
    h.raw("<defs><marker id=\"erd-many\" viewBox=\"0 0 12 12\" refX=\"12\" refY=\"6\" markerWidth=\"12\" markerHeight=\"12\""
        + " orient=\"auto-start-reverse\"><path d=\"M0,6 L12,0 M0,6 L12,6 M0,6 L12,12\" stroke=\"#7a869a\" stroke-width=\"1.5\" fill=\"none\"/></marker>"
        + "<marker id=\"erd-one\" viewBox=\"0 0 12 12\" refX=\"10\" refY=\"6\" markerWidth=\"12\" markerHeight=\"12\" orient=\"auto\">"
        + "<path d=\"M6,0 L6,12\" stroke=\"#7a869a\" stroke-width=\"1.5\"/></marker></defs>");
    Map<String, Model> byName = new HashMap<>();
    models.forEach(m -> byName.put(m.name(), m));
    for (Model m : models) {
      for (Relation r : m.relations()) {
        int[] from = boxes.get(m.name());
        int[] to = boxes.get(r.targetModel());
        if (r.back() || from == null || to == null) {
          continue;
        }
        int y1 = rowY(from, m, r.fields());
        int y2 = rowY(to, byName.get(r.targetModel()), r.targetFields());
        boolean self = from == to;
        boolean rightward = to[0] > from[0];
        boolean sameColumn = to[0] == from[0];
        int x1 = rightward || sameColumn ? from[0] + BOX_WIDTH : from[0];
        int x2 = sameColumn ? to[0] + BOX_WIDTH : rightward ? to[0] : to[0] + BOX_WIDTH;
        int bend = self || sameColumn ? 50 : 40;
        int c1 = x1 + (x1 == from[0] ? -bend : bend);
        int c2 = x2 + (x2 == to[0] ? -bend : bend);
        h.raw("<path class=\"relation\" fill=\"none\" stroke=\"#7a869a\" stroke-width=\"1.5\" marker-start=\"url(#erd-many)\" marker-end=\"url(#erd-one)\""
            + " data-from=\"" + Html.esc(m.name() + "." + String.join(",", r.fields())) + "\" data-to=\""
            + Html.esc(r.targetModel() + "." + String.join(",", r.targetFields())) + "\" d=\"M" + x1 + "," + y1 + " C" + c1 + "," + y1 + " "
            + c2 + "," + y2 + " " + x2 + "," + y2 + "\"><title>").text(m.name() + "." + String.join(",", r.fields())
            + " → " + r.targetModel() + "." + String.join(",", r.targetFields()) + " (many to one)").raw("</title></path>");
      }
    }
    for (Model m : models) {
      int[] b = boxes.get(m.name());
      h.raw("<a href=\"#model-" + Html.esc(m.name()) + "\" class=\"erd-model\" data-model=\"" + Html.esc(m.name()) + "\">");
      h.raw("<rect x=\"" + b[0] + "\" y=\"" + b[1] + "\" width=\"" + BOX_WIDTH + "\" height=\"" + b[2] + "\" fill=\"#ffffff\" stroke=\"#1d2330\" rx=\"4\"/>");
      h.raw("<rect x=\"" + b[0] + "\" y=\"" + b[1] + "\" width=\"" + BOX_WIDTH + "\" height=\"" + (LINE + 6) + "\" fill=\"#dfe6f2\" stroke=\"#1d2330\" rx=\"4\"/>");
      h.raw("<text class=\"title\" x=\"" + (b[0] + 8) + "\" y=\"" + (b[1] + LINE) + "\">").text(m.name()).raw("</text>");
      int line = 2;
      for (Field f : m.fields()) {
        h.raw("<text x=\"" + (b[0] + 8) + "\" y=\"" + (b[1] + LINE * line + 6) + "\">").text(cut(f.name(), 16)).raw("</text>");
        h.raw("<text x=\"" + (b[0] + BOX_WIDTH - 8) + "\" y=\"" + (b[1] + LINE * line + 6) + "\" text-anchor=\"end\" fill=\"#6b7587\">")
            .text(cut(f.prismaType(), 14)).raw("</text>");
        line++;
      }
      h.raw("</a>");
    }
    h.raw("</svg>");
    return h.toString();
  }

  /** The middle of the row of the first of {@code fields} in a model's box (the title row when it is not listed). */
  private static int rowY(int[] box, Model model, List<String> fields) {
    int index = -1;
    if (model != null && !fields.isEmpty()) {
      for (int i = 0; i < model.fields().size(); i++) {
        if (model.fields().get(i).name().equals(fields.get(0))) {
          index = i;
          break;
        }
      }
    }
    int line = index < 0 ? 1 : index + 2;
    return box[1] + LINE * line + 6 - LINE / 3;
  }

  private static String cut(String s, int max) {
    return s.length() > max ? s.substring(0, max - 1) + "…" : s;
  }
}
