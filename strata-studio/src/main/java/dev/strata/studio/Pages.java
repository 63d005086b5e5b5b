package dev.strata.studio;

import dev.strata.DataBrowser;
import dev.strata.StatusResult;
import dev.strata.Strata;
import dev.strata.StrataException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The studio's routes: which page answers which path. */
final class Pages {
  private final Strata strata;
  private final boolean readOnly;
  private final String database;
  private final DataPages dataPages;
  private final SchemaPage schemaPage;

  Pages(Strata strata, DataBrowser data, Guard guard, boolean readOnly, String database) {
    this.strata = strata;
    this.readOnly = readOnly;
    this.database = database;
    this.dataPages = new DataPages(data, guard, readOnly);
    this.schemaPage = new SchemaPage(strata, data);
  }

  Response handle(Request request) {
    String path = request.path;
    if (path.startsWith("/static/")) {
      return staticFile(path.substring("/static/".length()));
    }
    if (request.method.equals("POST")) {
      if (readOnly) {
        throw new StudioError(403, "The studio runs with --read-only: nothing can be changed.");
      }
      return postData(request);
    }
    return switch (path) {
      case "/" -> page("Data", "Data", dataPages.models());
      case "/schema" -> page("Schema", "Schema", schemaPage.render());
      case "/migrations" -> page("Migrations", "Migrations", migrations());
      case "/health" -> page("Health", "Health", coming("Health",
          "The health report (evidence and fixes) comes with the strata-health module."));
      case "/backups" -> page("Backups", "Backups", coming("Backups",
          "Backups with their verification state, and creating and verifying one from here, come with the strata-backup module."));
      default -> getData(request);
    };
  }

  private Response getData(Request request) {
    List<String> parts = segments(request.path);
    if (parts.size() < 2 || !parts.get(0).equals("data")) {
      throw new StudioError(404, "No page at " + request.path + ".");
    }
    DataBrowser.Model model = dataPages.model(parts.get(1));
    String action = parts.size() > 2 ? parts.get(2) : "";
    return switch (action) {
      case "" -> page(model.name(), "Data", dataPages.grid(model, request));
      case "row" -> page(model.name(), "Data", dataPages.record(model, request));
      case "edit" -> page("Edit " + model.name(), "Data", dataPages.editor(model, request, false, ""));
      case "new" -> page("New " + model.name(), "Data", dataPages.editor(model, request, true, ""));
      case "export" -> dataPages.export(model, request);
      default -> throw new StudioError(404, "No page at " + request.path + ".");
    };
  }

  private Response postData(Request request) {
    List<String> parts = segments(request.path);
    if (parts.size() != 3 || !parts.get(0).equals("data")) {
      throw new StudioError(404, "Nothing to post to at " + request.path + ".");
    }
    DataBrowser.Model model = dataPages.model(parts.get(1));
    return switch (parts.get(2)) {
      case "preview" -> page("Confirm", "Data", dataPages.preview(model, request));
      case "commit" -> page("Committed", "Data", dataPages.commit(model, request));
      default -> throw new StudioError(404, "Nothing to post to at " + request.path + ".");
    };
  }

  private Response page(String title, String nav, String body) {
    return Response.ok(Layout.page(title, nav, body, readOnly, database));
  }

  private String migrations() {
    Html h = new Html();
    h.el("h1", "", "Migrations");
    StatusResult status;
    try {
      status = strata.status();
    } catch (StrataException e) {
      return h.raw(Layout.errorBox(e.getMessage())).toString();
    }
    h.el("p", "id=\"verdict\" class=\"" + (status.upToDate() ? "notice" : "error") + "\"", status.upToDate()
        ? "The database is up to date with the migrations folder."
        : "The database is not up to date: " + status.pending().size() + " pending, " + status.failed().size() + " failed.");
    java.util.Map<String, String> changes = new java.util.HashMap<>();
    try {
      strata.schemaDocs().migrations().forEach(m -> changes.put(m.name(), String.join("; ", m.changes())));
    } catch (StrataException e) {
      // An invalid schema does not hide the status: the summaries are left out.
    }
    h.raw("<table id=\"migrations\"><tr><th>migration</th><th>state</th><th>what it changes</th></tr>");
    row(h, status.applied(), status, "applied", changes);
    row(h, status.pending(), status, "pending", changes);
    row(h, status.failed(), status, "failed", changes);
    row(h, status.missingOnDisk(), status, "missing on disk", changes);
    h.raw("</table>");
    if (!status.hasMigrationsTable()) {
      h.el("p", "class=\"muted\"", "The database has no _prisma_migrations table yet.");
    }
    h.raw(coming("Deploy and resolve",
        "Deploying, rolling back and resolving from here (behind a confirmation showing exactly what will run), lint findings and "
            + "drift come once those commands are on the operations layer."));
    return h.toString();
  }

  private static void row(Html h, List<String> names, StatusResult status, String state, java.util.Map<String, String> changes) {
    for (String name : names) {
      String shown = state.equals("applied") && status.modified().contains(name) ? "applied, modified since" : state;
      h.raw("<tr>").el("td", "", name).el("td", "class=\"state\"", shown).el("td", "class=\"muted\"", changes.getOrDefault(name, "")).raw("</tr>");
    }
  }

  private static String coming(String what, String text) {
    return new Html().raw("<section class=\"notice coming\">").el("h2", "", what + " — coming").el("p", "", text).raw("</section>").toString();
  }

  private static Response staticFile(String name) {
    String type = name.endsWith(".css") ? "text/css; charset=utf-8" : name.endsWith(".js") ? "text/javascript; charset=utf-8" : null;
    byte[] body = type == null || name.contains("/") ? null : Studio.resource(name);
    if (body == null) {
      throw new StudioError(404, "No file " + name + ".");
    }
    return Response.file(type, body, null);
  }

  private static List<String> segments(String path) {
    return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty())
        .map(Pages::decode).toList();
  }

  private static String decode(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new StudioError(400, "The address is not URL-encoded properly.");
    }
  }
}
