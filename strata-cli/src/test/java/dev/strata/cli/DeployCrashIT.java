package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once deploys under crashes, with real processes: {@code strata migrate deploy} killed
 * with SIGKILL, SIGTERM and SIGINT before the lock, mid-statement, between migrations, during
 * {@code CREATE INDEX CONCURRENTLY} and during the history write, with a second deploy started at
 * once; and sixteen deploys of one history started together. A fast sample by default; {@code
 * bench/deploy-crash.sh} runs hundreds of trials through the launcher against another server
 * ({@code -Dcrash.trials}, {@code -Dcrash.url}, {@code -Dcrash.launcher}, {@code -Dcrash.rounds}).
 */
@StrataDatabase
class DeployCrashIT {
  @TempDir Path dir;

  private DeployCrashHarness harness(TestDatabase db) throws Exception {
    String url = System.getProperty("crash.url", db.url());
    String launcher = System.getProperty("crash.launcher", "");
    List<String> strata = launcher.isEmpty() ? DeployCrashHarness.javaCommand() : Arrays.asList(launcher.split(" "));
    return new DeployCrashHarness(url, dir, strata);
  }

  @Test
  void every_migration_is_applied_at_most_once_and_the_history_agrees_whatever_kills_the_deploy(TestDatabase db) throws Exception {
    int trials = Integer.getInteger("crash.trials", 18);
    long seed = Long.getLong("crash.seed", 20261207L);
    DeployCrashHarness.Summary summary = harness(db).run(trials, seed);
    String table = summary.table();
    System.out.println("[deploy crash trials, seed " + seed + "]\n" + table);
    Files.writeString(Path.of("target", "deploy-crash-summary.txt"), "seed " + seed + "\n" + table);
    assertThat(summary.trials).isEqualTo(trials);
    assertThat(summary.violations).as(table).isEmpty();
  }

  @Test
  void sixteen_deploys_started_together_apply_each_migration_exactly_once(TestDatabase db) throws Exception {
    int rounds = Integer.getInteger("crash.rounds", 2);
    DeployCrashHarness harness = harness(db);
    for (int round = 0; round < rounds; round++) {
      assertThat(harness.concurrentDeploys(16)).as("round %d", round).isEmpty();
    }
  }
}
