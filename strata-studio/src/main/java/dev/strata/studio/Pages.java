package dev.strata.studio;

import dev.strata.DataBrowser;
import dev.strata.Strata;
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
  private final OpsPages ops;

  Pages(Strata strata, DataBrowser data, Guard guard, boolean readOnly, String database, dev.strata.backup.BackupSettings backups) {
    this.strata = strata;
    this.readOnly = readOnly;
    this.database = database;
    this.dataPages = new DataPages(data, guard, readOnly);
    this.schemaPage = new SchemaPage(strata, data);
    this.ops = new OpsPages(strata, guard, readOnly, backups);
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
      return switch (path) {
        case "/backups/create" -> streamedPage("Backup", "Backups", ops.createBackup(request));
        case "/backups/verify" -> streamedPage("Verify", "Backups", ops.verifyBackup(request));
        case "/backups/restore" -> streamedPage("Restore", "Backups", ops.restore(request));
        case "/backups/prune" -> page("Prune", "Backups", ops.prune(request));
        case "/migrations/deploy" -> streamedPage("Deploy", "Migrations", ops.deploy(request));
        case "/migrations/down" -> page("Roll back", "Migrations", ops.down(request));
        case "/migrations/resolve" -> page("Resolve", "Migrations", ops.resolve(request));
        default -> postData(request);
      };
    }
    return switch (path) {
      case "/" -> page("Data", "Data", dataPages.models());
      case "/schema" -> page("Schema", "Schema", schemaPage.render());
      case "/migrations" -> page("Migrations", "Migrations", ops.migrations());
      case "/migrations/drift" -> page("Drift", "Migrations", ops.drift());
      case "/migrations/deploy" -> page("Deploy", "Migrations", ops.confirmDeploy());
      case "/migrations/down" -> page("Roll back", "Migrations", ops.confirmDown(request));
      case "/migrations/resolve" -> page("Resolve", "Migrations", ops.confirmResolve(request));
      case "/health" -> page("Health", "Health", ops.health());
      case "/backups" -> page("Backups", "Backups", ops.backups());
      case "/backups/restore" -> page("Restore", "Backups", ops.confirmRestore(request));
      case "/backups/prune" -> page("Prune", "Backups", ops.confirmPrune());
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
      case "commit" -> {
        DataPages.Titled done = dataPages.commit(model, request);
        yield page(done.title(), "Data", done.body());
      }
      default -> throw new StudioError(404, "Nothing to post to at " + request.path + ".");
    };
  }

  private Response page(String title, String nav, String body) {
    return Response.ok(Layout.page(title, nav, body, readOnly, database));
  }

  /** A page whose content is written as the operation runs (see {@link Response#streamed}). */
  private Response streamedPage(String title, String nav, Response.Streamed body) {
    return Response.streamed(out -> {
      out.write(Layout.head(title, nav, readOnly, database));
      out.flush();
      body.write(out);
      out.write(Layout.TAIL);
    });
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
