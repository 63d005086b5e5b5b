package dev.strata.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The studio in a real browser: Debian's Chromium, headless, driven by Selenium. Without Chromium
 * and its driver ({@code apt-get install chromium chromium-driver}) these tests say so and step aside.
 * Screenshots of the main pages go to {@code target/studio-screenshots/}.
 */
@StrataDatabase
class StudioBrowserIT {
  static final Path SCREENSHOTS = Path.of("target", "studio-screenshots");

  @TempDir Path dir;
  TestDatabase db;
  Studio studio;
  WebDriver browser;
  WebDriverWait wait;

  @BeforeEach
  void start(TestDatabase db) throws Exception {
    browser = Chromium.startOrSkip();
    this.db = db;
    Strata strata = StudioFixture.project(db, dir, 30);
    db.execute("UPDATE users SET profile = '{\"city\": \"Lyon\"}' WHERE id = 4");
    studio = Studio.start(strata, Studio.Options.defaults().port(0));
    wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (studio != null) {
      studio.stop();
    }
  }

  private void screenshot(String name) throws Exception {
    Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  private List<String> column(String field) {
    return browser.findElements(By.cssSelector("#rows tbody td[data-field='" + field + "']")).stream().map(WebElement::getText).toList();
  }

  private void go(String path) {
    browser.get(studio.baseUrl() + path);
  }

  @Test
  void opens_a_model_filters_pages_and_follows_relations() throws Exception {
    browser.get(studio.url());
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("models")));
    assertThat(browser.getCurrentUrl()).doesNotContain("token=");
    assertThat(browser.findElement(By.id("models")).getText()).contains("User").contains("public.users").contains("Post");
    screenshot("models");

    browser.findElement(By.linkText("User")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rows")));
    assertThat(column("email")).hasSize(30).startsWith("u1@x.io", "u2@x.io");
    screenshot("grid");

    WebElement contains = browser.findElement(By.name("c.email"));
    contains.sendKeys("u2");
    browser.findElement(By.id("apply-filters")).click();
    wait.until(ExpectedConditions.urlContains("c.email=u2"));
    assertThat(column("email")).containsExactly("u2@x.io", "u20@x.io", "u21@x.io", "u22@x.io", "u23@x.io", "u24@x.io", "u25@x.io",
        "u26@x.io", "u27@x.io", "u28@x.io", "u29@x.io");
    screenshot("grid-filtered");

    new org.openqa.selenium.support.ui.Select(browser.findElement(By.name("eq.role"))).selectByValue("ADMIN");
    browser.findElement(By.id("apply-filters")).click();
    wait.until(ExpectedConditions.urlContains("eq.role=ADMIN"));
    assertThat(column("email")).containsExactly("u21@x.io", "u24@x.io", "u27@x.io");

    // Sort by email descending, ten a page: the keyset cursor walks on.
    go("/data/User?limit=10");
    browser.findElement(By.cssSelector("th[data-field='email'] a.sort")).click();
    wait.until(ExpectedConditions.urlContains("sort=email"));
    browser.findElement(By.cssSelector("th[data-field='email'] a.sort")).click();
    wait.until(ExpectedConditions.urlContains("dir=desc"));
    List<String> first = column("email");
    assertThat(first).hasSize(10).startsWith("u9@x.io", "u8@x.io");
    browser.findElement(By.id("next-page")).click();
    wait.until(ExpectedConditions.urlContains("after="));
    List<String> second = column("email");
    assertThat(second).hasSize(10).doesNotContainAnyElementsOf(first);
    assertThat(first.get(9).compareTo(second.get(0))).isPositive();

    // Hide a column.
    go("/data/User");
    browser.findElement(By.cssSelector("#columns summary")).click();
    browser.findElement(By.cssSelector("#columns input[data-field='profile']")).click();
    browser.findElement(By.id("apply-filters")).click();
    wait.until(ExpectedConditions.urlContains("cols=1"));
    assertThat(browser.findElements(By.cssSelector("th[data-field='profile']"))).isEmpty();
    assertThat(column("email")).hasSize(30);

    // A post's author is a link to the user; the user lists the posts that refer to them.
    go("/data/Post");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("td[data-field='authorId'] a.relation"))).click();
    wait.until(ExpectedConditions.urlContains("/data/User"));
    assertThat(column("email")).containsExactly("u1@x.io");
    browser.findElement(By.cssSelector("a.open")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("back-relations")));
    screenshot("record");
    browser.findElement(By.partialLinkText("Post where authorId = 1")).click();
    wait.until(ExpectedConditions.urlContains("/data/Post"));
    assertThat(column("title")).containsExactly("Hello", "Again");
  }

  @Test
  void edits_a_cell_shows_the_sql_and_rejects_bad_edits() throws Exception {
    browser.get(studio.url());
    go("/data/User/row?k.id=2");
    browser.findElement(By.id("edit-row")).click();
    WebElement name = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("v-name")));
    name.clear();
    name.sendKeys("Grace O'Hopper");
    browser.findElement(By.id("review")).click();
    WebElement sql = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sql")));
    assertThat(sql.getText()).startsWith("UPDATE \"public\".\"users\" SET \"name\" = $1 WHERE \"id\" = $2")
        .contains("-- $1 = 'Grace O''Hopper'");
    screenshot("edit-sql");
    assertThat(db.queryValue("SELECT name FROM users WHERE id = 2")).contains("name 2");
    browser.findElement(By.id("commit")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("committed")));
    assertThat(db.queryValue("SELECT name FROM users WHERE id = 2")).contains("Grace O'Hopper");

    // A unique violation: PostgreSQL's message, plainly, and nothing changed.
    go("/data/User/edit?k.id=3");
    WebElement email = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("v-email")));
    email.clear();
    email.sendKeys("u1@x.io");
    browser.findElement(By.id("review")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("commit"))).click();
    WebElement error = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error")));
    assertThat(error.getText()).contains("duplicate key value violates unique constraint").contains("Nothing was changed");
    assertThat(browser.getTitle()).startsWith("Not committed");
    screenshot("edit-error");
    assertThat(db.queryValue("SELECT email FROM users WHERE id = 3")).contains("u3@x.io");
    // Back to the editor with what was typed, changed there, and committed.
    assertThat(browser.findElement(By.id("commit")).getText()).isEqualTo("Try again");
    browser.findElement(By.id("change")).click();
    email = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("v-email")));
    assertThat(email.getAttribute("value")).isEqualTo("u1@x.io");
    email.clear();
    email.sendKeys("u3-new@x.io");
    browser.findElement(By.id("review")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("commit"))).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("committed")));
    assertThat(db.queryValue("SELECT email FROM users WHERE id = 3")).contains("u3-new@x.io");

    // Not JSON: the browser stops it, and the server refuses it too.
    go("/data/User/edit?k.id=4");
    WebElement profile = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("v-profile")));
    profile.clear();
    profile.sendKeys("{\"city\": ");
    browser.findElement(By.id("review")).click();
    assertThat(browser.getCurrentUrl()).contains("/edit");
    assertThat(browser.findElements(By.id("sql"))).isEmpty();
    assertThat(db.queryValue("SELECT profile::text FROM users WHERE id = 4")).contains("{\"city\": \"Lyon\"}");

    // Insert, then delete, through the pages.
    go("/data/User/new");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("v-email"))).sendKeys("new@x.io");
    browser.findElement(By.id("review")).click();
    assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sql"))).getText())
        .startsWith("INSERT INTO \"public\".\"users\" (\"email\") VALUES ($1) RETURNING");
    browser.findElement(By.id("commit")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("to-row"))).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("delete-row"))).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("commit"))).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("committed")));
    assertThat(db.queryValue("SELECT count(*) FROM users WHERE email = 'new@x.io'")).contains("0");
  }

  @Test
  void shows_the_schema_diagram_and_the_migrations() throws Exception {
    browser.get(studio.url());
    go("/schema");
    WebElement erd = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("erd")));
    assertThat(erd.findElements(By.cssSelector("a.erd-model"))).hasSize(2);
    List<WebElement> relations = erd.findElements(By.cssSelector("path.relation"));
    assertThat(relations).hasSize(1);
    assertThat(relations.get(0).getAttribute("data-from")).isEqualTo("Post.authorId");
    assertThat(relations.get(0).getAttribute("data-to")).isEqualTo("User.id");
    assertThat(relations.get(0).getAttribute("marker-start")).isEqualTo("url(#erd-many)");
    // drawn from Post's left edge (Post is right of User) to User's right edge
    assertThat(relations.get(0).getAttribute("d")).matches("M(\\d+),\\d+ C.*");
    assertThat(browser.getPageSource()).contains("People who write posts.").contains("Where we write to them.");
    screenshot("schema");
    browser.findElement(By.cssSelector("a.erd-model[data-model='Post'] text")).click();
    wait.until(ExpectedConditions.urlContains("#model-Post"));

    go("/migrations");
    assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("verdict"))).getText()).contains("up to date");
    screenshot("migrations");
  }

  @Test
  void deploys_behind_a_confirmation_that_shows_what_will_run() throws Exception {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    Path init = dir.resolve("prisma/migrations/20240101000000_init");
    Files.createDirectories(init);
    Files.writeString(init.resolve("migration.sql"), "CREATE TABLE \"Later\" (id int);\n");
    Files.writeString(init.resolve("down.sql"), "DROP TABLE \"Later\";\n");
    browser.get(studio.url());
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("models")));
    go("/migrations");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("migrations")));
    assertThat(browser.findElement(By.id("migrations")).getText()).contains("20240101000000_init").contains("pending");
    screenshot("migrations-pending");
    // Its lint findings: counted in the row ("Later" has no primary key), listed under the migration's SQL.
    assertThat(browser.findElement(By.cssSelector("#migrations td.lint-count")).getText()).contains("warning");
    browser.findElement(By.cssSelector("#sql-20240101000000_init summary")).click();
    assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lint-20240101000000_init"))).getText())
        .contains("LN056 table-without-primary-key");
    screenshot("migrations-lint");
    browser.findElement(By.id("deploy")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("will-run")));
    assertThat(browser.findElement(By.id("will-run")).getText()).contains("-- 20240101000000_init").contains("CREATE TABLE \"Later\" (id int);");
    assertThat(db.queryValue("SELECT to_regclass('public.\"Later\"') IS NULL")).contains("t");
    screenshot("deploy-confirm");
    browser.findElement(By.id("confirm")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("result")));
    assertThat(browser.findElement(By.id("result")).getText()).contains("Applied 20240101000000_init");
    // the deploy's own steps, as they were streamed into the page, before the result
    assertThat(browser.findElement(By.id("progress")).getText()).contains("Applying migration `20240101000000_init`")
        .contains("Applied migration `20240101000000_init`");
    assertThat(db.queryValue("SELECT to_regclass('public.\"Later\"') IS NOT NULL")).contains("t");
    screenshot("deploy-done");
    go("/migrations");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
    assertThat(browser.findElement(By.id("verdict")).getText()).contains("up to date");
    go("/health");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("checks")));
    screenshot("health");
  }
}
