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

/** The studio's pages over HTTP: export as JSON and CSV, typed filters, hidden columns, schema and migrations pages. */
@StrataDatabase
class StudioPagesIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @TempDir Path dir;
  Studio studio;
  String cookie;

  @BeforeEach
  void start(TestDatabase db) throws Exception {
    Strata strata = StudioFixture.project(db, dir, 12);
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
    assertThat(get("/health").body()).contains("Health — coming");
  }
}
