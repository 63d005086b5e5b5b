package dev.strata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Strata#lint(LintRequest)} on a real PostgreSQL: the pending migrations only, and lock
 * findings weighed by the tables' real sizes (an index on an empty table is fine; on a million rows
 * it is an error).
 */
@StrataDatabase
class LintApiIT {
  @TempDir Path project;

  private void migration(String name, String sql) throws IOException {
    Path folder = project.resolve("prisma/migrations").resolve(name);
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("migration.sql"), sql);
  }

  @Test
  void lints_the_pending_migrations_weighing_lock_findings_by_table_size(TestDatabase db) throws IOException {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    migration("20240101000000_init", """
        CREATE TABLE "big" ("id" BIGINT NOT NULL, "user_id" BIGINT, CONSTRAINT "big_pkey" PRIMARY KEY ("id"));
        CREATE TABLE "empty" ("id" BIGINT NOT NULL, "user_id" BIGINT, CONSTRAINT "empty_pkey" PRIMARY KEY ("id"));
        """);
    migration("20240201000000_indexes", """
        CREATE INDEX "big_user_id_idx" ON "big"("user_id");
        CREATE INDEX "empty_user_id_idx" ON "empty"("user_id");
        CREATE TABLE "fresh" ("id" BIGINT NOT NULL, "user_id" BIGINT, CONSTRAINT "fresh_pkey" PRIMARY KEY ("id"));
        CREATE INDEX "fresh_user_id_idx" ON "fresh"("user_id");
        """);
    Strata strata = Strata.configure().url(db.url()).migrations(project.resolve("prisma/migrations")).workingDirectory(project).load();
    strata.deploy();
    db.execute("INSERT INTO big SELECT g, g % 1000 FROM generate_series(1, 1000001) g; ANALYZE big; ANALYZE empty;");
    // the second migration is pending again once we remove its row: lint sees it as pending
    db.execute("DELETE FROM _prisma_migrations WHERE migration_name = '20240201000000_indexes'; DROP INDEX big_user_id_idx; "
        + "DROP INDEX empty_user_id_idx; DROP TABLE fresh;");

    LintResult pending = strata.lint(LintRequest.pending());
    assertThat(pending.files()).containsExactly("prisma/migrations/20240201000000_indexes/migration.sql");
    assertThat(pending.sizesFromDatabase()).isTrue();
    assertThat(pending.findings()).filteredOn(f -> f.code().equals("LN020")).singleElement().satisfies(f -> {
      assertThat(f.relation()).contains("big");
      assertThat(f.severity()).isEqualTo(LintSeverity.ERROR);
      assertThat(f.rows().getAsLong()).isGreaterThan(900_000);
      assertThat(f.line()).isEqualTo(1);
      assertThat(f.message()).contains("SHARE").contains("rows");
    });
    assertThat(pending.hasErrors()).isTrue();

    // offline: every migration, static judgement, no sizes — both existing tables flagged, as warnings
    LintResult offline = strata.lint(LintRequest.all().offline(true));
    assertThat(offline.files()).hasSize(2);
    assertThat(offline.sizesFromDatabase()).isFalse();
    assertThat(offline.findings()).filteredOn(f -> f.code().equals("LN020"))
        .extracting(f -> f.relation().orElseThrow() + ":" + f.severity()).containsExactly("big:WARNING", "empty:WARNING");
    assertThat(offline.notes()).anyMatch(n -> n.contains("static rules' judgement (--offline)"));
    assertThatThrownBy(() -> strata.lint(LintRequest.pending().offline(true))).isInstanceOf(StrataException.class)
        .hasMessageContaining("--pending needs the database");
  }
}
