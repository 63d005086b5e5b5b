package dev.strata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.compare.EmbeddedShadows;
import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lint in the workflow (issue 12) on a real PostgreSQL: {@code migrate dev} lints the migration it
 * wrote; the guarded deploy's preflight lints the pending migrations that touch existing tables,
 * refuses error-level findings before applying anything unless {@link DeploySettings#allowUnsafe()},
 * honours suppressions, and skips the lint on an empty database.
 */
@StrataDatabase
class StrataLintWorkflowIT {
  static final String SCHEMA =
      """
      datasource db {
        provider = "postgresql"
      }

      model Coach {
        id    Int    @id @default(autoincrement())
        name  String
        phone String?
      }
      """;

  @TempDir Path project;
  Path migrations;

  @BeforeEach
  void freshDatabase(TestDatabase db) {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    migrations = project.resolve("migrations");
  }

  private void migration(String name, String sql) throws IOException {
    Path folder = migrations.resolve(name);
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("migration.sql"), sql);
  }

  private Strata deployer(TestDatabase db, List<StrataEvent> events) {
    return Strata.configure().url(db.url()).migrations(migrations).workingDirectory(project).listener(events::add).load();
  }

  private static DeploySettings guarded(Strata strata) {
    return DeploySettings.guarded(strata.config()).withVerify(false);
  }

  private static int historyRows(TestDatabase db) {
    return Integer.parseInt(db.queryValue("SELECT count(*) FROM _prisma_migrations").orElseThrow());
  }

  @Test
  void migrate_dev_lints_the_migration_it_wrote_and_an_error_does_not_fail_it(TestDatabase db) throws IOException {
    Path schema = project.resolve("prisma/schema.prisma");
    Files.createDirectories(schema.getParent());
    Files.writeString(schema, SCHEMA);
    Strata strata = Strata.of(Strata.configure().url(db.url()).schema(schema).workingDirectory(project)
        .shadowDatabases(new EmbeddedShadows()).build());

    DevResult init = strata.migrateDev(DevRequest.defaults().withName("init"), ScriptedConsole.nonInteractive());
    assertThat(init.lint()).hasValueSatisfying(lint -> {
      assertThat(lint.files()).containsExactly("prisma/migrations/" + init.created().get() + "/migration.sql");
      assertThat(lint.statements()).isPositive();
      assertThat(lint.hasErrors()).isFalse();
    });

    db.execute("INSERT INTO \"Coach\" (name, phone) VALUES ('Ann', '555')");
    Files.writeString(schema, SCHEMA.replace("  phone String?\n", ""));
    DevResult drop = strata.migrateDev(DevRequest.defaults().withName("drop_phone"), ScriptedConsole.answering("y"));

    assertThat(drop.outcome()).isEqualTo(DevResult.Outcome.CREATED);
    assertThat(drop.applied()).containsExactly(drop.created().get());
    LintResult lint = drop.lint().orElseThrow();
    assertThat(lint.hasErrors()).isTrue();
    assertThat(lint.findings()).anySatisfy(f -> {
      assertThat(f.code()).isEqualTo("LN002");
      assertThat(f.severity()).isEqualTo(LintSeverity.ERROR);
      assertThat(f.file()).isEqualTo("prisma/migrations/" + drop.created().get() + "/migration.sql");
      assertThat(f.statement()).contains("DROP COLUMN \"phone\"");
    });
    assertThat(lint.sizesFromDatabase()).isTrue();

    // --create-only lints too (the migration is written, not applied).
    Files.writeString(schema, SCHEMA.replace("  phone String?\n", "  age Int\n"));
    DevResult created = strata.migrateDev(DevRequest.defaults().withName("age").withCreateOnly(true), ScriptedConsole.answering("y"));
    assertThat(created.applied()).isEmpty();
    assertThat(created.lint()).hasValueSatisfying(l -> assertThat(l.findings()).extracting(LintFinding::code).contains("LN012"));
  }

  @Test
  void the_preflight_refuses_an_error_before_applying_anything_unless_unsafe_is_allowed(TestDatabase db) throws IOException {
    migration("20240101000000_init", "CREATE TABLE accounts (id INT PRIMARY KEY, balance INT, note TEXT);\n");
    List<StrataEvent> events = new CopyOnWriteArrayList<>();
    Strata strata = deployer(db, events);

    // An empty database has nothing to lock or lose: no lint, and no parser started.
    DeployResult first = strata.deploy(guarded(strata));
    assertThat(first.succeeded()).isTrue();
    DeployPreflight empty = first.preflight().orElseThrow();
    assertThat(empty.lintSkipped()).hasValue(DeployPreflight.LINT_SKIPPED_EMPTY);
    assertThat(empty.pending()).allSatisfy(m -> assertThat(m.lint()).isEmpty());
    assertThat(empty.lintSkipped(empty.pending().get(0))).hasValue("database empty");

    db.execute("INSERT INTO accounts SELECT g, g, 'x' FROM generate_series(1, 100) g");
    migration("20240102000000_drop_balance", "-- money moved to ledger\nALTER TABLE accounts DROP COLUMN balance;\n");
    migration("20240103000000_new_table", "CREATE TABLE audit (id INT PRIMARY KEY, at TIMESTAMPTZ);\n");

    DeployPlan plan = strata.deployPlan(guarded(strata));
    DeployPreflight planned = plan.preflight().orElseThrow();
    assertThat(planned.refuses()).isTrue();
    assertThat(planned.pending().get(0).lint()).hasValueSatisfying(l -> {
      assertThat(l.errors()).isEqualTo(1);
      assertThat(l.findings()).extracting(LintFinding::code).contains("LN002");
      assertThat(l.findings()).filteredOn(f -> f.code().equals("LN002")).singleElement()
          .satisfies(f -> assertThat(f.location()).isEqualTo("migrations/20240102000000_drop_balance/migration.sql:2"));
    });
    // Only new objects, in a database with tables: not linted.
    assertThat(planned.pending().get(1).lint()).isEmpty();
    assertThat(planned.lintSkipped(planned.pending().get(1))).hasValue(DeployPreflight.LINT_SKIPPED_UNTOUCHED);
    assertThat(strata.deployPlan(guarded(strata).withAllowUnsafe(true)).preflight().orElseThrow().refuses()).isFalse();
    // The guarded deploy sets lock_timeout itself: LN029 (missing-lock-timeout) only without one.
    assertThat(planned.pending().get(0).lint().orElseThrow().findings()).extracting(LintFinding::code).doesNotContain("LN029");
    assertThat(strata.deployPlan(guarded(strata).withoutStatementLockTimeout()).preflight().orElseThrow().pending().get(0).lint()
        .orElseThrow().findings()).extracting(LintFinding::code).contains("LN029");

    events.clear();
    assertThatThrownBy(() -> strata.deploy(guarded(strata)))
        .isInstanceOfSatisfying(UnsafeDeployException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.CHECK_FAILED);
          assertThat(e.getMessage()).contains("refused before applying anything")
              .contains("migrations/20240102000000_drop_balance/migration.sql:2 LN002 ").contains("--allow-unsafe");
          assertThat(e.preflight().lintErrors()).singleElement().satisfies(f -> assertThat(f.code()).isEqualTo("LN002"));
        });
    assertThat(events).filteredOn(e -> e instanceof StrataEvent.Preflight).singleElement().satisfies(e -> {
      assertThat(((StrataEvent.Preflight) e).preflight().refuses()).isTrue();
      assertThat(e.level()).isEqualTo(System.Logger.Level.WARNING);
      assertThat(e.message()).endsWith(", 1 error-level lint finding (the deploy refuses)");
    });
    assertThat(events).noneMatch(e -> e instanceof StrataEvent.Applying);
    assertThat(historyRows(db)).isEqualTo(1);
    assertThat(db.queryColumn("SELECT column_name FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'balance'"))
        .containsExactly("balance");

    DeployResult unsafe = strata.deploy(guarded(strata).withAllowUnsafe(true));
    assertThat(unsafe.succeeded()).isTrue();
    assertThat(unsafe.applied()).containsExactly("20240102000000_drop_balance", "20240103000000_new_table");
    assertThat(unsafe.preflight()).hasValueSatisfying(p -> {
      assertThat(p.unsafeAllowed()).isTrue();
      assertThat(p.refuses()).isFalse();
      assertThat(p.lintErrors()).hasSize(1);
    });
    assertThat(historyRows(db)).isEqualTo(3);
  }

  @Test
  void a_suppressed_finding_does_not_refuse_and_an_unknown_statement_is_linted(TestDatabase db) throws IOException {
    migration("20240101000000_init", "CREATE TABLE accounts (id INT PRIMARY KEY, note TEXT);\nCREATE TYPE mood AS ENUM ('ok');\n");
    Strata strata = deployer(db, new CopyOnWriteArrayList<>());
    strata.deploy(guarded(strata));
    db.execute("INSERT INTO accounts VALUES (1, 'x')");
    migration("20240102000000_drop_note",
        "-- strata-lint-ignore LN002: copied to the archive first (OPS-12)\nALTER TABLE accounts DROP COLUMN note;\n");
    migration("20240103000000_drop_mood", "DROP TYPE mood;\n");
    // CONCURRENTLY beside other statements: Strata's deploy runs it outside the transaction, so no LN028.
    migration("20240104000000_index", "CREATE INDEX CONCURRENTLY accounts_id ON accounts (id);\nINSERT INTO accounts VALUES (2);\n");

    DeployResult result = strata.deploy(guarded(strata));

    assertThat(result.succeeded()).isTrue();
    DeployPreflight preflight = result.preflight().orElseThrow();
    assertThat(preflight.pending().get(0).lint()).hasValueSatisfying(l -> {
      assertThat(l.errors()).isZero();
      assertThat(l.suppressed()).isEqualTo(1);
    });
    // DROP TYPE names no table the cheap reading knows: unknown means linted (LN004 drop-type).
    assertThat(preflight.pending().get(1).lint()).hasValueSatisfying(l ->
        assertThat(l.findings()).extracting(LintFinding::code).contains("LN004"));
    assertThat(preflight.pending().get(2).lint()).hasValueSatisfying(l ->
        assertThat(l.findings()).extracting(LintFinding::code).doesNotContain("LN028"));
    // ... which strata migrate lint does report (for a Prisma deploy).
    assertThat(strata.lint(LintRequest.files(List.of(migrations.resolve("20240104000000_index")))).findings())
        .extracting(LintFinding::code).contains("LN028");
    assertThat(result.applied()).hasSize(3);
  }
}
