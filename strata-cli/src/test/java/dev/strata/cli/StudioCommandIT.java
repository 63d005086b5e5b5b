package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata studio}: starts the studio on 127.0.0.1, prints its tokened address, serves until stopped. */
@StrataDatabase
class StudioCommandIT {
  private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/\\?token=[A-Za-z0-9_-]+");

  @TempDir Path dir;

  @Test
  void starts_the_studio_and_prints_its_address_with_a_token(TestDatabase db) throws Exception {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public; CREATE TABLE \"Item\" (id serial PRIMARY KEY, label text NOT NULL);"
        + "INSERT INTO \"Item\" (label) VALUES ('first-item');");
    Files.createDirectories(dir.resolve("prisma"));
    Files.writeString(dir.resolve("prisma/schema.prisma"), """
        datasource db {
          provider = "postgresql"
        }

        model Item {
          id    Int    @id @default(autoincrement())
          label String
        }
        """);
    String url = db.url().replaceFirst("://([^@/:]+)@", "://$1:hidden-pw@");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext(dir, Map.of("DATABASE_URL", url), new PrintWriter(out, true), new PrintWriter(err, true),
        new ByteArrayInputStream(new byte[0]), false);
    AtomicInteger exit = new AtomicInteger(-1);
    Thread running = new Thread(() -> exit.set(StrataCli.run(ctx, "studio", "--port", "0", "--no-open", "--read-only")));
    running.setDaemon(true);
    running.start();
    Matcher found = URL.matcher("");
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline && !(found = URL.matcher(out.toString())).find()) {
      Thread.sleep(50);
    }
    assertThat(out.toString()).as(err.toString()).containsPattern(URL).contains("read-only").doesNotContain("hidden-pw");
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(found.group())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(303);
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + found.group(1) + "/data/Item"))
        .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("first-item").doesNotContain("hidden-pw");
    running.interrupt();
    running.join(10_000);
    assertThat(exit.get()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void docs_with_a_url_gives_each_tables_rows_and_size(TestDatabase db) throws Exception {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public; CREATE TABLE \"Item\" (id serial PRIMARY KEY, label text NOT NULL);"
        + "INSERT INTO \"Item\" (label) VALUES ('a'), ('b');");
    Files.createDirectories(dir.resolve("prisma"));
    Files.writeString(dir.resolve("prisma/schema.prisma"), """
        datasource db {
          provider = "postgresql"
        }

        model Item {
          id    Int    @id @default(autoincrement())
          label String
        }
        """);
    CliRun run = CliRun.in(dir, "docs", "--url", db.url());
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(Files.readString(dir.resolve("docs/schema/README.md"))).containsPattern("Table `public.Item`\\. About 2 rows, [0-9.]+ KiB\\.");
  }

  @Test
  void refuses_a_port_out_of_range() {
    CliRun run = CliRun.in(dir, "studio", "--port", "70000", "--no-open");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--port 70000 is not a TCP port");
  }
}
