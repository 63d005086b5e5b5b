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

/** {@code strata migrate down} end to end on the embedded PostgreSQL, after {@code migrate dev} wrote the downs. */
@StrataDatabase
class MigrateDownCommandIT {
  private static final Path GOLDEN = Path.of("src", "test", "resources", "migrate-dev", "evolving");

  @TempDir Path dir;
  private TestDatabase db;
  private Map<String, String> env;

  @BeforeEach
  void threeMigrations(TestDatabase database) throws IOException {
    db = database;
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    env = Map.of("DATABASE_URL", db.url());
    for (int n = 1; n <= 3; n++) {
      Path file = dir.resolve("prisma/schema.prisma");
      Files.createDirectories(file.getParent());
      Files.writeString(file, Files.readString(GOLDEN.resolve("step" + n + "/schema.prisma")));
      CliRun run = CliRun.in(dir, env, "migrate", "dev", "--name", "step" + n, "--accept-data-loss", "--prisma-sql");
      assertThat(run.exitCode()).as(run.all()).isZero();
    }
    db.execute("INSERT INTO \"User\" (email) VALUES ('a@example.com')");
  }

  private Path folder(String suffix) throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("prisma/migrations"))) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).findFirst().orElseThrow();
    }
  }

  private List<String> applied() {
    return db.queryColumn("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL"
        + " ORDER BY started_at").stream().map(n -> n.replaceAll("^\\d{14}_", "")).toList();
  }

  private List<String> columns(String table) {
    return db.queryColumn("SELECT column_name::text FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position", table);
  }

  @Test
  void a_down_that_drops_data_stops_with_exit_1_in_a_non_interactive_shell_and_changes_nothing() {
    CliRun run = CliRun.in(dir, env, "migrate", "down");
    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.out()).contains("This drops data:").contains("column `User`.`role`");
    assertThat(run.err()).contains("--force");
    assertThat(applied()).containsExactly("step1", "step2", "step3");
    assertThat(columns("User")).contains("role");
  }

  @Test
  void with_force_the_last_migration_is_undone_marked_rolled_back_and_applied_again_by_migrate_dev() {
    CliRun run = CliRun.in(dir, env, "migrate", "down", "--force");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out()).contains("Rolled back `");
    assertThat(applied()).containsExactly("step1", "step2");
    assertThat(db.queryValue("SELECT count(*)::text FROM _prisma_migrations WHERE rolled_back_at IS NOT NULL")).contains("1");
    assertThat(columns("User")).contains("name").doesNotContain("role");
    assertThat(db.queryValue("SELECT count(*)::text FROM pg_type WHERE typname = 'Role'")).contains("0");
    assertThat(db.queryValue("SELECT email FROM \"User\"")).contains("a@example.com");

    CliRun again = CliRun.in(dir, env, "migrate", "dev", "--accept-data-loss");
    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.out()).contains("Applying migration `");
    assertThat(applied()).containsExactly("step1", "step2", "step3");
  }

  @Test
  void an_interactive_yes_rolls_back_several_steps_newest_first() {
    CliRun run = InteractiveRun.answering(dir, env, "y\n", "migrate", "down", "--steps", "2");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.err()).contains("Roll back and drop these? [y/N]");
    assertThat(run.out()).containsSubsequence("step3", "step2");
    assertThat(applied()).containsExactly("step1");
    assertThat(db.queryColumn("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'")).doesNotContain("Post");
  }

  @Test
  void to_names_the_last_migration_that_stays() {
    CliRun run = CliRun.in(dir, env, "migrate", "down", "--to", db.queryColumn(
        "SELECT migration_name FROM _prisma_migrations ORDER BY started_at").get(0), "--force");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(applied()).containsExactly("step1");
  }

  @Test
  void a_missing_down_file_is_refused_before_anything_runs() throws IOException {
    Files.delete(folder("_step2").resolve("down.sql"));
    CliRun run = CliRun.in(dir, env, "migrate", "down", "--steps", "2", "--force");
    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("_step2`: it has no down.sql").contains("nothing was changed");
    assertThat(applied()).containsExactly("step1", "step2", "step3");
    assertThat(columns("User")).contains("role");
  }

  @Test
  void a_down_file_that_is_not_utf8_is_refused_before_anything_runs() throws IOException {
    Path down = folder("_step3").resolve("down.sql");
    Files.write(down, ("-- défaire\n" + Files.readString(down)).getBytes(StandardCharsets.ISO_8859_1));
    CliRun run = CliRun.in(dir, env, "migrate", "down", "--force");
    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("nothing was changed").contains(down + " cannot be used: it is not valid UTF-8 at byte offset 4");
    assertThat(applied()).containsExactly("step1", "step2", "step3");
    assertThat(columns("User")).contains("role");
  }

  @Test
  void a_down_written_before_its_migration_sql_was_edited_is_refused_and_nothing_is_claimed() throws IOException {
    CliRun create = CliRun.in(dir, env, "migrate", "dev", "--create-only", "--name", "seed");
    assertThat(create.exitCode()).as(create.all()).isZero();
    Path script = folder("_seed").resolve("migration.sql");
    Files.writeString(script, Files.readString(script) + "\nINSERT INTO \"User\" (email) VALUES ('seeded@example.com');\n");
    CliRun dev = CliRun.in(dir, env, "migrate", "dev");
    assertThat(dev.exitCode()).as(dev.all()).isZero();
    assertThat(dev.out()).contains("Warning: the down.sql of `" + folder("_seed").getFileName()
        + "` was written before its migration.sql was edited, so it may not undo all of it;"
        + " strata migrate down refuses to run it until you update it.");

    CliRun down = CliRun.in(dir, env, "migrate", "down", "--force");
    assertThat(down.exitCode()).as(down.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(down.out()).doesNotContain("Rolled back");
    assertThat(down.err()).contains("Cannot roll back; nothing was changed:")
        .contains("_seed`: its down.sql was written before its migration.sql was edited, so it may not undo all of it."
            + " Edit down.sql so that it undoes what migration.sql does now, then replace its line `" + DownFile.WRITTEN_FOR)
        .contains("` with `" + DownFile.writtenForLine(Files.readString(script)) + "`");
    assertThat(applied()).containsExactly("step1", "step2", "step3", "seed");
    assertThat(db.queryColumn("SELECT email FROM \"User\" ORDER BY id")).containsExactly("a@example.com", "seeded@example.com");

    // Done as the message says, the down file runs again.
    Path downFile = folder("_seed").resolve("down.sql");
    String fixed = Files.readString(downFile).replaceAll("(?m)^" + java.util.regex.Pattern.quote(DownFile.WRITTEN_FOR) + ".*$",
        DownFile.writtenForLine(Files.readString(script))) + "DELETE FROM \"User\" WHERE email = 'seeded@example.com';\n";
    Files.writeString(downFile, fixed);
    CliRun fixedDown = CliRun.in(dir, env, "migrate", "down", "--force");
    assertThat(fixedDown.exitCode()).as(fixedDown.all()).isZero();
    assertThat(applied()).containsExactly("step1", "step2", "step3");
    assertThat(db.queryColumn("SELECT email FROM \"User\"")).containsExactly("a@example.com");
    CliRun again = CliRun.in(dir, env, "migrate", "dev");
    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(applied()).containsExactly("step1", "step2", "step3", "seed");
  }

  @Test
  void a_down_file_written_before_strata_recorded_its_migration_still_runs() throws IOException {
    Path down = folder("_step3").resolve("down.sql");
    String old = Files.readString(down).replaceAll("(?m)^" + java.util.regex.Pattern.quote(DownFile.WRITTEN_FOR) + ".*\n", "");
    assertThat(old).doesNotContain(DownFile.WRITTEN_FOR);
    Files.writeString(down, old);
    Path script = folder("_step3").resolve("migration.sql");
    Files.writeString(script, Files.readString(script) + "-- edited\n");
    CliRun run = CliRun.in(dir, env, "migrate", "down", "--force");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(applied()).containsExactly("step1", "step2");
  }

  @Test
  void a_down_marked_irreversible_is_refused_with_its_reason() throws IOException {
    Path down = folder("_step3").resolve("down.sql");
    Files.writeString(down, DownFile.markIrreversible(Files.readString(down), "hand-written data migration"));
    CliRun run = CliRun.in(dir, env, "migrate", "down", "--force");
    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("marked irreversible (hand-written data migration)");
    assertThat(applied()).containsExactly("step1", "step2", "step3");
  }

  @Test
  void steps_and_to_together_are_a_usage_error() {
    CliRun run = CliRun.in(dir, env, "migrate", "down", "--steps", "1", "--to", "x");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
  }
}
