package dev.strata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate status} through the Java API: every migration's state and what {@code migrate status} shows beside it. */
@StrataDatabase
class StrataStatusIT {
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
  void a_database_without_history_is_not_up_to_date_and_everything_is_pending(TestDatabase db) throws IOException {
    migration("20240101120000_init", "CREATE TABLE a (id INT);\n");

    StatusResult status = strata(db).status();

    assertThat(status.upToDate()).isFalse();
    assertThat(status.hasMigrationsTable()).isFalse();
    assertThat(status.found()).isEqualTo(1);
    assertThat(status.entries()).singleElement().satisfies(e -> {
      assertThat(e.number()).isEqualTo(1);
      assertThat(e.timestamp()).contains("20240101120000");
      assertThat(e.state()).isEqualTo(StatusResult.State.PENDING);
      assertThat(e.appliedAt()).isEmpty();
    });
    assertThat(db.queryValue("SELECT to_regclass('public._prisma_migrations')::text")).isEmpty();
  }

  @Test
  void applied_pending_edited_and_missing_migrations_with_the_history_comparison(TestDatabase db) throws IOException {
    migration("20240101000000_a", "CREATE TABLE a (id INT);\n");
    migration("20240102000000_b", "CREATE TABLE b (id INT);\n");
    migration("20240103000000_gone", "CREATE TABLE gone (id INT);\n");
    Strata strata = strata(db);
    strata.deploy();
    Files.writeString(migrations.resolve("20240102000000_b/migration.sql"), "CREATE TABLE b (id BIGINT);\n");
    try (var files = Files.walk(migrations.resolve("20240103000000_gone"))) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    migration("20240104000000_d", "CREATE TABLE d (id INT);\n");

    StatusResult status = strata.status();

    assertThat(status.found()).isEqualTo(3);
    assertThat(status.upToDate()).isFalse();
    assertThat(status.entries(StatusResult.State.APPLIED)).extracting(StatusResult.Entry::name).containsExactly("20240101000000_a");
    assertThat(status.entries(StatusResult.State.MODIFIED)).extracting(StatusResult.Entry::name).containsExactly("20240102000000_b");
    assertThat(status.entries(StatusResult.State.MISSING_ON_DISK)).extracting(StatusResult.Entry::name)
        .containsExactly("20240103000000_gone");
    assertThat(status.pending()).containsExactly("20240104000000_d");
    assertThat(status.entries(StatusResult.State.APPLIED).get(0).appliedAt()).isPresent();
    assertThat(status.entries(StatusResult.State.APPLIED).get(0).startedAt()).isPresent();
    assertThat(status.edits()).singleElement().satisfies(edit -> {
      assertThat(edit.name()).isEqualTo("20240102000000_b");
      assertThat(edit.recordedChecksum()).isNotEqualTo(edit.currentChecksum());
    });
    assertThat(status.editedMigrationNames()).containsExactly("20240102000000_b");
    assertThat(status.history().kind()).isEqualTo(StatusResult.History.Kind.HISTORIES_DIVERGE);
    assertThat(status.history().unappliedMigrationNames()).containsExactly("20240104000000_d");
    assertThat(status.history().unpersistedMigrationNames()).containsExactly("20240103000000_gone");
    assertThat(StatusResult.Edit.CODE).isEqualTo("MG010");
  }

  @Test
  void a_failed_migration_makes_the_database_not_up_to_date(TestDatabase db) throws IOException {
    migration("20240101000000_a", "CREATE TABLE a (id INT);\n");
    migration("20240102000000_bad", "INSERT INTO nowhere VALUES (1);\n");
    Strata strata = strata(db);
    assertThatThrownBy(strata::deploy).isInstanceOf(StrataException.class);

    StatusResult status = strata.status();

    assertThat(status.upToDate()).isFalse();
    assertThat(status.failedMigrationNames()).containsExactly("20240102000000_bad");
    assertThat(status.entries(StatusResult.State.FAILED)).singleElement().satisfies(e -> assertThat(e.logs()).isPresent());
    assertThat(status.history().kind()).isEqualTo(StatusResult.History.Kind.IN_SYNC);
  }

  @Test
  void an_up_to_date_database_with_a_migration_applied_out_of_order(TestDatabase db) throws IOException {
    migration("20240102000000_b", "CREATE TABLE b (id INT);\n");
    Strata strata = strata(db);
    strata.deploy();
    migration("20240101000000_a", "CREATE TABLE a (id INT);\n");
    assertThat(strata.status().pendingOutOfOrder()).extracting(OutOfOrderMigration::name).containsExactly("20240101000000_a");
    strata.deploy();

    StatusResult status = strata.status();

    assertThat(status.upToDate()).isTrue();
    assertThat(status.history().kind()).isEqualTo(StatusResult.History.Kind.IN_SYNC);
    assertThat(status.appliedOutOfOrder()).containsExactly(new OutOfOrderMigration("20240101000000_a", "20240102000000_b", true));
    assertThat(status.pendingOutOfOrder()).isEmpty();
  }
}
