package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import dev.strata.migrate.dev.DownFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata migrate dev} end to end on the embedded PostgreSQL, against Prisma 7's own files. */
@StrataDatabase
class MigrateDevCommandIT {
  private static final Path GOLDEN = Path.of("src", "test", "resources", "migrate-dev", "evolving");

  @TempDir Path dir;
  private TestDatabase db;
  private Map<String, String> env;

  @BeforeEach
  void emptyDatabase(TestDatabase database) {
    db = database;
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    env = Map.of("DATABASE_URL", db.url());
  }

  private void schema(String text) throws IOException {
    Path file = dir.resolve("prisma/schema.prisma");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private void step(int n) throws IOException {
    schema(Files.readString(GOLDEN.resolve("step" + n + "/schema.prisma")));
  }

  private Path migrations() {
    return dir.resolve("prisma/migrations");
  }

  private List<Path> folders() throws IOException {
    if (!Files.isDirectory(migrations())) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(migrations())) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  private Path folder(String suffix) throws IOException {
    return folders().stream().filter(p -> p.getFileName().toString().endsWith(suffix)).findFirst().orElseThrow();
  }

  private CliRun dev(String... extra) {
    String[] args = Stream.concat(Stream.of("migrate", "dev"), Stream.of(extra)).toArray(String[]::new);
    return CliRun.in(dir, env, args);
  }

  @Test
  void a_migration_in_latin1_is_refused_before_anything_reaches_the_database() throws IOException {
    step(1);
    Path folder = Files.createDirectories(migrations().resolve("20240101000000_latin1"));
    Files.write(folder.resolve("migration.sql"), "CREATE TABLE \"caf\u00e9\" (id int);\n".getBytes(StandardCharsets.ISO_8859_1));
    CliRun run = CliRun.in(dir, env, "migrate", "dev", "--name", "next");
    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains(folder.resolve("migration.sql") + " cannot be used: it is not valid UTF-8 at byte offset 17 (byte 0xE9)");
    assertThat(db.queryColumn("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'")).isEmpty();
    assertThat(folders()).hasSize(1);
  }

  @Test
  void an_evolving_schema_gets_prismas_migration_files_and_verified_downs() throws IOException {
    for (int n = 1; n <= 4; n++) {
      step(n);
      CliRun run = dev("--name", "step" + n, "--accept-data-loss", "--prisma-sql");
      assertThat(run.exitCode()).as(run.all()).isZero();
      Path created = folder("_step" + n);
      assertThat(Files.readString(created.resolve("migration.sql"), StandardCharsets.UTF_8))
          .as("step %d", n).isEqualTo(Files.readString(GOLDEN.resolve("step" + n + "/migration.sql")));
      String down = Files.readString(created.resolve("down.sql"));
      assertThat(down).as("step %d down.sql", n).startsWith(DownFile.VERIFIED);
      assertThat(run.out()).contains("Your database is now in sync with your schema.");
    }
    assertThat(Files.readAllBytes(migrations().resolve("migration_lock.toml")))
        .isEqualTo(Files.readAllBytes(GOLDEN.resolve("migration_lock.toml")));
    assertThat(db.queryColumn("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY started_at"))
        .hasSize(4).allMatch(name -> name.matches("\\d{14}_step\\d"));
    CliRun again = dev();
    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.out()).contains("Already in sync, no schema change or pending migration was found.");
    assertThat(folders()).hasSize(4);
  }

  @Test
  void data_loss_in_a_non_interactive_shell_stops_with_exit_1_and_writes_nothing() throws IOException {
    step(2);
    assertThat(dev("--name", "init").exitCode()).isZero();
    db.execute("INSERT INTO \"User\" (email, name) VALUES ('a@example.com', 'Ann')");
    step(3);
    CliRun run = dev("--name", "drop_name");
    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.all()).contains("You are about to drop the column `name` on the `User` table")
        .contains("--accept-data-loss");
    assertThat(folders()).hasSize(1);
    assertThat(db.queryValue("SELECT name FROM \"User\"")).contains("Ann");
  }

  @Test
  void data_loss_is_applied_after_a_yes_and_refused_after_a_no() throws IOException {
    step(2);
    assertThat(dev("--name", "init").exitCode()).isZero();
    db.execute("INSERT INTO \"User\" (email, name) VALUES ('a@example.com', 'Ann')");
    step(3);
    CliRun no = InteractiveRun.answering(dir, env, "n\n", "migrate", "dev", "--name", "drop_name", "--prisma-sql");
    assertThat(no.exitCode()).as(no.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(folders()).hasSize(1);
    CliRun yes = InteractiveRun.answering(dir, env, "y\n", "migrate", "dev", "--name", "drop_name", "--prisma-sql");
    assertThat(yes.exitCode()).as(yes.all()).isZero();
    assertThat(yes.err()).contains("Are you sure you want to create and apply this migration? [y/N]");
    assertThat(folders()).hasSize(2);
    assertThat(db.queryColumn("SELECT column_name::text FROM information_schema.columns WHERE table_name = 'User'")).doesNotContain("name");
  }

  @Test
  void drift_in_a_non_interactive_shell_stops_with_exit_1_and_says_what_would_be_dropped() throws IOException {
    step(1);
    assertThat(dev("--name", "init").exitCode()).isZero();
    db.execute("INSERT INTO \"User\" (email) VALUES ('a@example.com'), ('b@example.com'); ALTER TABLE \"User\" ADD COLUMN extra integer");
    step(2);
    CliRun run = dev("--name", "posts");
    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.out()).contains("Drift detected").contains("[*] Changed the `User` table").contains("[+] Added column `extra`")
        .contains("User (2 rows)");
    assertThat(run.err()).contains("--force");
    assertThat(folders()).hasSize(1);
    assertThat(db.queryValue("SELECT count(*)::text FROM \"User\"")).contains("2");

    CliRun forced = dev("--name", "posts", "--force");
    assertThat(forced.exitCode()).as(forced.all()).isZero();
    assertThat(forced.out()).contains("Database reset.");
    assertThat(db.queryValue("SELECT count(*)::text FROM \"User\"")).contains("0");
    assertThat(db.queryColumn("SELECT column_name::text FROM information_schema.columns WHERE table_name = 'User'")).doesNotContain("extra");
    assertThat(folders()).hasSize(2);
  }

  @Test
  void a_reset_for_drift_runs_the_seed_afterwards() throws IOException {
    step(1);
    assertThat(dev("--name", "init").exitCode()).isZero();
    db.execute("ALTER TABLE \"User\" ADD COLUMN extra integer");
    Files.writeString(dir.resolve("prisma/seed.sql"), "INSERT INTO \"User\" (email) VALUES ('seeded@example.com');\n");
    step(2);
    CliRun forced = dev("--name", "posts", "--force");
    assertThat(forced.exitCode()).as(forced.all()).isZero();
    assertThat(forced.out()).contains("Database reset.").contains("🌱  The seed script has been executed (1 statement).");
    assertThat(db.queryColumn("SELECT email FROM \"User\"")).containsExactly("seeded@example.com");
    assertThat(folders()).hasSize(2);
  }

  @Test
  void drift_is_reset_after_an_interactive_yes_only() throws IOException {
    step(1);
    assertThat(dev("--name", "init").exitCode()).isZero();
    db.execute("ALTER TABLE \"User\" ADD COLUMN extra integer");
    CliRun no = InteractiveRun.answering(dir, env, "\n", "migrate", "dev");
    assertThat(no.exitCode()).as(no.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(db.queryColumn("SELECT column_name::text FROM information_schema.columns WHERE table_name = 'User'")).contains("extra");
    CliRun yes = InteractiveRun.answering(dir, env, "y\n", "migrate", "dev");
    assertThat(yes.exitCode()).as(yes.all()).isZero();
    assertThat(db.queryColumn("SELECT column_name::text FROM information_schema.columns WHERE table_name = 'User'")).doesNotContain("extra");
  }

  @Test
  void a_rename_given_on_the_command_line_keeps_the_data() throws IOException {
    step(1);
    assertThat(dev("--name", "init").exitCode()).isZero();
    db.execute("INSERT INTO \"User\" (email, name) VALUES ('a@example.com', 'Ann')");
    schema(Files.readString(GOLDEN.resolve("step1/schema.prisma")).replace("name  String?", "fullName String?"));
    CliRun run = dev("--name", "rename", "--rename", "User.name=fullName");
    assertThat(run.exitCode()).as(run.all()).isZero();
    Path created = folder("_rename");
    assertThat(Files.readString(created.resolve("migration.sql")))
        .isEqualTo("-- RenameColumn\nALTER TABLE \"User\" RENAME COLUMN \"name\" TO \"fullName\";\n");
    assertThat(Files.readString(created.resolve("down.sql"))).startsWith(DownFile.VERIFIED)
        .contains("ALTER TABLE \"User\" RENAME COLUMN \"fullName\" TO \"name\";");
    assertThat(db.queryValue("SELECT \"fullName\" FROM \"User\"")).contains("Ann");
  }

  @Test
  void renames_in_prisma_model_and_field_names_work_on_the_mapped_example_project() throws IOException {
    String example = Files.readString(Path.of("..", "examples", "fitness", "prisma", "schema.prisma"));
    schema(example);
    assertThat(dev("--name", "init").exitCode()).isZero();
    db.execute("INSERT INTO users (id, email, name, updated_at) VALUES ('u1', 'a@example.com', 'Ann', now())");
    schema(example.replace("  name          String         @db.VarChar(120)", "  fullName      String         @db.VarChar(120)")
        .replace("  createdAt     DateTime       @default(now()) @map(\"created_at\") @db.Timestamptz(3)",
            "  joinedAt      DateTime       @default(now()) @map(\"joined_at\") @db.Timestamptz(3)"));
    // The model is User (table users); fullName has no @map, joinedAt maps to joined_at, createdAt was created_at.
    CliRun run = dev("--name", "rename", "--rename", "User.name=fullName", "--rename", "User.createdAt=joinedAt");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(Files.readString(folder("_rename").resolve("migration.sql"))).isEqualTo("""
        -- RenameColumn
        ALTER TABLE "users" RENAME COLUMN "name" TO "fullName";
        ALTER TABLE "users" RENAME COLUMN "created_at" TO "joined_at";
        """);
    assertThat(db.queryValue("SELECT \"fullName\" FROM users")).contains("Ann");
  }

  @Test
  void a_misspelt_rename_suggests_the_closest_model_or_field() throws IOException {
    String example = Files.readString(Path.of("..", "examples", "fitness", "prisma", "schema.prisma"));
    schema(example);
    assertThat(dev("--name", "init").exitCode()).isZero();
    schema(example.replace("  name          String         @db.VarChar(120)", "  fullName      String         @db.VarChar(120)"));
    CliRun model = dev("--rename", "Usr.name=fullName");
    assertThat(model.exitCode()).as(model.all()).isEqualTo(ExitCodes.USAGE);
    assertThat(model.err()).contains("--rename Usr.name=fullName: there is no model or table `Usr` in the schema; did you mean `User`?");
    CliRun oldField = dev("--rename", "User.nme=fullName");
    assertThat(oldField.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(oldField.err()).contains("the table `users` has no column `nme` in the migration history; did you mean `name`?");
    CliRun newField = dev("--rename", "User.name=fulName");
    assertThat(newField.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(newField.err()).contains("the model `User` has no field or column `fulName` in the schema; did you mean `fullName`?");
    assertThat(folders()).hasSize(1);
  }

  @Test
  void a_rename_is_offered_interactively_and_without_a_yes_stays_prismas_drop_and_add() throws IOException {
    step(1);
    assertThat(dev("--name", "init").exitCode()).isZero();
    schema(Files.readString(GOLDEN.resolve("step1/schema.prisma")).replace("name  String?", "fullName String?"));
    CliRun create = InteractiveRun.answering(dir, env, "n\n", "migrate", "dev", "--name", "plain", "--create-only");
    assertThat(create.exitCode()).as(create.all()).isZero();
    assertThat(create.err()).contains("Did you rename the column `name` of the `User` table to `fullName`? [y/N]");
    assertThat(Files.readString(folder("_plain").resolve("migration.sql"))).contains("DROP COLUMN \"name\"").doesNotContain("RENAME");
    deleteTree(folder("_plain"));

    db.execute("INSERT INTO \"User\" (email, name) VALUES ('a@example.com', 'Ann')");
    CliRun yes = InteractiveRun.answering(dir, env, "y\n", "migrate", "dev", "--name", "renamed");
    assertThat(yes.exitCode()).as(yes.all()).isZero();
    assertThat(Files.readString(folder("_renamed").resolve("migration.sql"))).contains("RENAME COLUMN \"name\" TO \"fullName\"");
    assertThat(db.queryValue("SELECT \"fullName\" FROM \"User\"")).contains("Ann");
  }

  @Test
  void an_unknown_rename_is_a_usage_error_and_changes_nothing() throws IOException {
    step(1);
    CliRun empty = dev("--rename", "User.nope=other");
    assertThat(empty.exitCode()).as(empty.all()).isEqualTo(ExitCodes.USAGE);
    assertThat(empty.err()).contains("there is no table `User` in the migration history");
    assertThat(folders()).isEmpty();
    assertThat(dev("--name", "init").exitCode()).isZero();
    schema(Files.readString(GOLDEN.resolve("step1/schema.prisma")).replace("name  String?", "fullName String?"));
    CliRun run = dev("--rename", "User.nope=fullName");
    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("the table `User` has no column `nope` in the migration history");
    assertThat(folders()).hasSize(1);
    CliRun malformed = dev("--rename", "nonsense");
    assertThat(malformed.exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void create_only_writes_without_applying_and_the_next_run_applies_it() throws IOException {
    step(1);
    CliRun create = dev("--name", "init", "--create-only");
    assertThat(create.exitCode()).as(create.all()).isZero();
    assertThat(create.out()).contains("without applying it");
    assertThat(Files.readString(folder("_init").resolve("migration.sql")))
        .isEqualTo(Files.readString(GOLDEN.resolve("step1/migration.sql")));
    assertThat(db.queryColumn("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'")).doesNotContain("User");
    CliRun apply = dev();
    assertThat(apply.exitCode()).as(apply.all()).isZero();
    assertThat(apply.out()).contains("Applying migration `").contains("Your database is now in sync with your schema.");
    assertThat(folders()).hasSize(1);
    assertThat(db.queryColumn("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'")).contains("User");
  }

  @Test
  void a_first_multi_schema_migration_creates_the_listed_schemas_but_not_the_default_one() throws IOException {
    // Prisma 7's migrate dev (checked with a real shadow database) writes no CREATE SCHEMA for
    // "public", which `migrate diff --from-empty` prints: the database's own schema always exists.
    Path golden = Path.of("src", "test", "resources", "migrate-dev", "multi-schema");
    schema(Files.readString(golden.resolve("schema.prisma")));
    CliRun create = dev("--name", "init", "--create-only");
    assertThat(create.exitCode()).as(create.all()).isZero();
    assertThat(Files.readString(folder("_init").resolve("migration.sql")))
        .isEqualTo(Files.readString(golden.resolve("migration.sql")))
        .doesNotContain("\"public\"");
  }

  @Test
  void without_a_name_in_a_non_interactive_shell_the_folder_is_the_timestamp_alone() throws IOException {
    step(1);
    CliRun run = dev();
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(folders()).singleElement().satisfies(p -> assertThat(p.getFileName().toString()).matches("\\d{14}"));
  }

  @Test
  void an_invalid_schema_changes_nothing() throws IOException {
    schema("datasource db {\n  provider = \"postgresql\"\n}\nmodel User {\n  id Intt @id\n}\n");
    CliRun run = dev("--name", "x");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(folders()).isEmpty();
  }

  private static void deleteTree(Path path) throws IOException {
    try (Stream<Path> s = Files.walk(path)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void changes_to_existing_tables_get_a_lock_safe_second_migration_by_default() throws IOException {
    for (int n = 1; n <= 4; n++) {
      step(n);
      CliRun run = dev("--name", "step" + n, "--accept-data-loss");
      assertThat(run.exitCode()).as(run.all()).isZero();
      assertThat(run.out()).contains("Your database is now in sync with your schema.");
    }
    List<Path> safe = folders().stream().filter(p -> p.getFileName().toString().endsWith("_lock_safe")).toList();
    assertThat(safe).isNotEmpty();
    for (Path folder : safe) {
      String up = Files.readString(folder.resolve("migration.sql"));
      assertThat(up).startsWith(dev.strata.postgres.render.PgOnlineRenderer.HEADER).containsAnyOf("CONCURRENTLY", "NOT VALID");
      assertThat(Files.readString(folder.resolve("down.sql"))).startsWith(DownFile.VERIFIED);
    }
    CliRun again = dev();
    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.out()).contains("Already in sync, no schema change or pending migration was found.");
  }
}
