package dev.strata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate resolve} through the Java API: baselining, setting a failed migration aside, and Prisma's refusals. */
@StrataDatabase
class StrataResolveIT {
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

  private Strata strata(TestDatabase db) {
    return Strata.configure().url(db.url()).migrations(migrations).load();
  }

  @Test
  void resolve_applied_baselines_an_existing_database_without_running_the_migration(TestDatabase db) throws IOException {
    db.execute("CREATE TABLE a (id INT); INSERT INTO a VALUES (1);");
    migration("20240101000000_init", "CREATE TABLE a (id INT);\n");
    Strata strata = strata(db);
    assertThatThrownBy(strata::deploy).isInstanceOfSatisfying(StrataException.class, e -> assertThat(e.prismaCode()).contains("P3005"));

    ResolveResult resolved = strata.resolve("20240101000000_init", ResolveResult.Resolution.APPLIED);

    assertThat(resolved).isEqualTo(new ResolveResult("20240101000000_init", ResolveResult.Resolution.APPLIED));
    assertThat(resolved.resolution().label()).isEqualTo("applied");
    assertThat(db.queryValue("SELECT count(*)::text FROM a")).contains("1"); // not run again
    assertThat(strata.status().upToDate()).isTrue();
    assertThat(strata.deploy().nothingToApply()).isTrue();
  }

  @Test
  void resolve_rolled_back_sets_a_failed_migration_aside_so_that_deploy_runs_it_again(TestDatabase db) throws IOException {
    migration("20240101000000_a", "CREATE TABLE a (id INT);\n");
    migration("20240102000000_fix", "INSERT INTO later VALUES (1);\n");
    Strata strata = strata(db);
    assertThatThrownBy(strata::deploy).isInstanceOf(StrataException.class);
    db.execute("CREATE TABLE later (id INT)");

    ResolveResult resolved = strata.resolve("20240102000000_fix", ResolveResult.Resolution.ROLLED_BACK);

    assertThat(resolved.resolution().label()).isEqualTo("rolled back");
    assertThat(strata.status().entries(StatusResult.State.ROLLED_BACK)).extracting(StatusResult.Entry::name)
        .containsExactly("20240102000000_fix");
    assertThat(strata.deploy().applied()).containsExactly("20240102000000_fix");
    assertThat(db.queryValue("SELECT count(*)::text FROM later")).contains("1");
  }

  @Test
  void prismas_refusals_change_nothing(TestDatabase db) throws IOException {
    migration("20240101000000_a", "CREATE TABLE a (id INT);\n");
    Strata strata = strata(db);
    strata.deploy();
    List<String> before = db.queryColumn("SELECT id || migration_name || coalesce(rolled_back_at::text, '') FROM _prisma_migrations");

    // Not failed: nothing to roll back.
    assertThatThrownBy(() -> strata.resolve("20240101000000_a", ResolveResult.Resolution.ROLLED_BACK))
        .isInstanceOf(StrataException.class);
    // Already applied.
    assertThatThrownBy(() -> strata.resolve("20240101000000_a", ResolveResult.Resolution.APPLIED))
        .isInstanceOf(StrataException.class);
    // No such folder.
    assertThatThrownBy(() -> strata.resolve("20240109000000_nope", ResolveResult.Resolution.APPLIED))
        .isInstanceOf(StrataException.class);

    assertThat(db.queryColumn("SELECT id || migration_name || coalesce(rolled_back_at::text, '') FROM _prisma_migrations"))
        .isEqualTo(before);
  }

  @Test
  void resolve_waits_for_another_deploys_lock_and_says_so(TestDatabase db) throws Exception {
    migration("20240101000000_a", "CREATE TABLE a (id INT);\n");
    db.execute("CREATE TABLE a (id INT)");
    List<StrataEvent> events = new ArrayList<>();
    Strata strata = Strata.configure().url(db.url()).migrations(migrations).listener(events::add).load();
    try (java.sql.Connection other = db.connection()) {
      other.createStatement().execute("SELECT pg_advisory_lock(72707369)");
      DeploySettings settings = DeploySettings.of(strata.config()).withAdvisoryLockTimeout(Duration.ofMillis(300));

      assertThatThrownBy(() -> strata.resolve("20240101000000_a", ResolveResult.Resolution.APPLIED, settings))
          .isInstanceOfSatisfying(StrataException.class, e -> assertThat(e.prismaCode()).contains("P1002"));
      assertThat(events).singleElement().isInstanceOf(StrataEvent.WaitingForLock.class);
    }
    assertThat(db.queryValue("SELECT to_regclass('public._prisma_migrations')::text")).isEmpty();
  }
}
