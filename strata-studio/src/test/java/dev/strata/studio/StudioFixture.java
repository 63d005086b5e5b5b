package dev.strata.studio;

import dev.strata.Strata;
import dev.strata.embedded.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A project with users and posts on the test database, and a studio over it; optionally with two
 * more models: {@code Odd}, whose table and column names hold spaces and double quotes, and {@code
 * Event}, with a DateTime, a Bytes, an enum and a Boolean field for the typed editors and filters.
 */
final class StudioFixture {
  static final String PASSWORD = "s3cr3t-Pa55word";

  static final String SCHEMA =
      """
      datasource db {
        provider = "postgresql"
      }

      enum Role {
        USER
        ADMIN
      }

      /// People who write posts.
      model User {
        id      Int      @id @default(autoincrement())
        /// Where we write to them.
        email   String   @unique
        name    String?
        role    Role     @default(USER)
        active  Boolean  @default(true)
        profile Json?
        posts   Post[]
        @@map("users")
      }

      model Post {
        id       Int    @id @default(autoincrement())
        title    String
        authorId Int
        author   User   @relation(fields: [authorId], references: [id])
      }
      """;

  /**
   * The models added by {@link #projectWithMore}: names PostgreSQL accepts only quoted (a space and a
   * double quote in the table's and the columns' names), and every typed editor the studio has.
   */
  static final String MORE_MODELS =
      """

      /// Names that need quoting: spaces and double quotes.
      model Odd {
        id    Int     @id @default(autoincrement()) @map("odd \\"id\\"")
        label String  @map("we\\"ird col")
        note  String? @map("a note")
        @@map("odd \\"table\\" name")
      }

      model Event {
        id      Int      @id @default(autoincrement())
        title   String
        at      DateTime
        payload Bytes?
        kind    Role     @default(USER)
        done    Boolean  @default(false)
      }
      """;

  /** The {@code Odd} rows of {@link #projectWithMore}, in id order: LIKE's wildcards, quotes and comment markers, to be matched literally. */
  static final java.util.List<String> ODD_LABELS = java.util.List.of(
      "100% \"pure\"", "a_b", "axb", "it's -- not /* a */ comment; DROP TABLE users", "plain", "O'Brien \"q\"");

  private StudioFixture() {}

  /** {@link #project} with {@link #MORE_MODELS}: the odd rows of {@link #ODD_LABELS} and three events in 2024 (Jan 10, Mar 5, Jun 20). */
  static Strata projectWithMore(TestDatabase db, Path dir, int users) throws IOException {
    Strata strata = project(db, dir, users, SCHEMA + MORE_MODELS);
    StringBuilder odd = new StringBuilder();
    for (String label : ODD_LABELS) {
      odd.append("INSERT INTO \"odd \"\"table\"\" name\" (\"we\"\"ird col\") VALUES ('").append(label.replace("'", "''")).append("');");
    }
    db.execute(odd + "INSERT INTO \"Event\" (title, at, payload, kind, done) VALUES "
        + "('winter', '2024-01-10 09:00:00', '\\x0102', 'USER', false), "
        + "('spring', '2024-03-05 12:30:00', NULL, 'ADMIN', true), "
        + "('summer', '2024-06-20 18:45:00', '\\xff', 'USER', false);");
    return strata;
  }

  /** Creates the tables and {@code users} users (user {@code i} has email {@code u{i}@x.io}), two posts by user 1. */
  static Strata project(TestDatabase db, Path dir, int users) throws IOException {
    return project(db, dir, users, SCHEMA);
  }

  private static Strata project(TestDatabase db, Path dir, int users, String source) throws IOException {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    Path schema = dir.resolve("prisma/schema.prisma");
    Files.createDirectories(schema.getParent());
    Files.writeString(schema, source);
    Files.createDirectories(dir.resolve("prisma/migrations"));
    // The password is accepted (and ignored) by the test server's trust authentication: the pages must never show it.
    String url = db.url().replaceFirst("://([^@/:]+)@", "://$1:" + PASSWORD + "@");
    Strata strata = Strata.configure().url(url).schema(schema).load();
    strata.pushSchema();
    db.execute("INSERT INTO users (email, name, role) SELECT 'u' || i || '@x.io', 'name ' || i, "
        + "CASE WHEN i % 3 = 0 THEN 'ADMIN'::\"Role\" ELSE 'USER'::\"Role\" END FROM generate_series(1, " + users + ") AS i;"
        + "INSERT INTO \"Post\" (title, \"authorId\") VALUES ('Hello', 1), ('Again', 1);");
    return strata;
  }
}
