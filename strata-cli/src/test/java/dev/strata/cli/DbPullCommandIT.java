package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@StrataDatabase
class DbPullCommandIT {
  private static final String TABLES =
      """
      CREATE TABLE "author" ("id" SERIAL PRIMARY KEY, "email" VARCHAR(200) NOT NULL UNIQUE);
      CREATE TABLE "book" (
        "id" SERIAL PRIMARY KEY,
        "title" TEXT NOT NULL,
        "author_id" INTEGER NOT NULL REFERENCES "author"("id") ON DELETE CASCADE ON UPDATE CASCADE
      );
      """;

  @TempDir Path dir;

  @BeforeEach
  void emptyDatabase(TestDatabase db) {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  }

  @Test
  void pulls_a_database_into_a_new_schema_that_validates(TestDatabase db) throws IOException {
    db.execute(TABLES);
    CliRun run = CliRun.in(dir, Map.of("DATABASE_URL", db.url()), "db", "pull");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out()).contains("Introspected 2 tables").contains("prisma/schema.prisma");
    String schema = Files.readString(dir.resolve("prisma/schema.prisma"));
    assertThat(schema).contains("model author {").contains("model book {").contains("@db.VarChar(200)").contains("onDelete: Cascade");
    assertThat(CliRun.in(dir, "validate").exitCode()).isZero();
    assertThat(CliRun.in(dir, "format", "--check").exitCode()).isZero();

    CliRun diff = CliRun.in(dir, "migrate", "diff", "--from-url", db.url(), "--to-schema", "prisma/schema.prisma", "--exit-code");
    assertThat(diff.exitCode()).as(diff.all()).isZero();
  }

  @Test
  void re_introspection_keeps_the_users_names(TestDatabase db) throws IOException {
    db.execute(TABLES);
    Path file = dir.resolve("prisma/schema.prisma");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        """
        datasource db {
          provider = "postgresql"
        }

        model Author {
          id    Int    @id @default(autoincrement())
          email String @unique @db.VarChar(200)
          books Book[]

          @@map("author")
        }

        model Book {
          id       Int    @id @default(autoincrement())
          title    String
          authorId Int    @map("author_id")
          writer   Author @relation(fields: [authorId], references: [id], onDelete: Cascade)

          @@map("book")
        }
        """);
    db.execute("ALTER TABLE \"book\" ADD COLUMN \"pages\" INTEGER");
    CliRun run = CliRun.in(dir, "db", "pull", "--url", db.url());
    assertThat(run.exitCode()).as(run.all()).isZero();
    String schema = Files.readString(file);
    assertThat(schema).contains("model Author {").contains("@@map(\"book\")").contains("writer   Author").contains("pages    Int?");

    CliRun forced = CliRun.in(dir, "db", "pull", "--url", db.url(), "--force", "--print");
    assertThat(forced.exitCode()).isZero();
    assertThat(forced.out()).contains("model author {").doesNotContain("model Author {");
    assertThat(Files.readString(file)).isEqualTo(schema);
  }

  @Test
  void re_pulling_the_example_prints_prismas_file_byte_for_byte_and_leaves_the_matching_file_unchanged(TestDatabase db)
      throws IOException {
    repullsLikePrisma(db, Path.of("..", "examples", "fitness", "prisma", "schema.prisma"), PULLED.resolve("fitness.pulled.prisma"));
  }

  @Test
  void re_pulling_a_schema_with_an_enum_between_models_prints_prismas_file_and_leaves_the_matching_file_unchanged(TestDatabase db)
      throws IOException {
    repullsLikePrisma(db, PULLED.resolve("enum-between-models.prisma"), PULLED.resolve("enum-between-models.pulled.prisma"));
  }

  private static final Path PULLED = Path.of("src", "test", "resources", "db-pull");

  /**
   * db push {@code schema}, then db pull with it as the current schema: the file is left byte for
   * byte as it is (the database matches it), while {@code --print} shows what re-introspection
   * renders, Prisma 7's bytes ({@code expected}). Once the database differs, the file gets the
   * rendering.
   */
  private void repullsLikePrisma(TestDatabase db, Path schema, Path expected) throws IOException {
    Path file = dir.resolve("prisma/schema.prisma");
    Files.createDirectories(file.getParent());
    String original = Files.readString(schema);
    Files.writeString(file, original);
    Map<String, String> env = Map.of("DATABASE_URL", db.url());
    CliRun push = CliRun.in(dir, env, "db", "push");
    assertThat(push.exitCode()).as(push.all()).isZero();
    CliRun pull = CliRun.in(dir, env, "db", "pull");
    assertThat(pull.exitCode()).as(pull.all()).isZero();
    assertThat(pull.out()).contains("already matches").contains("left as it is");
    assertThat(Files.readString(file)).isEqualTo(original);
    CliRun printed = CliRun.in(dir, env, "db", "pull", "--print");
    assertThat(printed.exitCode()).as(printed.all()).isZero();
    assertThat(printed.out()).isEqualTo(Files.readString(expected));
    assertThat(Files.readString(file)).isEqualTo(original);
    // A change in the database: the file is rewritten as re-introspection renders it.
    db.execute("CREATE TABLE pulled_extra (id integer PRIMARY KEY)");
    CliRun changed = CliRun.in(dir, env, "db", "pull");
    assertThat(changed.exitCode()).as(changed.all()).isZero();
    assertThat(Files.readString(file)).contains("model pulled_extra {").isNotEqualTo(original);
    CliRun again = CliRun.in(dir, env, "db", "pull");
    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.out()).contains("already matches");
  }

  @Test
  void an_empty_database_is_a_clear_error_and_nothing_is_written(TestDatabase db) {
    CliRun run = CliRun.in(dir, "db", "pull", "--url", db.url());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("is empty");
    assertThat(dir.resolve("prisma/schema.prisma")).doesNotExist();
  }

  @Test
  void without_a_url_it_says_where_it_looked() {
    CliRun run = CliRun.in(dir, "db", "pull");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("DATABASE_URL").doesNotContain("\tat ");
  }
}
