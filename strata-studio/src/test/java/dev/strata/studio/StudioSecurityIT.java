package dev.strata.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The studio's defences over HTTP: the session token, the Host and Origin checks, the CSRF token,
 * --read-only, an injection suite through filters, sorts, cursors and edits, and the database
 * password never on a page.
 */
@StrataDatabase
class StudioSecurityIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  @TempDir Path dir;
  TestDatabase db;
  Strata strata;
  Studio studio;
  String cookie;

  @BeforeEach
  void start(TestDatabase db) throws Exception {
    this.db = db;
    strata = StudioFixture.projectWithMore(db, dir, 30);
    studio = Studio.start(strata, Studio.Options.defaults().port(0));
    cookie = login(studio);
  }

  @AfterEach
  void stop() {
    studio.stop();
  }

  static String login(Studio studio) throws Exception {
    HttpResponse<String> first = HTTP.send(HttpRequest.newBuilder(URI.create(studio.url())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(first.statusCode()).isEqualTo(303);
    assertThat(first.headers().firstValue("Location")).contains("/");
    String setCookie = first.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict");
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  private HttpResponse<String> get(String path, String cookieHeader) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(studio.baseUrl() + path));
    if (cookieHeader != null) {
      b.header("Cookie", cookieHeader);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return get(path, cookie);
  }

  private HttpResponse<String> post(String path, Map<String, String> form, Optional<String> origin, String cookieHeader) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(studio.baseUrl() + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(form)));
    origin.ifPresent(o -> b.header("Origin", o));
    if (cookieHeader != null) {
      b.header("Cookie", cookieHeader);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
    return post(path, form, Optional.of(studio.baseUrl()), cookie);
  }

  private static String form(Map<String, String> form) {
    List<String> parts = new ArrayList<>();
    form.forEach((k, v) -> parts.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return String.join("&", parts);
  }

  private String csrf() throws Exception {
    Matcher m = CSRF.matcher(get("/data/User/row?k.id=1").body());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void every_page_needs_the_session_token() throws Exception {
    for (String path : List.of("/", "/data/User", "/data/User/row?k.id=1", "/data/User/export?format=json", "/schema", "/migrations",
        "/static/studio.js", "/?token=wrong")) {
      HttpResponse<String> anonymous = get(path, null);
      assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
      assertThat(anonymous.body()).doesNotContain("u1@x.io");
      assertThat(get(path, "strata_studio_" + studio.port() + "=wrong").statusCode()).as(path).isEqualTo(401);
    }
    assertThat(get("/data/User").statusCode()).isEqualTo(200);
    assertThat(get("/data/User").body()).contains("u1@x.io");
    HttpResponse<String> postWithoutToken = post("/data/User/commit",
        Map.of("action", "delete", "k.id", "30", "csrf", csrf()), Optional.of(studio.baseUrl()), null);
    assertThat(postWithoutToken.statusCode()).isEqualTo(401);
    assertThat(db.queryValue("SELECT count(*) FROM users")).contains("30");
  }

  @Test
  void a_change_needs_the_studios_origin_and_the_csrf_token() throws Exception {
    String csrf = csrf();
    Map<String, String> delete = Map.of("action", "delete", "k.id", "30", "csrf", csrf);
    assertThat(post("/data/User/commit", delete, Optional.empty(), cookie).statusCode()).isEqualTo(403);
    assertThat(post("/data/User/commit", delete, Optional.of("http://evil.example"), cookie).statusCode()).isEqualTo(403);
    assertThat(post("/data/User/commit", delete, Optional.of("null"), cookie).statusCode()).isEqualTo(403);
    assertThat(post("/data/User/commit", delete, Optional.of("http://127.0.0.1:" + (studio.port() + 1)), cookie).statusCode()).isEqualTo(403);
    assertThat(post("/data/User/commit", Map.of("action", "delete", "k.id", "30"), Optional.of(studio.baseUrl()), cookie).statusCode()).isEqualTo(403);
    assertThat(post("/data/User/commit", Map.of("action", "delete", "k.id", "30", "csrf", "forged"), Optional.of(studio.baseUrl()), cookie).statusCode())
        .isEqualTo(403);
    assertThat(db.queryValue("SELECT count(*) FROM users")).contains("30");

    HttpResponse<String> done = post("/data/User/commit", delete);
    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(done.body()).contains("1 row deleted").contains("DELETE FROM &quot;public&quot;.&quot;users&quot; WHERE &quot;id&quot; = $1");
    assertThat(db.queryValue("SELECT count(*) FROM users")).contains("29");
  }

  /** A forged form naming a field the model lacks is refused whole, not written without that field. */
  @Test
  void a_change_naming_an_unknown_field_is_refused_and_nothing_is_written() throws Exception {
    String csrf = csrf();
    String before = db.queryValue("SELECT name FROM users WHERE id = 2").orElseThrow();
    for (Map<String, String> form : List.of(
        Map.of("action", "update", "k.id", "2", "s.name", "changed", "s.isAdmin", "true", "csrf", csrf),
        Map.of("action", "update", "k.id", "2", "s.name", "changed", "sn.bogus", "1", "csrf", csrf))) {
      HttpResponse<String> refused = post("/data/User/commit", form);
      assertThat(refused.statusCode()).as(form.toString()).isEqualTo(400);
      assertThat(refused.body()).contains("has no field", "nothing was changed");
    }
    HttpResponse<String> preview = post("/data/User/preview", Map.of("action", "insert", "v.name", "x", "v.isAdmin", "true", "csrf", csrf));
    assertThat(preview.statusCode()).isEqualTo(400);
    assertThat(db.queryValue("SELECT name FROM users WHERE id = 2")).contains(before);
    assertThat(db.queryValue("SELECT count(*) FROM users")).contains("30");
  }

  @Test
  void a_foreign_host_header_is_refused() throws Exception {
    for (String host : List.of("evil.example:" + studio.port(), "127.0.0.1.nip.io:" + studio.port(), "")) {
      try (Socket socket = new Socket("127.0.0.1", studio.port())) {
        OutputStream out = socket.getOutputStream();
        out.write(("GET /data/User HTTP/1.1\r\nHost: " + host + "\r\nCookie: " + cookie + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        InputStream in = socket.getInputStream();
        String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(response).as(host).startsWith("HTTP/1.1 403").doesNotContain("u1@x.io");
      }
    }
  }

  @Test
  void read_only_removes_every_write_path() throws Exception {
    studio.stop();
    studio = Studio.start(strata, Studio.Options.defaults().port(0).readOnly(true));
    cookie = login(studio);
    String page = get("/data/User/row?k.id=1").body();
    assertThat(page).contains("read-only").doesNotContain("delete-row").doesNotContain("edit-row").doesNotContain("name=\"csrf\"");
    assertThat(get("/data/User").body()).doesNotContain("new-row");
    assertThat(get("/data/User/edit?k.id=1").statusCode()).isEqualTo(403);
    assertThat(get("/data/User/new").statusCode()).isEqualTo(403);
    for (String action : List.of("preview", "commit")) {
      for (Map<String, String> form : List.of(
          Map.of("action", "delete", "k.id", "30"),
          Map.of("action", "insert", "s.email", "ro@x.io"),
          Map.of("action", "update", "k.id", "1", "s.name", "changed"))) {
        assertThat(post("/data/User/" + action, form).statusCode()).as(action + " " + form).isEqualTo(403);
      }
    }
    assertThat(db.queryValue("SELECT count(*) FROM users")).contains("30");
    assertThat(db.queryValue("SELECT name FROM users WHERE id = 1")).contains("name 1");
  }

  /** The posts of the health, backups and migrations pages, with forms that would act if admitted. */
  private Map<String, Map<String, String>> opsPosts(String csrf) throws Exception {
    Matcher shown = Pattern.compile("name=\"shown\" value=\"([^\"]+)\"").matcher(get("/migrations/deploy").body());
    String fingerprint = shown.find() ? shown.group(1) : "none";
    return Map.of(
        "/backups/create", Map.of("label", "manual", "csrf", csrf),
        "/backups/verify", Map.of("id", "x", "level", "CHECKSUMS", "csrf", csrf),
        "/backups/restore", Map.of("id", "x", "database", "x_new", "shown", fingerprint, "csrf", csrf),
        "/backups/prune", Map.of("shown", fingerprint, "csrf", csrf),
        "/migrations/deploy", Map.of("shown", fingerprint, "csrf", csrf),
        "/migrations/down", Map.of("steps", "1", "shown", fingerprint, "csrf", csrf),
        "/migrations/resolve", Map.of("migration", "20240101000000_later", "as", "APPLIED", "shown", fingerprint, "csrf", csrf));
  }

  private void pendingMigration() throws Exception {
    Path later = dir.resolve("prisma/migrations/20240101000000_later");
    java.nio.file.Files.createDirectories(later);
    java.nio.file.Files.writeString(later.resolve("migration.sql"), "CREATE TABLE \"Later\" (id int);\n");
  }

  private void nothingChanged() {
    assertThat(db.queryValue("SELECT to_regclass('public.\"Later\"') IS NULL")).contains("t");
    assertThat(db.queryValue("SELECT to_regclass('public._prisma_migrations') IS NULL")).contains("t");
    assertThat(java.nio.file.Files.exists(dir.resolve("prisma/backups"))).isFalse();
    assertThat(java.nio.file.Files.exists(dir.resolve("backups"))).isFalse();
  }

  @Test
  void every_backup_and_migration_post_needs_the_token_the_origin_and_the_csrf_token() throws Exception {
    pendingMigration();
    String csrf = csrf();
    // An empty database: the deploy form below carries the real confirmation, so only the guard stops it.
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    for (Map.Entry<String, Map<String, String>> post : opsPosts(csrf).entrySet()) {
      String path = post.getKey();
      Map<String, String> form = post.getValue();
      assertThat(post(path, form, Optional.of(studio.baseUrl()), null).statusCode()).as(path + " without token").isEqualTo(401);
      assertThat(post(path, form, Optional.of(studio.baseUrl()), "strata_studio_" + studio.port() + "=wrong").statusCode()).as(path).isEqualTo(401);
      assertThat(post(path, form, Optional.of("http://evil.example"), cookie).statusCode()).as(path + " foreign origin").isEqualTo(403);
      assertThat(post(path, form, Optional.empty(), cookie).statusCode()).as(path + " no origin").isEqualTo(403);
      Map<String, String> noCsrf = new java.util.HashMap<>(form);
      noCsrf.remove("csrf");
      assertThat(post(path, noCsrf, Optional.of(studio.baseUrl()), cookie).statusCode()).as(path + " no csrf").isEqualTo(403);
      noCsrf.put("csrf", "forged");
      assertThat(post(path, noCsrf, Optional.of(studio.baseUrl()), cookie).statusCode()).as(path + " forged csrf").isEqualTo(403);
    }
    nothingChanged();
    // Without the confirmation's fingerprint (or with another one), deploy refuses and runs nothing.
    assertThat(post("/migrations/deploy", Map.of("csrf", csrf)).statusCode()).isEqualTo(409);
    assertThat(post("/migrations/deploy", Map.of("csrf", csrf, "shown", "0".repeat(64))).statusCode()).isEqualTo(409);
    nothingChanged();
  }

  @Test
  void read_only_refuses_every_backup_and_migration_action() throws Exception {
    pendingMigration();
    String csrf = csrf();
    // An empty database: the deploy form below carries the real confirmation, so only the guard stops it.
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    Map<String, Map<String, String>> posts = opsPosts(csrf);
    studio.stop();
    studio = Studio.start(strata, Studio.Options.defaults().port(0).readOnly(true));
    cookie = login(studio);
    for (String path : List.of("/migrations/deploy", "/migrations/down?steps=1", "/migrations/resolve?migration=20240101000000_later&as=APPLIED",
        "/backups/restore?id=x", "/backups/prune")) {
      assertThat(get(path).statusCode()).as(path).isEqualTo(403);
    }
    assertThat(get("/migrations").body()).doesNotContain("id=\"deploy\"").doesNotContain("Mark applied").doesNotContain("name=\"csrf\"");
    assertThat(get("/backups").body()).doesNotContain("create-backup").doesNotContain("name=\"csrf\"").doesNotContain("id=\"prune\"")
        .doesNotContain("Restore…");
    for (Map.Entry<String, Map<String, String>> post : posts.entrySet()) {
      assertThat(post(post.getKey(), post.getValue()).statusCode()).as(post.getKey()).isEqualTo(403);
    }
    nothingChanged();
  }

  private static final String ODD = "\"odd \"\"table\"\" name\"";
  private static final String LABEL = "\"we\"\"ird col\"";
  private static final String ODD_ID = "\"odd \"\"id\"\"\"";

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String unescape(String s) {
    return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  /** The values a grid page shows in {@code field}'s column, in page order (NULL cells left out). */
  static List<String> cells(String page, String field) {
    Matcher m = Pattern.compile("<td data-field=\"" + Pattern.quote(field) + "\">(?:<a [^>]*>)?([^<]*)").matcher(page);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(unescape(m.group(1)));
    }
    return out;
  }

  private static Optional<String> nextPage(String page) {
    Matcher m = Pattern.compile("id=\"next-page\" href=\"([^\"]+)\"").matcher(page);
    return m.find() ? Optional.of(unescape(m.group(1))) : Optional.empty();
  }

  private static String cursor(String... values) throws Exception {
    return java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(values));
  }

  private List<String> oddLabels(String where, Object... params) {
    return db.queryColumn("SELECT " + LABEL + " FROM " + ODD + " " + where, params);
  }

  @Test
  void a_table_and_columns_named_with_spaces_and_quotes_filter_sort_page_and_change_through_the_studio() throws Exception {
    List<String> labels = StudioFixture.ODD_LABELS;
    // Filters: LIKE's wildcards are matched literally, quotes and comment markers are just characters.
    assertThat(cells(get("/data/Odd?c.label=" + enc("%")).body(), "label")).containsExactly(labels.get(0));
    assertThat(cells(get("/data/Odd?c.label=_").body(), "label")).containsExactly("a_b");
    assertThat(cells(get("/data/Odd?c.label=" + enc("\"q\"")).body(), "label")).containsExactly(labels.get(5));
    assertThat(cells(get("/data/Odd?eq.label=" + enc(labels.get(3))).body(), "label")).containsExactly(labels.get(3));
    assertThat(cells(get("/data/Odd?eq.label=" + enc("O'Brien")).body(), "label")).isEmpty();
    assertThat(cells(get("/data/Odd?null.note=null&c.label=" + enc("'")).body(), "label")).containsExactly(labels.get(3), labels.get(5));
    String grid = get("/data/Odd").body();
    assertThat(grid).contains("public.odd &quot;table&quot; name")
        .contains("FROM &quot;public&quot;.&quot;odd &quot;&quot;table&quot;&quot; name&quot;");

    // Sort and keyset pages of two rows, following the "next" links: every row once, in the database's order.
    List<String> expected = oddLabels("ORDER BY " + LABEL + " DESC, " + ODD_ID + " DESC");
    String path = "/data/Odd?sort=label&dir=desc&limit=2";
    List<String> seen = new ArrayList<>();
    int pages = 0;
    while (path != null) {
      String page = get(path).body();
      assertThat(page).doesNotContain("id=\"error\"");
      seen.addAll(cells(page, "label"));
      pages++;
      path = nextPage(page).orElse(null);
    }
    assertThat(seen).containsExactlyElementsOf(expected);
    assertThat(pages).isEqualTo(3);

    // Create, edit and delete a row of the odd table; check each with SQL.
    String csrf = csrf();
    String created = "new \"one\" -- not a comment";
    HttpResponse<String> insert = post("/data/Odd/commit", Map.of("action", "insert", "s.label", created, "s.note", "it's; DROP TABLE users", "csrf", csrf));
    assertThat(insert.body()).contains("1 row inserted")
        .contains("INSERT INTO &quot;public&quot;.&quot;odd &quot;&quot;table&quot;&quot; name&quot; (&quot;we&quot;&quot;ird col&quot;, &quot;a note&quot;)");
    assertThat(db.queryValue("SELECT \"a note\" FROM " + ODD + " WHERE " + LABEL + " = ?", created)).contains("it's; DROP TABLE users");
    HttpResponse<String> update = post("/data/Odd/commit", Map.of("action", "update", "k.id", "1", "s.label", "edited '%' \"x\"", "csrf", csrf));
    assertThat(update.body()).contains("1 row updated").contains("WHERE &quot;odd &quot;&quot;id&quot;&quot;&quot; = $");
    assertThat(oddLabels("WHERE " + ODD_ID + " = 1")).containsExactly("edited '%' \"x\"");
    assertThat(cells(get("/data/Odd/row?k.id=1").body(), "label")).containsExactly("edited '%' \"x\"");
    HttpResponse<String> delete = post("/data/Odd/commit", Map.of("action", "delete", "k.id", "2", "csrf", csrf));
    assertThat(delete.body()).contains("1 row deleted");
    assertThat(oddLabels("ORDER BY " + ODD_ID)).containsExactly("edited '%' \"x\"", "axb", labels.get(3), labels.get(4), labels.get(5), created);
  }

  /** A digest of every table's rows (but the two cells the suite may set: users 2's name and Odd 1's label) and of the public schema's relations. */
  private String snapshot() {
    return db.queryValue("SELECT md5(concat_ws('|', "
        + "(SELECT string_agg(t::text, ',' ORDER BY t.id) FROM (SELECT id, email, CASE WHEN id = 2 THEN NULL ELSE name END, role, active, profile FROM users) t), "
        + "(SELECT string_agg(p::text, ',' ORDER BY p.id) FROM \"Post\" p), "
        + "(SELECT string_agg(o::text, ',' ORDER BY o." + ODD_ID + ") FROM (SELECT " + ODD_ID + ", CASE WHEN " + ODD_ID + " = 1 THEN NULL ELSE " + LABEL
        + " END, \"a note\" FROM " + ODD + ") o), "
        + "(SELECT string_agg(e::text, ',' ORDER BY e.id) FROM \"Event\" e), "
        + "(SELECT string_agg(c::text, ',') FROM canary c), "
        + "(SELECT string_agg(relname || ':' || relkind::text, ',' ORDER BY relname) FROM pg_class WHERE relnamespace = 'public'::regnamespace), "
        + "(SELECT string_agg(rolname, ',' ORDER BY rolname) FROM pg_roles)))").orElseThrow();
  }

  @Test
  void injections_through_filters_sorts_cursors_and_edits_never_succeed() throws Exception {
    db.execute("CREATE TABLE canary (v text); INSERT INTO canary VALUES ('alive');");
    String before = snapshot();
    List<String> payloads = List.of(
        "'; DROP TABLE users; --", "1; DELETE FROM users", "\" OR 1=1 --", "x' OR '1'='1", "1 OR 1=1", "*/ OR 1=1 /*",
        "') OR ('a'='a", "\\'; DELETE FROM users; --", "name\" = 'x', \"email", "id\"; DROP TABLE \"Post", "%", "_", "%_%", "u1%",
        "role ASC; DROP TABLE users", "$1", "? OR 1=1", "'; DROP TABLE canary; --", "\"; DROP TABLE canary; --", "/* */ DROP TABLE canary",
        "we\"ird col", "label\" DESC, \"odd \"\"id", "'); UPDATE canary SET v = 'dead'; --");
    String csrf = csrf();
    List<String> successes = new ArrayList<>();
    List<String> allUsers = db.queryColumn("SELECT email FROM users ORDER BY id");
    for (String p : payloads) {
      String e = enc(p);
      // Filters: exactly the rows a literal match finds (ILIKE with its wildcards escaped, = by value), never more.
      List<String> literal = db.queryColumn("SELECT email FROM users WHERE strpos(lower(email), lower(?)) > 0 ORDER BY id", p);
      if (!cells(get("/data/User?c.email=" + e).body(), "email").equals(literal)) {
        successes.add("c.email=" + p);
      }
      if (get("/data/User/export?format=csv&c.email=" + e).body().lines().count() != 1 + literal.size()) {
        successes.add("export c.email=" + p);
      }
      List<String> oddLiteral = oddLabels("WHERE strpos(lower(" + LABEL + "), lower(?)) > 0 ORDER BY " + ODD_ID, p);
      if (!cells(get("/data/Odd?c.label=" + e).body(), "label").equals(oddLiteral)) {
        successes.add("c.label=" + p);
      }
      if (!cells(get("/data/Odd?eq.label=" + e).body(), "label").equals(oddLabels("WHERE " + LABEL + " = ? ORDER BY " + ODD_ID, p))) {
        successes.add("eq.label=" + p);
      }
      for (String typed : List.of("eq.id", "min.id", "eq.role", "eq.active", "min.at", "eq.payload")) {
        String model = typed.endsWith("at") || typed.endsWith("payload") ? "Event" : "User";
        if (!cells(get("/data/" + model + "?" + typed + "=" + e).body(), "id").isEmpty()) {
          successes.add(typed + "=" + p);
        }
      }
      // Sorts, cursors, limits and names that are not the schema's show no rows; a direction that is not "desc" sorts ascending.
      for (String path : List.of("/data/User?sort=" + e, "/data/Odd?sort=" + e, "/data/User?after=" + e, "/data/Odd?sort=label&after=" + e,
          "/data/User?limit=" + e, "/data/User?c." + e + "=1", "/data/Odd?eq." + e + "=1", "/data/User/row?k.id=" + e, "/data/Odd/row?k.id=" + e,
          "/data/User/row?k." + e + "=1", "/data/" + e, "/data/User?after=" + cursor(p), "/data/User?path.profile=" + e + "&eq.profile=" + e)) {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path).isIn(200, 400, 404);
        assertThat(r.body()).as(path).doesNotContain("Exception").doesNotContain("at dev.strata");
        if (!cells(r.body(), "email").isEmpty() || !cells(r.body(), "label").isEmpty()) {
          successes.add(path);
        }
      }
      if (!cells(get("/data/User?sort=email&dir=" + e).body(), "email")
          .equals(db.queryColumn("SELECT email FROM users ORDER BY email, id LIMIT 50"))) {
        successes.add("dir=" + p);
      }
      // A forged cursor whose values are the payload: they are compared as values, in the keyset order.
      List<String> after = oddLabels("WHERE (" + LABEL + ", " + ODD_ID + ") > (?, 1) ORDER BY " + LABEL + ", " + ODD_ID, p);
      if (!cells(get("/data/Odd?sort=label&after=" + cursor(p, "1")).body(), "label").equals(after)) {
        successes.add("cursor " + p);
      }
      List<Map<String, String>> refused = List.of(
          Map.of("action", "update", "k.id", p, "s.name", "x", "csrf", csrf),
          Map.of("action", "update", "k.id", "2", "s." + p, "x", "csrf", csrf),
          Map.of("action", "update", "k.id", "2", "s.role", p, "csrf", csrf),
          Map.of("action", "update", "k." + p, "2", "s.name", "x", "csrf", csrf),
          Map.of("action", "delete", "k.id", p, "csrf", csrf),
          Map.of("action", "delete", "k.id", "3", "k." + p, "3", "csrf", csrf),
          Map.of("action", "insert", "s.email", p + "@x.io", "s.role", p, "csrf", csrf),
          Map.of("action", p, "k.id", "3", "csrf", csrf));
      for (Map<String, String> form : refused) {
        for (String target : List.of("/data/User/commit", "/data/User/preview")) {
          HttpResponse<String> r = post(target, form);
          assertThat(r.statusCode()).as(form.toString()).isIn(200, 400, 404);
          assertThat(r.body()).doesNotContain("Exception");
          if (r.body().contains("id=\"committed\"")) {
            successes.add(target + " " + form);
          }
        }
      }
      for (Map<String, String> form : List.of(
          Map.of("action", "update", "k.id", "1", "s." + p, "x", "csrf", csrf),
          Map.of("action", "delete", "k.id", p, "csrf", csrf),
          Map.of("action", "insert", "s." + p, "y", "csrf", csrf))) {
        if (post("/data/Odd/commit", form).body().contains("id=\"committed\"")) {
          successes.add("Odd " + form);
        }
      }
      assertThat(db.queryValue("SELECT to_regclass('public.canary') IS NOT NULL")).as("the canary table after " + p).contains("t");
      assertThat(snapshot()).as("after the refused changes of " + p).isEqualTo(before);
      // Values are stored as typed, in a column whose name needs quoting too.
      assertThat(post("/data/User/commit", Map.of("action", "update", "k.id", "2", "s.name", p, "csrf", csrf)).body()).contains("1 row updated");
      assertThat(db.queryValue("SELECT name FROM users WHERE id = 2")).as(p).contains(p);
      assertThat(post("/data/Odd/commit", Map.of("action", "update", "k.id", "1", "s.label", p, "csrf", csrf)).body()).contains("1 row updated");
      assertThat(oddLabels("WHERE " + ODD_ID + " = 1")).as(p).containsExactly(p);
    }
    assertThat(successes).isEmpty();
    assertThat(snapshot()).isEqualTo(before);
    assertThat(db.queryValue("SELECT v FROM canary")).contains("alive");
    assertThat(db.queryColumn("SELECT email FROM users ORDER BY id")).isEqualTo(allUsers);
  }

  @Test
  void the_database_password_never_reaches_a_page() throws Exception {
    for (String path : List.of("/", "/data/User", "/data/User/row?k.id=1", "/data/User/edit?k.id=1", "/schema", "/migrations", "/health",
        "/backups", "/migrations/drift", "/migrations/deploy", "/data/Nope", "/data/User/export?format=json", "/backups/prune",
        "/backups/restore?id=x")) {
      HttpResponse<String> r = get(path);
      assertThat(r.body()).as(path).doesNotContain(StudioFixture.PASSWORD);
    }
    assertThat(get("/").body()).contains("****");
    assertThat(studio.url()).doesNotContain(StudioFixture.PASSWORD);
  }

  @Test
  void serves_html_with_a_strict_content_security_policy() throws Exception {
    HttpResponse<String> r = get("/data/User");
    assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'").contains("frame-ancestors 'none'");
    assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(r.body()).doesNotContain("<script>");
  }
}
