package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@StrataDatabase
class DbPushCommandIT {
  private static final String USERS =
      """
      datasource db {
        provider = "postgresql"
      }

      model User {
        id    Int     @id @default(autoincrement())
        email String  @unique
        name  String?
      }

      model Post {
        id    Int    @id
        title String
      }
      """;

  @TempDir Path dir;
  Map<String, String> env;

  @BeforeEach
  void emptyDatabase(TestDatabase db) {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    env = Map.of("DATABASE_URL", db.url());
  }

  private void schema(String text) throws IOException {
    Files.createDirectories(dir.resolve("prisma"));
    Files.writeString(dir.resolve("prisma/schema.prisma"), text);
  }

  private CliRun push(String... flags) {
    String[] args = new String[flags.length + 2];
    args[0] = "db";
    args[1] = "push";
    System.arraycopy(flags, 0, args, 2, flags.length);
    return CliRun.in(dir, env, args);
  }

  @Test
  void pushes_the_schema_into_an_empty_database_and_then_reports_it_in_sync(TestDatabase db) throws IOException {
    schema(USERS);
    CliRun run = push();
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out()).contains("Prisma schema loaded from prisma/schema.prisma.")
        .contains("Datasource \"db\": PostgreSQL database \"" + db.name() + "\", schema \"public\"")
        .contains("Your database is now in sync with your Prisma schema. Done in ");
    assertThat(db.queryColumn("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).containsExactly("Post", "User");
    assertThat(db.queryColumn("SELECT count(*)::text FROM pg_tables WHERE tablename = '_prisma_migrations'")).containsExactly("0");

    CliRun again = push();
    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.out()).contains("The database is already in sync with the Prisma schema.");
    CliRun diff = CliRun.in(dir, env, "migrate", "diff", "--from-config-datasource", "--to-schema", "prisma/schema.prisma", "--exit-code");
    assertThat(diff.exitCode()).as(diff.all()).isZero();
  }

  @Test
  void refuses_data_loss_in_a_non_interactive_shell_without_the_flag_and_changes_nothing(TestDatabase db) throws IOException {
    schema(USERS);
    assertThat(push().exitCode()).isZero();
    db.execute("INSERT INTO \"User\" (email, name) VALUES ('a@x.io', 'Ada'), ('b@x.io', NULL); INSERT INTO \"Post\" VALUES (1, 'Hello');");
    schema(USERS.replace("  name  String?\n", "").replace("model Post {\n  id    Int    @id\n  title String\n}\n", ""));

    CliRun refused = push();
    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(refused.err())
        .contains("There might be data loss when applying the changes:")
        .contains("You are about to drop the column `name` on the `User` table, which still contains 1 non-null values.")
        .contains("You are about to drop the `Post` table, which is not empty (1 rows).")
        .contains("--accept-data-loss")
        .contains("Nothing was changed.");
    assertThat(db.queryColumn("SELECT column_name FROM information_schema.columns WHERE table_name = 'User' ORDER BY 1"))
        .containsExactly("email", "id", "name");
    assertThat(db.queryValue("SELECT count(*)::text FROM \"Post\"")).contains("1");

    CliRun accepted = push("--accept-data-loss");
    assertThat(accepted.exitCode()).as(accepted.all()).isZero();
    assertThat(accepted.out()).contains("Your database is now in sync");
    assertThat(db.queryColumn("SELECT column_name FROM information_schema.columns WHERE table_name = 'User' ORDER BY 1"))
        .containsExactly("email", "id");
    assertThat(db.queryColumn("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).containsExactly("User");
  }

  @Test
  void drops_an_empty_table_and_an_empty_column_without_a_warning(TestDatabase db) throws IOException {
    schema(USERS);
    assertThat(push().exitCode()).isZero();
    schema(USERS.replace("  name  String?\n", "").replace("model Post {\n  id    Int    @id\n  title String\n}\n", ""));
    CliRun run = push();
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.err()).doesNotContain("data loss");
    assertThat(db.queryColumn("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).containsExactly("User");
  }

  @Test
  void refuses_steps_that_cannot_run_on_the_rows_present_even_with_accept_data_loss(TestDatabase db) throws IOException {
    schema(USERS);
    assertThat(push().exitCode()).isZero();
    db.execute("INSERT INTO \"User\" (email) VALUES ('a@x.io'), ('b@x.io')");
    schema(USERS.replace("  name  String?\n", "  name  String?\n  age   Int\n"));
    CliRun run = push("--accept-data-loss");
    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err())
        .contains("We found changes that cannot be executed:")
        .contains("Added the required column `age` to the `User` table without a default value. There are 2 rows in this table, it is not possible to execute this step.")
        .contains("--force-reset");
    assertThat(db.queryColumn("SELECT column_name FROM information_schema.columns WHERE table_name = 'User' AND column_name = 'age'")).isEmpty();
  }

  @Test
  void force_reset_in_a_non_interactive_shell_without_force_lists_the_tables_and_changes_nothing(TestDatabase db) throws IOException {
    schema(USERS);
    assertThat(push().exitCode()).isZero();
    db.execute("INSERT INTO \"User\" (email) VALUES ('a@x.io'), ('b@x.io')");
    CliRun run = push("--force-reset");
    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("--force-reset drops the schema \"public\"")
        .contains("• User (2 rows)").contains("• Post (0 rows)")
        .contains("Refusing to reset without confirmation in a non-interactive shell: nothing was changed.")
        .contains("--force");
    assertThat(db.queryValue("SELECT count(*)::text FROM \"User\"")).contains("2");
  }

  @Test
  void force_reset_with_force_empties_the_schema_and_pushes(TestDatabase db) throws IOException {
    schema(USERS);
    assertThat(push().exitCode()).isZero();
    db.execute("INSERT INTO \"User\" (email) VALUES ('a@x.io'); CREATE TABLE stray (id int);");
    schema(USERS.replace("  name  String?\n", "  name  String?\n  age   Int\n"));
    CliRun run = push("--force-reset", "--force");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out()).contains("schema \"public\" at \"").contains("was successfully reset.").contains("now in sync");
    assertThat(db.queryValue("SELECT count(*)::text FROM \"User\"")).contains("0");
    assertThat(db.queryColumn("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).containsExactly("Post", "User");
  }

  @Test
  void force_reset_asks_at_the_keyboard_and_a_no_keeps_the_data(TestDatabase db) throws IOException {
    schema(USERS);
    assertThat(push().exitCode()).isZero();
    db.execute("INSERT INTO \"User\" (email) VALUES ('a@x.io')");
    CliRun no = interactive("n\n", "db", "push", "--force-reset");
    assertThat(no.exitCode()).as(no.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(no.err()).contains("Drop all of this? [y/N]").contains("Reset cancelled: nothing was changed.");
    assertThat(db.queryValue("SELECT count(*)::text FROM \"User\"")).contains("1");

    CliRun yes = interactive("y\n", "db", "push", "--force-reset");
    assertThat(yes.exitCode()).as(yes.all()).isZero();
    assertThat(db.queryValue("SELECT count(*)::text FROM \"User\"")).contains("0");
  }

  @Test
  void an_invalid_schema_is_reported_and_nothing_is_pushed(TestDatabase db) throws IOException {
    schema(USERS.replace("email String  @unique", "email Strin   @unique"));
    CliRun run = push();
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("Strin").contains("is invalid").contains("nothing was pushed");
    assertThat(db.queryColumn("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).isEmpty();
  }

  @Test
  void creates_the_database_when_it_does_not_exist_yet(TestDatabase db) throws IOException {
    schema(USERS);
    String name = "push_created_" + Long.toHexString(System.nanoTime());
    String url = db.url().substring(0, db.url().lastIndexOf('/') + 1) + name;
    try {
      CliRun run = CliRun.in(dir, Map.of("DATABASE_URL", url), "db", "push");
      assertThat(run.exitCode()).as(run.all()).isZero();
      assertThat(run.out()).contains("PostgreSQL database \"" + name + "\" created at").contains("now in sync");
      CliRun again = CliRun.in(dir, Map.of("DATABASE_URL", url), "db", "push");
      assertThat(again.out()).doesNotContain("created at").contains("already in sync");
    } finally {
      db.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
    }
  }

  @Test
  void without_a_url_or_a_dev_database_it_says_where_it_looked() throws IOException {
    schema(USERS);
    CliRun run = CliRun.in(dir, Map.of(), "db", "push");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("No database URL is configured, and no Strata dev database is running. Looked at:")
        .contains("DATABASE_URL: not set").contains(".strata/dev-db.json").contains("strata dev");
  }

  private CliRun interactive(String input, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext(dir, env, new PrintWriter(out), new PrintWriter(err),
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), true);
    int code = StrataCli.run(ctx, args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
