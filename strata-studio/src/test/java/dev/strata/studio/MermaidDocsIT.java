package dev.strata.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.SchemaDocs;
import dev.strata.Strata;
import dev.strata.embedded.SharedData;
import dev.strata.prisma.docs.DocsPages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code strata docs} diagrams drawn by Mermaid itself, in Chromium: every Mermaid block of every
 * corpus project's Markdown page renders (Mermaid's own grammar, not ours) into an SVG that shows
 * each model, and the HTML page draws its diagram with the exact Mermaid release it pins. The
 * release is the npm package the build fetches and checks ({@code strata-studio/pom.xml}).
 */
class MermaidDocsIT {
  static final Path MERMAID = Path.of(System.getProperty("strata.mermaid.js", "target/mermaid/package/dist/mermaid.min.js"));

  @TempDir Path dir;
  WebDriver browser;

  @BeforeEach
  void start() {
    browser = Chromium.startOrSkip();
    if (!Files.isRegularFile(MERMAID)) {
      String why = "Mermaid browser tests skipped: " + MERMAID + " is missing (the build fetches it when tests run: mvn -pl strata-studio verify).";
      System.err.println(why);
      Assumptions.abort(why);
    }
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void every_corpus_diagram_renders_in_mermaid_with_every_model() throws Exception {
    Path corpus = SharedData.corpus();
    List<Path> schemas = SharedData.corpusSchemas();
    assertThat(schemas).hasSizeGreaterThanOrEqualTo(8);
    browser.get(writeHarness(dir.resolve("harness.html")).toUri().toString());
    Map<String, String> failures = new TreeMap<>();
    int blocks = 0;
    int models = 0;
    for (Path schema : schemas) {
      String project = corpus.relativize(schema).getName(0).toString();
      Strata strata = Strata.of(Strata.configure().schema(schema).workingDirectory(corpus).withoutDatabase().build());
      SchemaDocs docs = strata.schemaDocs();
      String page = strata.checkDocs(dir.resolve(project), SchemaDocs.Format.MARKDOWN).content();
      StringBuilder svgs = new StringBuilder();
      List<String> problems = new ArrayList<>();
      List<String> mermaidBlocks = mermaidBlocks(page);
      if (mermaidBlocks.isEmpty()) {
        problems.add("no mermaid block");
      }
      for (String block : mermaidBlocks) {
        blocks++;
        Map<?, ?> drawn = render(block, "d" + blocks);
        if (drawn.get("error") != null) {
          problems.add("Mermaid: " + drawn.get("error"));
        } else {
          svgs.append(drawn.get("svg"));
        }
      }
      for (SchemaDocs.Model model : docs.models()) {
        models++;
        if (!svgs.isEmpty() && !svgs.toString().contains(">" + model.name() + "<")) {
          problems.add("model " + model.name() + " is not drawn");
        }
      }
      if (!problems.isEmpty()) {
        failures.put(project, String.join("; ", problems));
      }
    }
    System.out.printf("[strata] Mermaid %s in Chromium: %d diagrams of %d corpus projects rendered, %d models drawn, %d failures%n",
        DocsPages.MERMAID_VERSION, blocks, schemas.size(), models, failures.size());
    assertThat(failures).isEmpty();
  }

  @Test
  void a_block_mermaid_rejects_is_reported_not_drawn() {
    browser.get(writeHarness(dir.resolve("harness.html")).toUri().toString());
    // a relationship without its label: Mermaid's erDiagram grammar requires one
    assertThat(render("erDiagram\n    A ||--o{ B\n", "bad").get("error")).asString().contains("Parse error");
    assertThat(render("erDiagram\n    A ||--o{ B : \"has\"\n", "good").get("svg")).asString().contains("<svg");
  }

  @Test
  void the_html_page_pins_this_mermaid_and_draws_its_diagram_with_it() throws Exception {
    assertThat(DocsPages.MERMAID_VERSION).isEqualTo(System.getProperty("strata.mermaid.version", DocsPages.MERMAID_VERSION));
    Path schema = Files.createDirectories(dir.resolve("prisma")).resolve("schema.prisma");
    Files.writeString(schema, """
        datasource db {
          provider = "postgresql"
        }

        /// Someone who writes.
        model User {
          id    Int    @id @default(autoincrement())
          email String @unique
          posts Post[]
        }

        model Post {
          id       Int  @id
          author   User @relation(fields: [authorId], references: [id])
          authorId Int
        }
        """);
    Strata strata = Strata.of(Strata.configure().schema(schema).workingDirectory(dir).withoutDatabase().build());
    String html = strata.checkDocs(dir.resolve("docs"), SchemaDocs.Format.HTML).content();
    String sri = "sha384-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-384").digest(Files.readAllBytes(MERMAID)));
    String pinned = "https://cdn.jsdelivr.net/npm/mermaid@" + DocsPages.MERMAID_VERSION + "/dist/mermaid.min.js\" integrity=\"" + sri + "\"";
    assertThat(html).contains(pinned + " crossorigin=\"anonymous\"");
    // The same page with the script taken from the fetched package instead of the CDN (this machine is offline).
    Path page = dir.resolve("index.html");
    Files.writeString(page, html.replace(pinned + " crossorigin=\"anonymous\"", MERMAID.toUri() + "\""));
    browser.get(page.toUri().toString());
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("pre.mermaid svg")));
    String drawn = browser.findElement(By.cssSelector("pre.mermaid")).getAttribute("innerHTML");
    assertThat(drawn).contains(">User<").contains(">Post<").contains(">author<");
    Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.createDirectories(StudioBrowserIT.SCREENSHOTS);
    Files.copy(shot, StudioBrowserIT.SCREENSHOTS.resolve("docs-html.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static Path writeHarness(Path harness) {
    try {
      return Files.writeString(harness, "<!doctype html><html><body><script src=\"" + MERMAID.toUri()
          + "\"></script><script>mermaid.initialize({startOnLoad: false});</script></body></html>");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Mermaid's {@code render} of one diagram: {@code {svg}} or {@code {error}}. */
  private Map<?, ?> render(String diagram, String id) {
    Object result = ((JavascriptExecutor) browser).executeAsyncScript(
        "const [text, id, done] = arguments;"
            + "mermaid.render(id, text).then(r => done({svg: r.svg}), e => done({error: String((e && e.message) || e)}));",
        diagram, id);
    return (Map<?, ?>) result;
  }

  /** Every {@code ```mermaid} block of a Markdown page, in order. */
  static List<String> mermaidBlocks(String page) {
    List<String> blocks = new ArrayList<>();
    for (int start = page.indexOf("```mermaid\n"); start >= 0; start = page.indexOf("```mermaid\n", start + 1)) {
      int end = page.indexOf("\n```", start + 11);
      blocks.add(page.substring(start + 11, end + 1));
      start = end;
    }
    return blocks;
  }
}
