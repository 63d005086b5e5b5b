package dev.strata.health;

import static dev.strata.health.HealthTestSupport.assertFound;
import static dev.strata.health.HealthTestSupport.assertPassed;
import static dev.strata.health.HealthTestSupport.check;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * unused-indexes' guard on the statistics' age: after {@code pg_stat_reset()} an index nobody has
 * scanned yet is not called unused until the statistics are {@code min_stats_days} old. A class of
 * its own, since the reset is the whole database's and would hold back the other index tests.
 */
@StrataDatabase
class UnusedIndexStatisticsAgeIT {
  @TempDir Path project;

  @Test
  void an_index_is_not_called_unused_on_statistics_reset_recently(TestDatabase db) throws InterruptedException {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"
        + "CREATE TABLE item (id int PRIMARY KEY, sku text); INSERT INTO item SELECT g, 's' || g FROM generate_series(1, 2000) g;"
        + "CREATE INDEX item_sku_idx ON item (sku);");
    Health health = HealthTestSupport.health(db.url(), project).withThreshold("unused-indexes", "min_size_mb", 0);
    // statistics never reset: judged from the server's start, the index is reported
    assertThat(db.queryValue("SELECT stats_reset IS NULL FROM pg_stat_database WHERE datname = current_database()")).hasValue("t");
    assertFound(check(health, "unused-indexes"), Severity.INFO);

    db.execute("SELECT pg_stat_reset()");
    CheckResult guarded = check(health, "unused-indexes");
    assertPassed(guarded);
    assertThat(guarded.summary()).matches("statistics were reset 0\\.0 days ago: index use is judged after 7 days");
    assertThat(guarded.rows()).isEmpty();

    // the same reset, once older than the guard (2 s here instead of 7 days): reported again
    Health twoSeconds = health.withThreshold("unused-indexes", "min_stats_days", 2.0 / 86_400);
    Thread.sleep(2_500);
    CheckResult judged = check(twoSeconds, "unused-indexes");
    assertFound(judged, Severity.INFO);
    assertThat(judged.rows()).extracting(r -> r.get(2)).containsExactly("item_sku_idx");
  }
}
