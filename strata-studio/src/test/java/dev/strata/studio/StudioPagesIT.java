package dev.strata.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.Strata;
import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The studio's pages over HTTP: export as JSON and CSV, typed filters (a date range too), hidden
 * columns, the typed editors (date-time, bytes, enum, boolean), schema and migrations pages.
 */
@StrataDatabase
class StudioPagesIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @TempDir Path dir;
  Studio studio;
  String cookie;
  Strata strata;

  @BeforeEach
  void start(TestDatabase db) throws Exception {
    strata = StudioFixture.projectWithMore(db, dir, 12);
    db.execute("UPDATE users SET name = 'Ann, \"the\" first', profile = '{\"city\": \"Lyon\", \"n\": 2}' WHERE id = 1;"
        + "UPDATE users SET active = false WHERE id = 2");
    Path init = dir.resolve("prisma/migrations/20240101000000_init");
    Files.createDirectories(init);
    Files.writeString(init.resolve("migration.sql"), "CREATE TABLE \"Later\" (id int);\n");
    studio = Studio.start(strata, Studio.Options.defaults().port(0));
    cookie = StudioSecurityIT.login(studio);
  }

  @AfterEach
  void stop() {
    studio.stop();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(studio.baseUrl() + path)).header("Cookie", cookie).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void exports_the_page_shown_as_typed_json_and_quoted_csv() throws Exception {
    HttpResponse<String> json = get("/data/User/export?format=json&limit=2&hide=email");
    assertThat(json.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
    JsonNode rows = new ObjectMapper().readTree(json.body());
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("id").isNumber()).isTrue();
    assertThat(rows.get(0).get("profile").get("city").asText()).isEqualTo("Lyon");
    assertThat(rows.get(1).get("active").booleanValue()).isFalse();
    assertThat(rows.get(0).has("email")).isFalse();
    String csv = get("/data/User/export?format=csv&eq.id=1").body();
    assertThat(csv).startsWith("id,email,name,role,active,profile\r\n")
        .contains("1,u1@x.io,\"Ann, \"\"the\"\" first\",USER,true,\"{\"\"n\"\": 2, \"\"city\"\": \"\"Lyon\"\"}\"\r\n");
  }

  @Test
  void filters_by_type_and_keeps_hidden_columns_hidden() throws Exception {
    String page = get("/data/User?eq.active=false").body();
    assertThat(page).contains("u2@x.io").doesNotContain("u3@x.io");
    assertThat(get("/data/User?min.id=10&max.id=11").body()).contains("u10@x.io").contains("u11@x.io").doesNotContain("u12@x.io")
        .doesNotContain("u9@x.io");
    assertThat(get("/data/User?path.profile=city&eq.profile=Lyon").body()).contains("u1@x.io").doesNotContain("u2@x.io");
    assertThat(get("/data/User?null.profile=notnull").body()).contains("u1@x.io").doesNotContain("u2@x.io");
    String hidden = get("/data/User?cols=1&show=id&show=email").body();
    assertThat(hidden).contains("data-field=\"email\"").doesNotContain("th data-field=\"role\"");
    assertThat(get("/data/User?eq.id=1").body()).contains("<td class=\"back-relation\"><a href=\"/data/Post?eq.authorId=1\">Post →</a></td>");
    assertThat(get("/data/Post?eq.authorId=1").body()).contains("Hello").contains("Again");
    HttpResponse<String> bad = get("/data/User?min.id=ten");
    assertThat(bad.statusCode()).isEqualTo(200);
    assertThat(bad.body()).contains("`User.id` (Int): &quot;ten&quot; is not a whole number.");
  }

  @Test
  void shows_the_schema_and_the_migrations() throws Exception {
    String schema = get("/schema").body();
    assertThat(schema).contains("<svg class=\"erd\"").contains("erDiagram").contains("users_email_key unique (email)")
        .contains("posts → Post: one-to-many (back-relation of Post.author)").contains("Where we write to them.");
    String migrations = get("/migrations").body();
    assertThat(migrations).contains("20240101000000_init").contains("pending").contains("not up to date").contains("creates table Later");
    String health = get("/health").body();
    assertThat(health).contains("id=\"health-summary\"").contains("fk-without-index").contains("id=\"finding-fk-without-index\"")
        .contains("Fix: ").contains("CREATE INDEX").contains("authorId");
  }

  /** The hidden inputs of the form {@code id} on {@code page}, as a confirmation posts them. */
  private static java.util.Map<String, String> hiddenInputs(String page, String id) {
    String form = page.substring(page.indexOf("id=\"" + id + "\""));
    form = form.substring(0, form.indexOf("</form>"));
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">").matcher(form);
    while (m.find()) {
      out.put(m.group(1).replace("&quot;", "\"").replace("&amp;", "&"), m.group(2).replace("&quot;", "\"").replace("&#39;", "'")
          .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
    }
    return out;
  }

  /** The editor's form for event {@code id}, as sent back unchanged but for {@code changes} ({@code v.F} values, {@code n.F} NULLs). */
  private java.util.Map<String, String> editorForm(int id, java.util.Map<String, String> changes) throws Exception {
    String editor = get("/data/Event/edit?k.id=" + id).body();
    java.util.Map<String, String> form = new java.util.LinkedHashMap<>(hiddenInputs(editor, "editor"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("<input type=\"[a-z-]+\"(?: step=\"[0-9.]+\")? id=\"v-[^\"]+\" name=\"(v\\.[^\"]+)\" value=\"([^\"]*)\"")
        .matcher(editor);
    while (m.find()) {
      form.put(m.group(1), m.group(2).replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&"));
    }
    java.util.regex.Matcher selected = java.util.regex.Pattern.compile("<select id=\"v-[^\"]+\" name=\"(v\\.[^\"]+)\">(?:<option[^>]*>[^<]*</option>)*?"
        + "<option value=\"([^\"]*)\" selected>").matcher(editor);
    while (selected.find()) {
      form.put(selected.group(1), selected.group(2));
    }
    form.putAll(changes);
    return form;
  }

  private String event(TestDatabase db, int id) {
    return db.queryValue("SELECT concat_ws('|', to_char(at, 'YYYY-MM-DD HH24:MI:SS.MS'), coalesce(encode(payload, 'hex'), 'NULL'), kind, done) "
        + "FROM \"Event\" WHERE id = ?", id).orElseThrow();
  }

  @Test
  void filters_events_by_a_date_range() throws Exception {
    String grid = get("/data/Event").body();
    assertThat(grid).contains("name=\"min.at\"").contains("name=\"max.at\"");
    assertThat(StudioSecurityIT.cells(get("/data/Event?min.at=2024-02-01&max.at=2024-06-01").body(), "title")).containsExactly("spring");
    assertThat(StudioSecurityIT.cells(get("/data/Event?min.at=2024-03-05T12:30:00").body(), "title")).containsExactly("spring", "summer");
    assertThat(StudioSecurityIT.cells(get("/data/Event?max.at=2024-03-05+12:29:59.999").body(), "title")).containsExactly("winter");
    assertThat(StudioSecurityIT.cells(get("/data/Event?min.at=2024-01-10T09:00:00&max.at=2024-06-20T18:45:00&sort=at&dir=desc").body(), "title"))
        .containsExactly("summer", "spring", "winter");
    String bad = get("/data/Event?min.at=2024-13-45").body();
    assertThat(bad).contains("id=\"error\"").contains("2024-13-45");
    assertThat(StudioSecurityIT.cells(bad, "title")).isEmpty();
  }

  @Test
  void the_typed_editors_write_date_times_and_bytes_and_refuse_malformed_ones(TestDatabase db) throws Exception {
    String editor = get("/data/Event/edit?k.id=1").body();
    assertThat(editor).contains("<input type=\"datetime-local\" step=\"0.001\" id=\"v-at\" name=\"v.at\" value=\"2024-01-10T09:00:00\">")
        .contains("id=\"v-payload\" name=\"v.payload\" value=\"\\x0102\" placeholder=\"\\x00ff (hex) or base64\"")
        .contains("<select id=\"v-kind\" name=\"v.kind\"><option value=\"USER\" selected>USER</option><option value=\"ADMIN\">ADMIN</option></select>")
        .contains("<select id=\"v-done\" name=\"v.done\"><option value=\"true\">true</option><option value=\"false\" selected>false</option></select>");
    String grid = get("/data/Event").body();
    assertThat(grid).contains("<select name=\"eq.kind\"><option value=\"\">any</option><option value=\"USER\">USER</option>"
        + "<option value=\"ADMIN\">ADMIN</option></select>")
        .contains("<select name=\"eq.done\"><option value=\"\">any</option><option value=\"true\">true</option><option value=\"false\">false</option></select>");
    assertThat(StudioSecurityIT.cells(get("/data/Event?eq.kind=ADMIN").body(), "title")).containsExactly("spring");
    assertThat(StudioSecurityIT.cells(get("/data/Event?eq.done=false").body(), "title")).containsExactly("winter", "summer");

    // A date-time, bytes as base64, the enum and the boolean, through the editor, the confirmation and the commit.
    String preview = post("/data/Event/preview", editorForm(1, java.util.Map.of("v.at", "2024-02-29T23:59:58.5", "v.payload", "AQID",
        "v.kind", "ADMIN", "v.done", "true"))).body();
    assertThat(preview).contains("id=\"sql\"").contains("UPDATE &quot;public&quot;.&quot;Event&quot; SET &quot;at&quot; = $1")
        .doesNotContain("&quot;title&quot; =");
    String committed = post("/data/Event/commit", hiddenInputs(preview, "confirm")).body();
    assertThat(committed).contains("1 row updated");
    assertThat(event(db, 1)).isEqualTo("2024-02-29 23:59:58.500|010203|ADMIN|t");
    assertThat(get("/data/Event/edit?k.id=1").body()).contains("value=\"2024-02-29T23:59:58.5\"").contains("value=\"\\x010203\"");

    // Bytes as hex into a NULL cell, and back to NULL.
    preview = post("/data/Event/preview", editorForm(2, java.util.Map.of("v.payload", "\\xDEADbeef"))).body();
    assertThat(post("/data/Event/commit", hiddenInputs(preview, "confirm")).body()).contains("1 row updated");
    assertThat(event(db, 2)).isEqualTo("2024-03-05 12:30:00.000|deadbeef|ADMIN|t");

    // Malformed values: refused plainly, with the field's name or PostgreSQL's message, and nothing written, not even the valid fields beside them.
    String spring = event(db, 2);
    for (String bytes : java.util.List.of("\\xZZ", "\\x123", "not base64!")) {
      String refused = post("/data/Event/preview", editorForm(2, java.util.Map.of("v.payload", bytes, "v.kind", "USER"))).body();
      assertThat(refused).as(bytes).contains("id=\"error\"").contains("`Event.payload` (Bytes?)").contains("is not bytes as hex (\\x00ff) or base64")
          .doesNotContain("id=\"confirm\"").doesNotContain("Exception");
      java.util.Map<String, String> forced = new java.util.HashMap<>(hiddenInputs(preview, "confirm"));
      forced.put("s.payload", bytes);
      forced.put("s.kind", "USER");
      String commit = post("/data/Event/commit", forced).body();
      assertThat(commit).as(bytes).contains("id=\"error\"").contains("is not bytes as hex").doesNotContain("1 row updated");
      assertThat(event(db, 2)).as(bytes).isEqualTo(spring);
    }
    for (String date : java.util.List.of("2024-02-30T10:00", "2024-01-10T25:61", "next tuesday", "")) {
      java.util.Map<String, String> form = editorForm(2, java.util.Map.of("v.at", date, "v.kind", "USER"));
      String confirm = post("/data/Event/preview", form).body();
      java.util.Map<String, String> commitForm = confirm.contains("id=\"confirm\"") ? hiddenInputs(confirm, "confirm")
          : new java.util.HashMap<>(java.util.Map.of("csrf", form.get("csrf"), "action", "update", "k.id", "2", "s.at", date, "s.kind", "USER"));
      String commit = confirm.contains("id=\"confirm\"") ? post("/data/Event/commit", commitForm).body() : confirm;
      assertThat(commit).as(date).contains("id=\"error\"").doesNotContain("1 row updated").doesNotContain("Exception");
      if (!date.isEmpty()) {
        // refused before any SQL is shown: the editor comes back with the value and what is wrong with it
        assertThat(confirm).as(date).doesNotContain("id=\"confirm\"").contains("id=\"editor\"")
            .contains("`Event.at` (DateTime): &quot;" + date + "&quot; is not a date-time like 2024-05-01 13:45:00");
      }
      assertThat(event(db, 2)).as(date).isEqualTo(spring);
    }
  }

  private HttpResponse<java.io.InputStream> postStreaming(String path, java.util.Map<String, String> form) throws Exception {
    return HTTP.send(formPost(path, form), HttpResponse.BodyHandlers.ofInputStream());
  }

  private HttpResponse<String> post(String path, java.util.Map<String, String> form) throws Exception {
    return HTTP.send(formPost(path, form), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest formPost(String path, java.util.Map<String, String> form) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    form.forEach((k, v) -> parts.add(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8) + "="
        + java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
    return HttpRequest.newBuilder(URI.create(studio.baseUrl() + path)).header("Cookie", cookie).header("Origin", studio.baseUrl())
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(String.join("&", parts))).build();
  }

  private static dev.strata.ShadowDatabases.Lease embeddedShadow() {
    dev.strata.embedded.ShadowDatabase db = dev.strata.embedded.ShadowDatabase.create();
    java.sql.Connection connection = db.connect();
    return new dev.strata.ShadowDatabases.Lease() {
      @Override
      public java.sql.Connection connection() {
        return connection;
      }

      @Override
      public String description() {
        return db.toString();
      }

      @Override
      public void close() {
        try {
          connection.close();
        } catch (java.sql.SQLException e) {
          // the database is dropped next, with its sessions
        }
        db.close();
      }
    };
  }

  private static boolean exists(String database) throws java.sql.SQLException {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + database + "'")) {
      rs.next();
      return rs.getInt(1) == 1;
    }
  }

  private static String field(String page, String name) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(page);
    assertThat(m.find()).as(name + " in " + page).isTrue();
    return m.group(1);
  }

  @Test
  void deploys_rolls_back_and_resolves_behind_a_confirmation_that_shows_what_runs(TestDatabase db) throws Exception {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    Path init = dir.resolve("prisma/migrations/20240101000000_init");
    Files.writeString(init.resolve("down.sql"), "DROP TABLE \"Later\";\n");
    String page = get("/migrations").body();
    assertThat(page).contains("CREATE TABLE &quot;Later&quot; (id int);").contains("DROP TABLE &quot;Later&quot;;").contains("id=\"deploy\"");

    String confirm = get("/migrations/deploy").body();
    assertThat(confirm).contains("id=\"will-run\"").contains("-- 20240101000000_init (1 statement)").contains("CREATE TABLE &quot;Later&quot;");
    String csrf = field(confirm, "csrf");
    String shown = field(confirm, "shown");
    // A migration added after the confirmation was shown: the confirmation is stale, nothing runs.
    Path more = dir.resolve("prisma/migrations/20240102000000_more");
    Files.createDirectories(more);
    Files.writeString(more.resolve("migration.sql"), "CREATE TABLE \"More\" (id int);\n");
    Files.writeString(more.resolve("down.sql"), "DROP TABLE \"More\";\n");
    HttpResponse<String> stale = post("/migrations/deploy", java.util.Map.of("csrf", csrf, "shown", shown));
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(db.queryValue("SELECT to_regclass('public.\"Later\"') IS NULL")).contains("t");
    confirm = get("/migrations/deploy").body();
    assertThat(confirm).contains("20240102000000_more").contains("CREATE TABLE &quot;More&quot;");
    // outside the project's maintenance window (strata.toml), the deploy from the page refuses too
    studio.stop();
    studio = Studio.start(Strata.configure().project(dir).url(strata.config().url().orElseThrow()).load(), Studio.Options.defaults().port(0));
    cookie = StudioSecurityIT.login(studio);
    confirm = get("/migrations/deploy").body();
    csrf = field(confirm, "csrf");
    java.time.ZonedDateTime now = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC);
    Files.writeString(dir.resolve("strata.toml"), String.format("[deploy]%nwindow = \"%02d:00-%02d:00\"%n",
        now.minusHours(3).getHour(), now.minusHours(2).getHour()));
    HttpResponse<String> outside = post("/migrations/deploy", java.util.Map.of("csrf", csrf, "shown", field(confirm, "shown")));
    assertThat(outside.body()).contains("outside the maintenance window").contains("opens next on");
    assertThat(db.queryValue("SELECT to_regclass('public.\"Later\"') IS NULL")).contains("t");
    Files.delete(dir.resolve("strata.toml"));
    HttpResponse<String> done = post("/migrations/deploy", java.util.Map.of("csrf", csrf, "shown", field(confirm, "shown")));
    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(done.body()).contains("Applied 20240101000000_init, 20240102000000_more");
    assertThat(db.queryValue("SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL")).contains("2");

    String down = get("/migrations/down?steps=1").body();
    assertThat(down).contains("20240102000000_more: down.sql").contains("DROP TABLE &quot;More&quot;;")
        .doesNotContain("DROP TABLE &quot;Later&quot;");
    java.util.Map<String, String> form = new java.util.HashMap<>(java.util.Map.of("csrf", csrf, "steps", "1", "shown", field(down, "shown")));
    if (down.contains("accept-data-loss")) {
      HttpResponse<String> refused = post("/migrations/down", form);
      assertThat(refused.body()).contains("id=\"error\"");
      assertThat(db.queryValue("SELECT to_regclass('public.\"More\"') IS NOT NULL")).contains("t");
      form.put("accept-data-loss", "yes");
    }
    HttpResponse<String> rolled = post("/migrations/down", form);
    assertThat(rolled.body()).contains("Rolled back 20240102000000_more");
    assertThat(db.queryValue("SELECT to_regclass('public.\"More\"') IS NULL")).contains("t");

    String resolve = get("/migrations/resolve?migration=20240102000000_more&as=APPLIED").body();
    assertThat(resolve).contains("records 20240102000000_more as applied in _prisma_migrations without running its SQL");
    HttpResponse<String> resolved = post("/migrations/resolve",
        java.util.Map.of("csrf", csrf, "migration", "20240102000000_more", "as", "APPLIED", "shown", field(resolve, "shown")));
    assertThat(resolved.body()).contains("20240102000000_more is now marked applied");
    assertThat(db.queryValue("SELECT to_regclass('public.\"More\"') IS NULL")).contains("t");
    assertThat(get("/migrations").body()).contains("up to date");

    String drift = get("/migrations/drift").body();
    assertThat(drift).contains("Schema → database").contains("id=\"schema-drift\"").contains("CREATE TABLE").contains("id=\"history-drift\"");
  }


  @Test
  void the_data_pages_keep_a_few_pooled_connections_and_close_them_on_stop(TestDatabase db) throws Exception {
    for (int i = 0; i < 20; i++) {
      assertThat(get("/data/User?min.id=" + i).statusCode()).isEqualTo(200);
    }
    String sessions = "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'strata studio' AND datname = current_database()";
    long open = Long.parseLong(db.queryValue(sessions).orElseThrow().strip());
    assertThat(open).as("pooled connections after 20 grid pages").isBetween(1L, (long) StudioPool.SIZE);
    studio.stop();
    long closed = open;
    for (int i = 0; i < 50 && closed > 0; i++) {
      Thread.sleep(100);
      closed = Long.parseLong(db.queryValue(sessions).orElseThrow().strip());
    }
    assertThat(closed).as("connections left after stop").isZero();
  }

  @Test
  void a_slow_contains_page_suggests_a_trigram_index_with_its_sql() throws Exception {
    assertThat(get("/data/User?c.email=u1").body()).as("a fast page: no hint").doesNotContain("id=\"slow-contains\"");
    java.time.Duration before = DataPages.slowContains;
    DataPages.slowContains = java.time.Duration.ZERO;
    try {
      String page = get("/data/User?c.email=u1&sort=id&dir=desc").body();
      assertThat(page).contains("id=\"slow-contains\"").contains("a &quot;contains&quot; filter (email)")
          .contains("CREATE EXTENSION IF NOT EXISTS pg_trgm;")
          .contains("CREATE INDEX CONCURRENTLY &quot;users_email_trgm_idx&quot; ON &quot;public&quot;.&quot;users&quot; USING gin (&quot;email&quot; gin_trgm_ops);")
          .contains("u1@x.io");
      assertThat(get("/data/User?eq.id=1").body()).as("no contains filter: no hint").doesNotContain("id=\"slow-contains\"");
    } finally {
      DataPages.slowContains = before;
    }
  }

  @Test
  void the_migrations_page_lints_each_migration_and_the_drift_page_compares_schema_history_and_database() throws Exception {
    Path index = dir.resolve("prisma/migrations/20240102000000_index");
    Files.createDirectories(index);
    Files.writeString(index.resolve("migration.sql"), "CREATE INDEX \"users_name_idx\" ON \"users\" (\"name\");\n");
    String page = get("/migrations").body();
    assertThat(page).contains("id=\"lint-summary\"").doesNotContain("id=\"lint-problem\"").contains("2 warnings");
    // Each migration's findings under it: the index's LN020 with the CONCURRENTLY fix, not under init.
    String indexLint = page.substring(page.indexOf("id=\"lint-20240102000000_index\""));
    assertThat(indexLint.substring(0, indexLint.indexOf("</table>"))).contains("LN020 index-not-concurrent")
        .contains("CREATE INDEX CONCURRENTLY &quot;users_name_idx&quot;");
    String initLint = page.substring(page.indexOf("id=\"lint-20240101000000_init\""));
    assertThat(initLint.substring(0, initLint.indexOf("</table>"))).contains("LN056").doesNotContain("LN020");
    // The history is replayed in a shadow database: the embedded server's, as the CLI gives them out. The index
    // migration cannot replay (users is not created by the folder): it goes.
    Files.delete(index.resolve("migration.sql"));
    Files.delete(index);
    studio.stop();
    Strata withShadows = Strata.configure().url(strata.config().url().orElseThrow()).schema(dir.resolve("prisma/schema.prisma"))
        .shadowDatabases(StudioPagesIT::embeddedShadow).load();
    studio = Studio.start(withShadows, Studio.Options.defaults().port(0));
    cookie = StudioSecurityIT.login(studio);
    String drift = get("/migrations/drift").body();
    // The folder builds only "Later"; the schema has users and Post.
    assertThat(drift).contains("Schema → migrations history").contains("id=\"schema-history-drift\"");
    String schemaHistory = drift.substring(drift.indexOf("id=\"schema-history-drift\""));
    assertThat(schemaHistory).contains("CREATE TABLE &quot;users&quot;");
  }

  @Test
  void creates_and_verifies_a_backup_from_the_page() throws Exception {
    String name = "studio2_backups_" + Long.toHexString(System.nanoTime());
    String restored = name + "_restored";
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
      c.createStatement().execute("CREATE DATABASE " + name);
    } catch (java.sql.SQLException e) {
      org.junit.jupiter.api.Assumptions.abort("No local PostgreSQL at 127.0.0.1:5432 for the backup page (" + e.getMessage() + ").");
    }
    try {
      Strata local = Strata.configure().url("postgresql://postgres@127.0.0.1:5432/" + name).schema(dir.resolve("prisma/schema.prisma")).load();
      local.pushSchema();
      studio.stop();
      Path backups = dir.resolve("the-backups");
      studio = Studio.start(local, Studio.Options.defaults().port(0).backups(dev.strata.backup.BackupSettings.defaults(backups)));
      cookie = StudioSecurityIT.login(studio);
      String page = get("/backups").body();
      assertThat(page).contains("No backups yet.").contains("create-backup");
      HttpResponse<String> created = post("/backups/create", java.util.Map.of("csrf", field(page, "csrf"), "label", "from-the-page"));
      if (created.body().contains("No pg_dump")) {
        org.junit.jupiter.api.Assumptions.abort("No pg_dump fit for the local server: " + created.body());
      }
      assertThat(created.body()).contains("id=\"result\"").contains("taken in").contains("users").contains("id=\"progress\"")
          .doesNotContain(StudioFixture.PASSWORD);
      page = get("/backups").body();
      assertThat(page).contains("from-the-page").contains("not verified").contains("verify-checksums");
      String id = field(page.substring(page.indexOf("action=\"/backups/verify\"")), "id");
      HttpResponse<String> verified = post("/backups/verify", java.util.Map.of("csrf", field(page, "csrf"), "id", id, "level", "CHECKSUMS"));
      assertThat(verified.body()).contains("Verified at checksums level");
      assertThat(get("/backups").body()).contains("verified (checksums");

      // Restore: only into a new database, behind a confirmation that names it and lists the tables.
      String existing = get("/backups/restore?id=" + id + "&database=" + name).body();
      assertThat(existing).contains("exists: the studio restores only into a new database").doesNotContain("method=\"post\" action=\"/backups/restore\"");
      String confirm = get("/backups/restore?id=" + id + "&database=" + restored).body();
      assertThat(confirm).contains("id=\"will-run\"").contains("creates the database " + restored).contains("id=\"restore-tables\"")
          .contains("users").doesNotContain(StudioFixture.PASSWORD).doesNotContain("estimated-rows").doesNotContain("≈");
      java.util.Map<String, String> form = java.util.Map.of("csrf", field(page, "csrf"), "id", id, "database", restored, "shown",
          field(confirm, "shown"));
      java.util.Map<String, String> stale = new java.util.HashMap<>(form);
      stale.put("shown", "0".repeat(64));
      assertThat(post("/backups/restore", stale).statusCode()).isEqualTo(409);
      assertThat(exists(restored)).isFalse();
      HttpResponse<String> done = post("/backups/restore", form);
      assertThat(done.body()).contains("id=\"result\"").contains("Restored " + id + " into " + restored).contains("every row count and hash matches");
      assertThat(exists(restored)).isTrue();
      assertThat(post("/backups/restore", form).statusCode()).as("the same confirmation again: the database exists now").isEqualTo(409);

      // Prune: two more backups on the same day; the plan lists what goes and why, and deletes exactly that.
      // The page shows the progress while the backup runs: with the users table locked pg_dump
      // waits, and the page has already said the backup started, before any result.
      try (java.sql.Connection locker = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + name, "postgres", "")) {
        locker.setAutoCommit(false);
        // a page that is not streamed would wait for the lock: the server ends it after 20 s, so
        // the test fails below instead of hanging
        locker.createStatement().execute("SET idle_in_transaction_session_timeout = '20s'");
        locker.createStatement().execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
        HttpResponse<java.io.InputStream> streaming = postStreaming("/backups/create", java.util.Map.of("csrf", field(page, "csrf"), "label", "second"));
        java.io.Reader reader = new java.io.InputStreamReader(streaming.body(), java.nio.charset.StandardCharsets.UTF_8);
        StringBuilder seen = new StringBuilder();
        char[] buffer = new char[4096];
        while (seen.indexOf("</li>") < 0) {
          int n = reader.read(buffer);
          assertThat(n).as("the page ended before showing any progress: %s", seen).isPositive();
          seen.append(buffer, 0, n);
        }
        assertThat(seen.toString()).contains("id=\"progress\"").contains("Backup start").doesNotContain("id=\"result\"")
            .doesNotContain("</html>");
        locker.rollback();
        for (int n; (n = reader.read(buffer)) > 0; ) {
          seen.append(buffer, 0, n);
        }
        assertThat(seen.toString()).as("the rest of the page, once the lock is gone").contains("id=\"result\"").contains("taken in")
            .endsWith("</html>");
      }
      post("/backups/create", java.util.Map.of("csrf", field(page, "csrf"), "label", "third"));
      String plan = get("/backups/prune").body();
      assertThat(plan).contains("id=\"prune-delete\"").contains("id=\"prune-keep\"").contains("This deletes");
      String toDelete = plan.substring(plan.indexOf("id=\"prune-delete\""), plan.indexOf("id=\"prune-keep\""));
      java.util.regex.Matcher gone = java.util.regex.Pattern.compile("<td>([^<]+)</td><td>second</td>").matcher(toDelete);
      assertThat(gone.find()).as("the second backup is pruned: " + plan).isTrue();
      assertThat(post("/backups/prune", java.util.Map.of("csrf", field(page, "csrf"), "shown", "0".repeat(64))).statusCode()).isEqualTo(409);
      assertThat(get("/backups").body()).contains(gone.group(1));
      HttpResponse<String> pruned = post("/backups/prune", java.util.Map.of("csrf", field(page, "csrf"), "shown", field(plan, "shown")));
      assertThat(pruned.body()).contains("id=\"result\"").contains("Deleted " ).contains(gone.group(1));
      assertThat(get("/backups").body()).doesNotContain(gone.group(1)).contains("third").contains("from-the-page");

      // A --no-hash backup holds the statistics' estimates, not counts: the pages mark them as such.
      studio.stop();
      studio = Studio.start(local, Studio.Options.defaults().port(0).backups(dev.strata.backup.BackupSettings.defaults(backups).withHash(false)));
      cookie = StudioSecurityIT.login(studio);
      page = get("/backups").body();
      HttpResponse<String> unhashed = post("/backups/create", java.util.Map.of("csrf", field(page, "csrf"), "label", "unhashed"));
      assertThat(unhashed.body()).contains("id=\"result\"").contains("<td>≈ ");
      page = get("/backups").body();
      java.util.regex.Matcher unhashedId = java.util.regex.Pattern.compile("<td>([^<]+)</td><td>unhashed</td>").matcher(page);
      assertThat(unhashedId.find()).as(page).isTrue();
      assertThat(get("/backups/restore?id=" + unhashedId.group(1) + "&database=" + restored + "_2").body())
          .contains("id=\"estimated-rows\"").contains("<td>≈ ");
    } finally {
      try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
        c.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        c.createStatement().execute("DROP DATABASE IF EXISTS " + restored + " WITH (FORCE)");
      }
    }
  }
}
