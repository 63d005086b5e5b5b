package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Indexes a Prisma schema cannot express (expression and partial indexes written by hand in a
 * migration) are invisible to Prisma, so {@code migrate dev} and {@code db push} must never plan
 * to drop them — real histories (langfuse) are full of them.
 */
@StrataDatabase
class HandMadeIndexesIT {
  private static final String SCHEMA =
      """
      datasource db {
        provider = "postgresql"
      }

      model User {
        id        Int       @id @default(autoincrement())
        email     String
        deletedAt DateTime?
      }
      """;

  private static final String INIT =
      """
      -- CreateTable
      CREATE TABLE "User" (
          "id" SERIAL NOT NULL,
          "email" TEXT NOT NULL,
          "deletedAt" TIMESTAMP(3),

          CONSTRAINT "User_pkey" PRIMARY KEY ("id")
      );

      -- written by hand: Prisma cannot express these
      CREATE INDEX "user_email_lower_idx" ON "User" (lower("email"));
      CREATE UNIQUE INDEX "user_live_email_key" ON "User" ("email") WHERE "deletedAt" IS NULL;
      """;

  @TempDir Path dir;
  private Map<String, String> env;

  @BeforeEach
  void project(TestDatabase db) throws IOException {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    env = Map.of("DATABASE_URL", db.url());
    Files.createDirectories(dir.resolve("prisma/migrations/20240101000000_init"));
    Files.writeString(dir.resolve("prisma/schema.prisma"), SCHEMA);
    Files.writeString(dir.resolve("prisma/migrations/migration_lock.toml"), "provider = \"postgresql\"\n");
    Files.writeString(dir.resolve("prisma/migrations/20240101000000_init/migration.sql"), INIT);
  }

  private static long handMadeIndexes(TestDatabase db) {
    return db.queryColumn("SELECT indexname FROM pg_indexes WHERE indexname IN ('user_email_lower_idx', 'user_live_email_key')").size();
  }

  @Test
  void migrate_dev_sees_no_change_and_keeps_them(TestDatabase db) throws IOException {
    CliRun first = CliRun.in(dir, env, "migrate", "dev", "--name", "next");
    assertThat(first.exitCode()).as(first.all()).isZero();
    try (Stream<Path> folders = Files.list(dir.resolve("prisma/migrations"))) {
      assertThat(folders.filter(Files::isDirectory).map(p -> p.getFileName().toString()))
          .as("no migration dropping the hand-made indexes")
          .containsExactly("20240101000000_init");
    }
    assertThat(handMadeIndexes(db)).isEqualTo(2);
  }

  @Test
  void db_push_leaves_them_alone(TestDatabase db) {
    db.execute(INIT);
    CliRun run = CliRun.in(dir, env, "db", "push");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(handMadeIndexes(db)).isEqualTo(2);
  }
}
