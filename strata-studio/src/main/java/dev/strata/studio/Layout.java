package dev.strata.studio;

/** The frame every page shares: head, navigation, the database (password masked), the read-only badge. */
final class Layout {
  private Layout() {}

  /** The pages of the navigation bar: path and label. */
  private static final String[][] NAV = {
      {"/", "Data"}, {"/schema", "Schema"}, {"/migrations", "Migrations"}, {"/health", "Health"}, {"/backups", "Backups"}};

  static String page(String title, String active, String body, boolean readOnly, String database) {
    return head(title, active, readOnly, database) + body + TAIL;
  }

  /** What closes a page {@link #head} opened. */
  static final String TAIL = "</main></body></html>";

  /** A page up to the start of its content: a streamed page sends this first. */
  static String head(String title, String active, boolean readOnly, String database) {
    Html h = new Html();
    h.raw("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">");
    h.el("title", "", title + " — Strata studio");
    h.raw("<link rel=\"stylesheet\" href=\"/static/studio.css\"><script src=\"/static/studio.js\" defer></script></head><body>");
    h.raw("<header><a class=\"brand\" href=\"/\">Strata studio</a><nav>");
    for (String[] item : NAV) {
      h.raw("<a href=\"" + item[0] + "\"" + (item[1].equals(active) ? " class=\"active\"" : "") + ">").text(item[1]).raw("</a>");
    }
    h.raw("</nav><span class=\"db\" id=\"database\">").text(database).raw("</span>");
    if (readOnly) {
      h.raw("<span class=\"badge ro\" id=\"read-only\">read-only</span>");
    }
    h.raw("</header><main>");
    return h.toString();
  }

  static String errorPage(int status, String message) {
    Html h = new Html();
    h.raw("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">");
    h.el("title", "", status + " — Strata studio");
    h.raw("<link rel=\"stylesheet\" href=\"/static/studio.css\"></head><body><main>");
    h.el("h1", "", status == 401 ? "Session token needed" : status == 403 ? "Refused" : "Error");
    h.el("p", "class=\"error\" id=\"error\"", message);
    h.raw("</main></body></html>");
    return h.toString();
  }

  /** A plain error box inside a page: the message as the database or Strata gave it. */
  static String errorBox(String message) {
    return new Html().el("pre", "class=\"error\" id=\"error\"", message).toString();
  }
}
