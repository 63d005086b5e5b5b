package dev.strata.studio;

import dev.strata.Strata;
import dev.strata.embedded.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A project with users and posts on the test database, and a studio over it. */
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

  private StudioFixture() {}

  /** Creates the tables and {@code users} users (user {@code i} has email {@code u{i}@x.io}), two posts by user 1. */
  static Strata project(TestDatabase db, Path dir, int users) throws IOException {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    Path schema = dir.resolve("prisma/schema.prisma");
    Files.createDirectories(schema.getParent());
    Files.writeString(schema, SCHEMA);
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
