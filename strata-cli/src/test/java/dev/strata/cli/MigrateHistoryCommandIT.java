package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import dev.strata.migrate.MigrationOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strata migrate status | deploy | dev} on histories that are not a simple prefix: migrations
 * out of order, migrations edited after applying, and the target database each run names. The
 * verdicts and exit codes are Prisma 7's, observed on the real CLI with the same histories.
 */
@StrataDatabase
class MigrateHistoryCommandIT {
  private static final String A = "20240101000000_a";
  private static final String B = "20240201000000_b";
  private static final String C = "20240301000000_c";

  @TempDir Path dir;
  private Map<String, String> env;

  @BeforeEach
  void project(TestDatabase db) throws IOException {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    env = Map.of("DATABASE_URL", db.url());
    Files.createDirectories(dir.resolve("prisma/migrations"));
    Files.writeString(dir.resolve("prisma/schema.prisma"), "datasource db {\n  provider = \"postgresql\"\n}\n");
    Files.writeString(dir.resolve("prisma/migrations/migration_lock.toml"), "provider = \"postgresql\"\n");
    migration(A, "CREATE TABLE a (id int);\n");
    migration(C, "CREATE TABLE c (id int);\n");
  }

  private void migration(String name, String sql) throws IOException {
    Files.createDirectories(dir.resolve("prisma/migrations").resolve(name));
    Files.writeString(dir.resolve("prisma/migrations").resolve(name).resolve("migration.sql"), sql);
  }

  private CliRun strata(String... args) {
    return CliRun.in(dir, env, args);
  }

  @Test
  void a_migration_dated_before_an_applied_one_is_pending_out_of_order_then_applied_with_a_warning(TestDatabase db) throws IOException {
    assertThat(strata("migrate", "deploy").exitCode()).isZero();
    migration(B, "CREATE TABLE b (id int);\n");

    // Prisma 7: "Following migration have not yet been applied: 20240201000000_b", exit 1; nothing diverges.
    CliRun status = strata("migrate", "status");
    assertThat(status.exitCode()).as(status.all()).isEqualTo(1);
    assertThat(status.out()).contains("Following migration have not yet been applied:\n" + B + "\n\n")
        .containsPattern("2  2024-02-01 00:00:00  b\\s+pending \\(out of order\\)")
        .doesNotContain("not found locally");
    assertThat(status.err()).doesNotContain("different").contains("warning[MG009]: this migration sorts before " + C
        + ", which is already applied:\n  " + B + "\n").contains("strata migrate deploy applies it anyway, after " + C);
    CliRun json = strata("migrate", "status", "--json");
    assertThat(json.out()).contains("\"diagnostic\" : \"databaseIsBehind\"")
        .contains("\"outOfOrder\" : [ {\n    \"name\" : \"" + B + "\",\n    \"sortsBefore\" : \"" + C + "\",\n    \"applied\" : false");

    CliRun dry = strata("migrate", "deploy", "--dry-run");
    assertThat(dry.exitCode()).isZero();
    assertThat(dry.err()).contains("warning[MG009]").contains("would be applied out of order (after it)");

    // Prisma 7 applies it and exits 0; Strata too, and says it is out of order.
    CliRun deploy = strata("migrate", "deploy");
    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    assertThat(deploy.out()).contains("The following migration(s) have been applied:\n\nmigrations/\n  └─ " + B + "/\n");
    assertThat(deploy.err()).contains("warning[MG009]: this migration sorts before " + C + ", which is already applied, and is applied"
        + " out of order (after it):\n  " + B + "\n");
    assertThat(db.queryValue("select to_regclass('public.b')::text")).contains("b");

    // Prisma 7 then says "Database schema is up to date!", exit 0.
    CliRun after = strata("migrate", "status");
    assertThat(after.exitCode()).as(after.all()).isZero();
    assertThat(after.out()).contains("Database schema is up to date!").containsPattern("2  2024-02-01 00:00:00  b\\s+applied \\(out of order\\)");
    assertThat(after.err()).contains("note[MG009]: " + B + " was applied after " + C + " although it sorts before it");
  }

  @Test
  void merged_branches_name_only_the_migrations_really_missing_on_each_side() throws IOException {
    assertThat(strata("migrate", "deploy").exitCode()).isZero();
    Path c = dir.resolve("prisma/migrations").resolve(C);
    Files.delete(c.resolve("migration.sql"));
    Files.delete(c);
    migration(B, "CREATE TABLE b (id int);\n");
    // Prisma 7 on this history, word for word.
    CliRun status = strata("migrate", "status");
    assertThat(status.exitCode()).isEqualTo(1);
    assertThat(status.err()).contains("Your local migration history and the migrations table from your database are different:\n\n"
        + "The last common migration is: " + A + "\n\nThe migration have not yet been applied:\n" + B + "\n\n"
        + "The migration from the database are not found locally in prisma/migrations:\n" + C + "\n");
  }

  @Test
  void an_applied_migration_edited_afterwards_shows_both_checksums_and_fails_only_under_strict() throws IOException {
    assertThat(strata("migrate", "deploy").exitCode()).isZero();
    migration(C, "CREATE TABLE c (id int); -- edited\n");

    // Prisma 7: "Database schema is up to date!", exit 0 (and deploy: nothing to apply).
    CliRun status = strata("migrate", "status");
    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.out()).contains("Database schema is up to date!");
    assertThat(status.err()).containsPattern("warning\\[MG010\\]: a migration was modified after it was applied \\(checksum mismatch\\):\n"
        + "  " + C + "\n    checksum recorded when applied  [0-9a-f]{64}\n    checksum of migration.sql now   [0-9a-f]{64}\n");

    CliRun strict = strata("migrate", "status", "--strict");
    assertThat(strict.exitCode()).as(strict.all()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(strict.err()).contains("migrate status --strict: 1 migration modified after applying.");

    CliRun json = strata("migrate", "status", "--strict", "--json");
    assertThat(json.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(json.out()).containsPattern("\"editedMigrations\" : \\[ \\{\n    \"name\" : \"" + C + "\",\n"
        + "    \"recordedChecksum\" : \"[0-9a-f]{64}\",\n    \"currentChecksum\" : \"[0-9a-f]{64}\"");

    migration(C, "CREATE TABLE c (id int);\n");
    assertThat(strata("migrate", "status", "--strict").exitCode()).isZero();
  }

  @Test
  void strict_also_fails_on_an_applied_migration_missing_on_disk() throws IOException {
    assertThat(strata("migrate", "deploy").exitCode()).isZero();
    Path c = dir.resolve("prisma/migrations").resolve(C);
    Files.delete(c.resolve("migration.sql"));
    Files.delete(c);
    assertThat(strata("migrate", "status").exitCode()).isZero();
    CliRun strict = strata("migrate", "status", "--strict");
    assertThat(strict.exitCode()).as(strict.all()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(strict.err()).contains("1 applied migration missing on disk");
  }

  @Test
  void status_and_deploy_name_the_target_database_without_the_password(TestDatabase db) throws IOException {
    Files.writeString(dir.resolve("prisma/schema.prisma"), "datasource main {\n  provider = \"postgresql\"\n}\n");
    String withPassword = db.url().replaceFirst("://([^@/]+)@", "://$1:s3cret-pw@") + "?schema=app";
    Map<String, String> secretEnv = Map.of("DATABASE_URL", withPassword);
    String line = "Datasource \"main\": PostgreSQL database \"" + db.name() + "\", schema \"app\" at \"127.0.0.1:";
    for (String command : new String[] {"deploy", "status"}) {
      CliRun run = CliRun.in(dir, secretEnv, "migrate", command);
      assertThat(run.exitCode()).as(run.all()).isZero();
      assertThat(run.out()).startsWith(line).contains("\"\n\n2 migrations found in prisma/migrations\n");
      assertThat(run.all()).doesNotContain("s3cret-pw");
      CliRun json = CliRun.in(dir, secretEnv, "migrate", command, "--json");
      assertThat(json.out()).contains("\"datasource\" : {\n    \"name\" : \"main\",\n    \"provider\" : \"postgresql\",\n"
          + "    \"database\" : \"" + db.name() + "\",\n    \"schema\" : \"app\",\n    \"location\" : \"127.0.0.1:")
          .doesNotContain("s3cret-pw");
    }
    db.execute("DROP SCHEMA app CASCADE");
  }

  @Test
  void migrate_dev_dates_a_new_migration_after_the_newest_existing_one() throws IOException {
    for (String name : new String[] {A, C}) {
      Path folder = dir.resolve("prisma/migrations").resolve(name);
      Files.delete(folder.resolve("migration.sql"));
      Files.delete(folder);
    }
    String future = "20990101000000_from_a_fast_clock";
    migration(future, "-- CreateTable\nCREATE TABLE \"F\" (\n    \"id\" INTEGER NOT NULL,\n\n    CONSTRAINT \"F_pkey\" PRIMARY KEY (\"id\")\n);\n");
    Files.writeString(dir.resolve("prisma/schema.prisma"), "datasource db {\n  provider = \"postgresql\"\n}\n\n"
        + "model F {\n  id Int @id\n}\n\nmodel Post {\n  id Int @id\n}\n");
    CliRun dev = strata("migrate", "dev", "--name", "posts");
    assertThat(dev.exitCode()).as(dev.all()).isZero();
    List<String> names;
    try (Stream<Path> s = Files.list(dir.resolve("prisma/migrations"))) {
      names = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList();
    }
    String created = names.stream().filter(n -> n.endsWith("_posts")).findFirst().orElseThrow();
    assertThat(created).isEqualTo("20990101000001_posts");
    assertThat(names.stream().sorted(MigrationOrder.PRISMA).toList()).last().isEqualTo(created);
    assertThat(dev.out()).contains("so that it sorts after " + future + ", the newest existing migration.");
  }

  @Test
  void migrate_dev_says_when_it_applies_a_pending_migration_out_of_order() throws IOException {
    for (String name : new String[] {A, C}) {
      migration(name, table(name.substring(name.length() - 1).toUpperCase(java.util.Locale.ROOT)));
    }
    assertThat(strata("migrate", "deploy").exitCode()).isZero();
    migration(B, table("B"));
    Files.writeString(dir.resolve("prisma/schema.prisma"), "datasource db {\n  provider = \"postgresql\"\n}\n\n"
        + "model A {\n  id Int @id\n}\n\nmodel B {\n  id Int @id\n}\n\nmodel C {\n  id Int @id\n}\n");
    CliRun dev = strata("migrate", "dev", "--name", "nothing");
    assertThat(dev.exitCode()).as(dev.all()).isZero();
    assertThat(dev.out()).contains("Out of order (MG009): " + B + " sorts before " + C + ", which is already applied; applying it after it.")
        .contains("Applying migration `" + B + "`");
  }

  private static String table(String name) {
    return "-- CreateTable\nCREATE TABLE \"" + name + "\" (\n    \"id\" INTEGER NOT NULL,\n\n    CONSTRAINT \"" + name
        + "_pkey\" PRIMARY KEY (\"id\")\n);\n";
  }
}
