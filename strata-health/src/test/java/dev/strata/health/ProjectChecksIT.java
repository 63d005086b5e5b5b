package dev.strata.health;

import static dev.strata.health.HealthTestSupport.assertFound;
import static dev.strata.health.HealthTestSupport.assertPassed;
import static dev.strata.health.HealthTestSupport.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.StrataException;
import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks that read the project: migration state, growth from snapshots (table and file), backup freshness, strata.toml. */
@StrataDatabase
class ProjectChecksIT {
  @TempDir Path project;

  @BeforeEach
  void fresh(TestDatabase db) {
    db.execute("DROP SCHEMA IF EXISTS strata CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  }

  private void migration(String name, String sql) throws IOException {
    Path folder = project.resolve("prisma/migrations").resolve(name);
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("migration.sql"), sql);
  }

  @Test
  void migration_state_failed_modified_and_pending(TestDatabase db) throws IOException {
    Path schema = project.resolve("prisma/schema.prisma");
    Files.createDirectories(schema.getParent());
    Files.writeString(schema, "datasource db {\n  provider = \"postgresql\"\n}\n");
    Strata strata = Strata.of(Strata.configure().url(db.url()).schema(schema).workingDirectory(project).build());
    Health health = Health.of(strata);
    assertThat(check(health, "migration-state").status()).isEqualTo(CheckStatus.NOT_CONFIGURED);

    migration("20240101000000_init", "CREATE TABLE \"Note\" (\"id\" SERIAL PRIMARY KEY);\n");
    strata.deploy();
    assertPassed(check(health, "migration-state"));

    migration("20240102000000_tags", "CREATE TABLE \"Tag\" (\"id\" SERIAL PRIMARY KEY);\n");
    CheckResult pending = check(health, "migration-state");
    assertFound(pending, Severity.WARNING);
    assertThat(pending.rows()).containsExactly(List.of("pending", "20240102000000_tags"));
    assertThat(pending.fix()).hasValue("Apply the pending migrations: strata migrate deploy.");
    assertThat(pending.fixSql()).hasValue("-- no SQL to run: pending migrations are applied by strata migrate deploy");

    db.execute("INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) "
        + "VALUES ('failed-1', 'x', '20240102000000_tags', now(), 0)");
    CheckResult failed = check(health, "migration-state");
    assertFound(failed, Severity.CRITICAL);
    assertThat(failed.rows()).contains(List.of("failed", "20240102000000_tags"));
    assertThat(failed.fix()).hasValueSatisfying(f -> assertThat(f).contains("strata migrate resolve --rolled-back 20240102000000_tags"));
    assertThat(failed.fixSql()).hasValue("SELECT migration_name, started_at, logs FROM _prisma_migrations WHERE migration_name IN "
        + "('20240102000000_tags') AND finished_at IS NULL AND rolled_back_at IS NULL;");
    assertThat(db.queryColumn(failed.fixSql().get())).containsExactly("20240102000000_tags");

    db.execute("UPDATE _prisma_migrations SET rolled_back_at = now() WHERE id = 'failed-1'");
    strata.deploy();
    assertPassed(check(health, "migration-state"));

    Path init = project.resolve("prisma/migrations/20240101000000_init/migration.sql");
    String applied = Files.readString(init);
    Files.writeString(init, "-- edited\n" + applied);
    CheckResult modified = check(health, "migration-state");
    assertFound(modified, Severity.WARNING);
    assertThat(modified.rows()).containsExactly(List.of("modified after applying", "20240101000000_init"));
    assertThat(modified.fixSql()).hasValue("SELECT migration_name, checksum, finished_at FROM _prisma_migrations WHERE migration_name IN "
        + "('20240101000000_init') AND rolled_back_at IS NULL;");
    assertThat(db.queryColumn(modified.fixSql().get())).containsExactly("20240101000000_init");

    // repaired: the file as it was applied, so its checksum matches the recorded one again
    Files.writeString(init, applied);
    assertPassed(check(health, "migration-state"));
  }

  @Test
  void growth_from_snapshots_in_the_database(TestDatabase db) {
    Health health = HealthTestSupport.health(db.url(), project);
    CheckResult none = check(health, "database-growth");
    assertThat(none.status()).isEqualTo(CheckStatus.NOT_CONFIGURED);
    assertThat(none.fix()).hasValueSatisfying(f -> assertThat(f).contains("strata health snapshot"));

    SnapshotResult stored = health.snapshot(Optional.empty());
    assertThat(stored.store()).isEqualTo("table strata.health_snapshots");
    assertThat(stored.databaseBytes()).isPositive();
    // the snapshot was a day ago (time cannot be waited for in a test); then the data grows
    db.execute("UPDATE strata.health_snapshots SET taken_at = taken_at - interval '1 day'");
    assertPassed(check(health, "database-growth"));
    db.execute("CREATE TABLE upload (id int PRIMARY KEY, data text); INSERT INTO upload SELECT g, repeat(md5(g::text), 4) FROM generate_series(1, 40000) g;");
    CheckResult growing = check(health.withThreshold("database-growth", "critical_percent_per_day", 1000), "database-growth");
    assertFound(growing, Severity.WARNING);
    assertThat(growing.fixSql()).hasValueSatisfying(sql -> assertThat(sql).startsWith("-- no SQL to run: "));
    assertThat(growing.rows()).extracting(r -> r.get(0)).contains("public.upload");

    GrowthReport growth = health.growth(Optional.empty(), Duration.ofDays(30));
    assertThat(growth.snapshots()).isEqualTo(1);
    Growth database = growth.rows().get(0);
    assertThat(database.database()).isTrue();
    assertThat(database.bytesPerDay()).isPositive();
    assertThat(database.in365Days()).isGreaterThan(database.in90Days()).isGreaterThan(database.in30Days()).isGreaterThan(database.bytes());

    db.execute("DROP TABLE upload; DELETE FROM strata.health_snapshots;");
    health.snapshot(Optional.empty());
    db.execute("UPDATE strata.health_snapshots SET taken_at = taken_at - interval '1 day'");
    assertPassed(check(health, "database-growth"));
  }

  @Test
  void snapshots_in_a_local_file_leave_the_database_alone(TestDatabase db) throws IOException {
    Files.writeString(project.resolve("strata.toml"), "[health]\nsnapshots = \".strata/health.jsonl\"\n");
    Health health = HealthTestSupport.health(db.url(), project);
    SnapshotResult stored = health.snapshot(Optional.empty());
    assertThat(stored.store()).endsWith(".strata/health.jsonl");
    assertThat(Files.readAllLines(project.resolve(".strata/health.jsonl"))).hasSize(1);
    assertThat(db.queryValue("SELECT to_regclass('strata.health_snapshots')::text")).isEmpty();
    assertThat(check(health, "database-growth").status()).isEqualTo(CheckStatus.PASSED);
  }

  @Test
  void thresholds_come_from_strata_toml(TestDatabase db) throws IOException {
    db.execute("CREATE TABLE ticket (id serial PRIMARY KEY); SELECT setval('ticket_id_seq', 1000000000);");
    Health defaults = HealthTestSupport.health(db.url(), project);
    assertPassed(check(defaults, "sequence-exhaustion"));
    Files.writeString(project.resolve("strata.toml"), "[health.sequence-exhaustion]\nwarning = 40\ncritical = 95\n");
    assertFound(check(HealthTestSupport.health(db.url(), project), "sequence-exhaustion"), Severity.WARNING);

    Files.writeString(project.resolve("strata.toml"), "[health]\nskip = [\"sequence-exhaustion\"]\n");
    assertThat(HealthTestSupport.health(db.url(), project).report(List.of()).check("sequence-exhaustion")).isEmpty();

    Files.writeString(project.resolve("strata.toml"), "[health.sequence-exhaustion]\nwarning = \"high\"\n");
    assertThatThrownBy(() -> HealthTestSupport.health(db.url(), project)).isInstanceOf(StrataException.class)
        .hasMessageContaining("health.sequence-exhaustion.warning must be a number");
  }

  @Test
  void backup_freshness_is_not_configured_without_the_backup_module_on_the_class_path(TestDatabase db) {
    CheckResult result = check(HealthTestSupport.health(db.url(), project), "backup-freshness");
    assertThat(result.status()).isEqualTo(CheckStatus.NOT_CONFIGURED);
    assertThat(result.summary()).contains("backup module is not on the class path");
  }

  @Test
  void an_unknown_check_is_a_usage_error_naming_the_checks(TestDatabase db) {
    assertThatThrownBy(() -> HealthTestSupport.health(db.url(), project).report(List.of("no-such-check")))
        .isInstanceOf(StrataException.class).hasMessageContaining("Unknown check \"no-such-check\"").hasMessageContaining("fk-without-index");
  }
}
