package dev.strata.health;

import static dev.strata.health.HealthTestSupport.check;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A role with only CONNECT and the app's tables gets a whole report: skips naming the privilege, never errors. */
@StrataDatabase
class LeastPrivilegeIT {
  static final String ROLE = "health_least_privilege";
  @TempDir Path project;

  @BeforeEach
  void role(TestDatabase db) {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"
        + "CREATE TABLE \"User\" (id serial PRIMARY KEY, email text); CREATE TABLE \"Post\" (id serial PRIMARY KEY, \"authorId\" int REFERENCES \"User\");"
        + "DROP ROLE IF EXISTS " + ROLE + "; CREATE ROLE " + ROLE + " LOGIN;"
        + "GRANT CONNECT ON DATABASE \"" + db.name() + "\" TO " + ROLE + "; GRANT USAGE ON SCHEMA public TO " + ROLE + ";"
        + "GRANT SELECT ON \"User\" TO " + ROLE + ";");
  }

  @AfterEach
  void dropRole(TestDatabase db) {
    db.execute("DROP OWNED BY " + ROLE + "; DROP ROLE " + ROLE + ";");
  }

  private String url(TestDatabase db) {
    return db.url().replace("postgresql://postgres@", "postgresql://" + ROLE + "@");
  }

  @Test
  void the_report_has_skips_naming_the_privilege_and_no_errors(TestDatabase db) {
    assertThat(url(db)).contains(ROLE);
    Health health = HealthTestSupport.health(url(db), project);
    HealthReport report = health.report(List.of());
    assertThat(report.role()).isEqualTo(ROLE);
    assertThat(report.checks()).hasSize(Health.checks().size());
    assertThat(report.checks()).filteredOn(c -> c.status() == CheckStatus.ERROR).as("errors").isEmpty();
    List<CheckResult> skipped = report.checks().stream().filter(c -> c.status() == CheckStatus.SKIPPED).toList();
    assertThat(skipped).extracting(CheckResult::id)
        .contains("long-running-queries", "idle-in-transaction", "blocking-locks", "replication-lag", "sequence-exhaustion");
    assertThat(skipped).allSatisfy(c -> assertThat(c.privilege()).isPresent());
    assertThat(report.check("long-running-queries").get().privilege()).hasValue("pg_read_all_stats");
    assertThat(report.check("long-running-queries").get().summary()).endsWith("GRANT pg_monitor TO " + ROLE + ";");
    assertThat(report.check("sequence-exhaustion").get().privilege().get()).contains("SELECT or USAGE on the sequences");
    // what the role can see still runs: the catalogue is readable by everyone
    assertThat(report.check("fk-without-index").get().status()).isEqualTo(CheckStatus.FOUND);

    db.execute("GRANT pg_monitor TO " + ROLE);
    CheckResult now = check(HealthTestSupport.health(url(db), project), "long-running-queries");
    assertThat(now.status()).isEqualTo(CheckStatus.PASSED);
  }
}
