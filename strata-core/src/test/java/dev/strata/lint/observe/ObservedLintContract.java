package dev.strata.lint.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.LintFinding;
import dev.strata.LintRequest;
import dev.strata.LintResult;
import dev.strata.Strata;
import dev.strata.StrataConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strata migrate lint} observing on a real shadow database: the history replayed, the linted
 * migration run under the observer, and the lock and rewrite rules judging from what PostgreSQL
 * did. Run on the machine's PostgreSQL (15) and the embedded one (17).
 */
abstract class ObservedLintContract {
  @TempDir Path project;

  /** The configuration with this server's shadow databases. */
  abstract StrataConfig.Builder withShadow(StrataConfig.Builder builder);

  /** A scratch connection to the same server (for reading pg_locks independently). */
  abstract Connection scratch();

  private void migration(String name, String sql) throws IOException {
    Path folder = project.resolve("prisma/migrations").resolve(name);
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("migration.sql"), sql);
  }

  private Strata strata() {
    return Strata.of(withShadow(Strata.configure().withoutDatabase().migrations(project.resolve("prisma/migrations"))
        .workingDirectory(project)).build());
  }

  private static final String INIT = """
      CREATE TABLE "orders" ("id" INTEGER NOT NULL, "total" INTEGER, "code" VARCHAR(10), CONSTRAINT "orders_pkey" PRIMARY KEY ("id"));
      """;

  private static final String CHANGE = """
      ALTER TABLE "orders" ADD COLUMN "qty" INTEGER DEFAULT 0;
      ALTER TABLE "orders" ALTER COLUMN "code" TYPE VARCHAR(20);
      ALTER TABLE "orders" ALTER COLUMN "total" TYPE BIGINT;
      ALTER TABLE "orders" ALTER COLUMN "code" TYPE VARCHAR(5);
      ALTER TABLE "orders" ADD COLUMN "stamp" DOUBLE PRECISION DEFAULT random();
      CREATE TABLE "fresh" ("id" INTEGER NOT NULL);
      ALTER TABLE "fresh" ALTER COLUMN "id" TYPE BIGINT;
      """;

  @Test
  void lock_and_rewrite_findings_come_from_what_postgresql_did() throws IOException {
    migration("20240101000000_init", INIT);
    migration("20240201000000_change", CHANGE);

    LintResult observed = strata().lint(LintRequest.since("20240101000000_init"));
    assertThat(observed.observed()).isTrue();
    assertThat(observed.notes()).anyMatch(n -> n.contains("observed: 1 of 1 migration"));
    List<LintFinding> locks = observed.findings().stream().filter(f -> !f.basis().isEmpty()).toList();
    assertThat(locks).allSatisfy(f -> {
      assertThat(f.basis()).isEqualTo("observed");
      assertThat(f.message()).contains("observed on the shadow database");
    });
    // ADD COLUMN … DEFAULT 0 (line 1) and varchar(10) -> varchar(20) (line 2) are metadata-only: not flagged;
    // the table created in the migration (lines 6-7) is never flagged
    assertThat(locks).extracting(f -> f.code() + "@" + f.line()).containsExactly("LN026@3", "LN026@4", "LN025@5");
    // int -> bigint rewrites under ACCESS EXCLUSIVE, as pg_locks says
    LintFinding bigint = locks.get(0);
    assertThat(bigint.message()).contains("rewrites the table");
    assertThat(bigint.lockMode()).contains("ACCESS EXCLUSIVE");
    assertThat(bigint.lockMode()).contains(lockSeenInPgLocks("ALTER TABLE lock_probe ALTER COLUMN total TYPE BIGINT"));
    // varchar(20) -> varchar(5) must check every value: a rewrite the static rule does not see
    assertThat(locks.get(1).message()).contains("rewrites the table");

    // the same migration offline: the static rules, and they say so
    LintResult offline = strata().lint(LintRequest.since("20240101000000_init").offline(true));
    assertThat(offline.observed()).isFalse();
    List<LintFinding> staticLocks = offline.findings().stream().filter(f -> !f.basis().isEmpty()).toList();
    assertThat(staticLocks).extracting(f -> f.code() + "@" + f.line()).containsExactly("LN026@3", "LN025@5");
    assertThat(staticLocks).allSatisfy(f -> {
      assertThat(f.basis()).isEqualTo("static");
      assertThat(f.message()).contains("static rule (not observed)");
    });
  }

  @Test
  void a_lock_taken_earlier_in_the_transaction_is_the_one_named() throws IOException {
    migration("20240101000000_init", INIT);
    migration("20240201000000_index", """
        CREATE INDEX "orders_total_idx" ON "orders"("total");
        """);
    LintResult result = strata().lint(LintRequest.all());
    assertThat(result.observed()).isTrue();
    LintFinding index = result.findings().stream().filter(f -> f.code().equals("LN020")).findFirst().orElseThrow();
    assertThat(index.basis()).isEqualTo("observed");
    assertThat(index.lockMode()).contains(lockSeenInPgLocks("CREATE INDEX lock_probe_idx ON lock_probe (total)"));
    assertThat(index.lockMode()).contains("SHARE");
  }

  @Test
  void a_file_given_is_observed_after_the_history_before_it() throws IOException {
    migration("20240101000000_init", INIT);
    migration("20240201000000_change", CHANGE);
    LintResult result = strata().lint(LintRequest.files(List.of(Path.of("prisma/migrations/20240201000000_change/migration.sql"))));
    assertThat(result.observed()).isTrue();
    assertThat(result.notes()).anyMatch(n -> n.contains("after replaying 1 earlier migration"));
    assertThat(result.findings()).filteredOn(f -> !f.basis().isEmpty())
        .extracting(f -> f.code() + "@" + f.line() + ":" + f.basis()).containsExactly("LN026@3:observed", "LN026@4:observed", "LN025@5:observed");
  }

  @Test
  void a_migration_that_fails_on_the_shadow_is_judged_by_the_static_rules_and_a_note_says_why() throws IOException {
    migration("20240101000000_init", INIT);
    migration("20240201000000_broken", """
        ALTER TABLE "orders" ALTER COLUMN "total" TYPE BIGINT;
        ALTER TABLE "missing" ADD COLUMN "x" INTEGER;
        """);
    LintResult result = strata().lint(LintRequest.all());
    assertThat(result.observed()).isFalse();
    assertThat(result.notes()).anyMatch(n -> n.contains("migration 20240201000000_broken failed on") && n.contains("missing")
        && n.contains("static rule, not observed"));
    assertThat(result.findings()).filteredOn(f -> f.code().equals("LN026")).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("static rule (not observed)"));
  }

  /** The strongest lock mode {@code statement} holds on the table lock_probe, read from pg_locks on a scratch database. */
  private String lockSeenInPgLocks(String statement) {
    try (Connection c = scratch(); Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS lock_probe");
      st.execute("CREATE TABLE lock_probe (id INTEGER PRIMARY KEY, total INTEGER, code VARCHAR(10))");
      c.setAutoCommit(false);
      st.execute(statement);
      List<String> modes = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("SELECT mode FROM pg_locks WHERE pid = pg_backend_pid() AND granted"
          + " AND relation = 'lock_probe'::regclass")) {
        while (rs.next()) {
          modes.add(rs.getString(1));
        }
      }
      c.rollback();
      List<String> order = List.of("AccessShareLock", "RowShareLock", "RowExclusiveLock", "ShareUpdateExclusiveLock", "ShareLock",
          "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock");
      String strongest = modes.stream().max((a, b) -> Integer.compare(order.indexOf(a), order.indexOf(b))).orElseThrow();
      return strongest.substring(0, strongest.length() - 4).replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
