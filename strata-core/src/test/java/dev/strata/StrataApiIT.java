package dev.strata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.compare.Comparison;
import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.prisma.lower.PrismaLowering;
import dev.strata.schema.DatabaseSchema;
import dev.strata.diag.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** The Java API used as an application would: configure, load, deploy at startup, check status, push in tests. */
@StrataDatabase
class StrataApiIT {
  private static final String SCHEMA =
      """
      datasource db {
        provider = "postgresql"
      }

      model Coach {
        id      Int       @id @default(autoincrement())
        name    String
        clients Client[]
      }

      model Client {
        id      Int    @id @default(autoincrement())
        email   String @unique
        coachId Int
        coach   Coach  @relation(fields: [coachId], references: [id])
      }
      """;

  @TempDir Path project;
  Path schema;

  @BeforeEach
  void freshDatabaseAndProject(TestDatabase db) throws IOException {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    schema = project.resolve("prisma/schema.prisma");
    Files.createDirectories(schema.getParent());
    Files.writeString(schema, SCHEMA);
  }

  private void migration(String name, String sql) throws IOException {
    Path folder = project.resolve("prisma/migrations").resolve(name);
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("migration.sql"), sql);
  }

  private static String initialMigration() {
    DatabaseSchema target = PrismaLowering.lower(PrismaFrontEnd.check(List.of(new SourceFile("schema.prisma", SCHEMA))).schema());
    return Comparison.of(DatabaseSchema.empty("public"), target).migrationFile();
  }

  @Test
  void lists_the_migrations_with_their_sql_and_down_sql_in_deploy_order(TestDatabase db) throws IOException {
    migration("20240102000000_second", "CREATE TABLE b (id int);\n");
    migration("20240101000000_first", "CREATE TABLE a (id int);\n");
    Files.writeString(project.resolve("prisma/migrations/20240101000000_first/down.sql"), "DROP TABLE a;\n");
    Files.createDirectories(project.resolve("prisma/migrations/20240103000000_empty"));
    Strata strata = Strata.of(Strata.configure().url(db.url()).schema(schema).build());
    List<MigrationFile> files = strata.migrations();
    assertThat(files).extracting(MigrationFile::name).containsExactly("20240101000000_first", "20240102000000_second", "20240103000000_empty");
    assertThat(files.get(0).sql()).contains("CREATE TABLE a (id int);\n");
    assertThat(files.get(0).downSql()).contains("DROP TABLE a;\n");
    assertThat(files.get(1).downSql()).isEmpty();
    assertThat(files.get(2).sql()).isEmpty();
    assertThat(files.get(2).problem()).isPresent();
    assertThat(Strata.of(Strata.configure().url(db.url()).build()).migrations()).isEmpty();
  }

  @Test
  void deploys_pending_migrations_at_startup_and_reports_the_status(TestDatabase db) throws IOException {
    migration("20240101000000_init", initialMigration());
    Strata strata = Strata.configure().url(db.url()).schema(schema).lockTimeout(Duration.ofSeconds(5)).load();

    StatusResult before = strata.status();
    assertThat(before.upToDate()).isFalse();
    assertThat(before.hasMigrationsTable()).isFalse();
    assertThat(before.pending()).containsExactly("20240101000000_init");

    DeployResult deployed = strata.deploy();
    assertThat(deployed.found()).isEqualTo(1);
    assertThat(deployed.applied()).containsExactly("20240101000000_init");
    assertThat(deployed.createdHistoryTable()).isTrue();
    assertThat(db.queryColumn("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL"))
        .containsExactly("20240101000000_init");

    StatusResult after = strata.status();
    assertThat(after.upToDate()).isTrue();
    assertThat(after.applied()).containsExactly("20240101000000_init");
    assertThat(after.pending()).isEmpty();
    assertThat(strata.deploy().nothingToApply()).isTrue();

    DiffResult diff = strata.diff();
    assertThat(diff.empty()).as(diff.script()).isTrue();
    assertThat(strata.validate().valid()).isTrue();
  }

  @Test
  void a_failing_migration_throws_and_is_recorded_as_failed(TestDatabase db) throws IOException {
    migration("20240101000000_init", initialMigration());
    migration("20240102000000_broken", "ALTER TABLE \"Client\" ADD COLUMN \"age\" INTEGR;\n");
    Strata strata = Strata.configure().url(db.url()).schema(schema).load();
    assertThatThrownBy(strata::deploy).isInstanceOf(StrataException.class)
        .hasMessageContaining("20240102000000_broken").hasMessageContaining("INTEGR");
    StatusResult status = strata.status();
    assertThat(status.upToDate()).isFalse();
    assertThat(status.failed()).containsExactly("20240102000000_broken");
    assertThat(status.applied()).containsExactly("20240101000000_init");
  }

  @Test
  void pushes_the_schema_through_a_data_source_and_refuses_data_loss_unless_accepted(TestDatabase db) throws IOException {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(db.jdbcUrl());
    Strata strata = Strata.configure().dataSource(dataSource).schema(schema).load();

    DiffResult pending = strata.diff();
    assertThat(pending.empty()).isFalse();
    assertThat(pending.script()).contains("CREATE TABLE \"Coach\"").contains("CREATE TABLE \"Client\"");
    PushResult pushed = strata.pushSchema();
    assertThat(pushed.changed()).isTrue();
    assertThat(pushed.statements()).isPositive();
    assertThat(strata.pushSchema().changed()).isFalse();

    db.execute("INSERT INTO \"Coach\" (name) VALUES ('Ada'); INSERT INTO \"Client\" (email, \"coachId\") VALUES ('c@x.io', 1);");
    Files.writeString(schema, SCHEMA.replace("  email   String @unique\n", ""));
    assertThat(strata.diff().warnings()).containsExactly(
        "You are about to drop the column `email` on the `Client` table, which still contains 1 non-null values.");
    assertThatThrownBy(strata::pushSchema).isInstanceOf(StrataException.class)
        .hasMessageContaining("nothing was changed").hasMessageContaining("`email`");
    assertThat(db.queryColumn("SELECT column_name FROM information_schema.columns WHERE table_name = 'Client' AND column_name = 'email'"))
        .containsExactly("email");

    PushResult accepted = strata.pushSchema(true);
    assertThat(accepted.acceptedWarnings()).hasSize(1);
    assertThat(strata.diff().empty()).isTrue();
  }

  @Test
  void reads_schema_migrations_and_url_from_a_prisma_project(TestDatabase db) throws IOException {
    migration("20240101000000_init", initialMigration());
    Strata strata = Strata.configure().project(project).environment(Map.of("DATABASE_URL", db.url())).load();
    assertThat(strata.config().schema()).contains(schema.toAbsolutePath().normalize());
    assertThat(strata.config().migrationsDirectory()).contains(project.resolve("prisma/migrations").toAbsolutePath().normalize());
    assertThat(strata.deploy().applied()).containsExactly("20240101000000_init");
  }

  @Test
  void reports_schema_errors_as_diagnostics_and_never_prints_a_password() throws IOException {
    Files.writeString(schema, SCHEMA.replace("name    String", "name    Strin"));
    Strata strata = Strata.configure().url("postgresql://app:s3cret@db.internal:5432/shop").schema(schema).load();
    ValidateResult result = strata.validate();
    assertThat(result.valid()).isFalse();
    assertThat(result.errors()).anySatisfy(d -> assertThat(d.message()).contains("Strin"));
    assertThatThrownBy(strata::diff).isInstanceOf(StrataException.class).hasMessageContaining("is invalid");
    assertThat(strata.config().toString()).doesNotContain("s3cret").contains("****");
  }

  @Test
  void without_a_database_load_says_what_to_configure() {
    assertThatThrownBy(() -> Strata.configure().schema(schema).load()).isInstanceOf(StrataException.class)
        .hasMessage("Strata.configure().load() is missing a database: call dataSource(…) or url(\"postgresql://…\"), or project(Path)"
            + " for a project whose configuration names one.");
  }

  @Test
  void load_with_nothing_set_fails_at_once_naming_everything_missing() {
    assertThatThrownBy(() -> Strata.configure().load()).isInstanceOf(StrataException.class)
        .hasMessageContaining("is missing a database: call dataSource(…) or url(")
        .hasMessageContaining("and a Prisma schema or a migrations folder: call schema(Path), migrations(Path) or project(Path)");
    assertThatThrownBy(() -> Strata.configure().url("postgresql://app:s3cret@db.internal/shop").load())
        .isInstanceOf(StrataException.class)
        .hasMessage("Strata.configure().load() is missing a Prisma schema or a migrations folder: call schema(Path), migrations(Path)"
            + " or project(Path).");
    assertThatThrownBy(() -> Strata.configure().project(project).environment(Map.of()).load())
        .isInstanceOf(StrataException.class)
        .hasMessageContaining("a database: project(" + project + ") names none (looked at: ")
        .hasMessageContaining("DATABASE_URL");
  }

  @Test
  void a_listener_sees_which_migrations_deploy_applies(TestDatabase db) throws IOException {
    migration("20240101000000_init", initialMigration());
    List<StrataEvent> events = new java.util.ArrayList<>();
    Strata strata = Strata.configure().url(db.url()).schema(schema).listener(events::add).load();
    strata.deploy();
    assertThat(events).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("DeployStarted", "CreatedHistoryTable", "Applying", "Applied", "DeployFinished");
    assertThat(events.get(0).message()).startsWith("Deploying the migrations of " + project.resolve("prisma/migrations"))
        .contains(" to postgresql://");
    assertThat(events.get(2).message()).isEqualTo("Applying migration `20240101000000_init`");
    assertThat(events.get(3)).isInstanceOfSatisfying(StrataEvent.Applied.class, a -> {
      assertThat(a.migration()).isEqualTo("20240101000000_init");
      assertThat(a.statements()).isPositive();
    });
    assertThat(events.get(4).message()).contains("1 migration found, 1 applied (20240101000000_init)");

    events.clear();
    strata.deploy();
    assertThat(events).extracting(StrataEvent::message).last().asString().contains("1 migration found, no pending migration to apply");
  }

  @Test
  void a_listener_sees_lock_timeout_retries_and_a_throwing_listener_changes_nothing(TestDatabase db) throws Exception {
    migration("20240101000000_init", initialMigration());
    migration("20240102000000_age", "ALTER TABLE \"Client\" ADD COLUMN \"age\" INTEGER;\n");
    Strata.configure().url(db.url()).migrations(project.resolve("prisma/migrations")).load().deploy();
    db.execute("DELETE FROM _prisma_migrations WHERE migration_name = '20240102000000_age'; ALTER TABLE \"Client\" DROP COLUMN \"age\"");
    try (java.sql.Connection blocker = db.connection()) {
      blocker.setAutoCommit(false);
      blocker.createStatement().execute("LOCK TABLE \"Client\" IN ACCESS EXCLUSIVE MODE");
      List<StrataEvent> events = new java.util.ArrayList<>();
      StrataListener listener = event -> {
        events.add(event);
        if (event instanceof StrataEvent.Retrying) {
          try {
            blocker.commit(); // the other session lets go: the retry succeeds
          } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
          }
        }
        throw new IllegalStateException("a broken logger");
      };
      Strata strata = Strata.configure().url(db.url()).schema(schema).lockTimeout(Duration.ofMillis(200)).listener(listener).load();
      DeployResult deployed = strata.deploy();
      assertThat(deployed.applied()).containsExactly("20240102000000_age");
      StrataEvent.Retrying retry = events.stream().filter(StrataEvent.Retrying.class::isInstance).map(StrataEvent.Retrying.class::cast)
          .findFirst().orElseThrow();
      assertThat(retry.level()).isEqualTo(System.Logger.Level.WARNING);
      assertThat(retry.message()).startsWith("Migration `20240102000000_age` hit the lock timeout (attempt 1 of ").contains("retrying in ");
      assertThat(events).filteredOn(StrataEvent.Applied.class::isInstance).singleElement()
          .satisfies(e -> assertThat(((StrataEvent.Applied) e).attempts()).isEqualTo(2));
    }
  }

  @Test
  void a_listener_sees_the_wait_for_another_deploys_lock_and_the_failure(TestDatabase db) throws Exception {
    migration("20240101000000_init", initialMigration());
    try (java.sql.Connection other = db.connection()) {
      other.createStatement().execute("SELECT pg_advisory_lock(72707369)");
      List<StrataEvent> events = new java.util.ArrayList<>();
      Strata strata = Strata.configure().url(db.url()).schema(schema).advisoryLockTimeout(Duration.ofMillis(300))
          .listener(events::add).load();
      assertThatThrownBy(strata::deploy).isInstanceOf(StrataException.class);
      assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("DeployStarted", "WaitingForLock", "DeployFailed");
      assertThat(events.get(1).message()).isEqualTo("Waiting for the migration lock held by another deploy (at most 300 ms)");
      assertThat(events.get(2).level()).isEqualTo(System.Logger.Level.ERROR);
    }
  }
}
