package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.config.DatabaseUrl;
import org.junit.jupiter.api.Test;

class MainTest {
  private static final String URL = "postgresql://app:secret@db.example:5433/shop?schema=sales";

  @Test
  void finds_the_url_a_migrate_command_will_connect_to_in_either_spelling() {
    assertThat(Main.explicitMigrateUrl(new String[] {"migrate", "deploy", "--url", URL, "--migrations", "m"}))
        .contains(DatabaseUrl.parse(URL));
    assertThat(Main.explicitMigrateUrl(new String[] {"migrate", "status", "--url=" + URL})).contains(DatabaseUrl.parse(URL));
    assertThat(Main.explicitMigrateUrl(new String[] {"migrate", "resolve", "--applied", "x", "--url", URL}))
        .contains(DatabaseUrl.parse(URL));
  }

  @Test
  void starts_nothing_for_other_commands_a_missing_url_or_one_that_does_not_parse() {
    assertThat(Main.explicitMigrateUrl(new String[] {"migrate", "reset", "--url", URL})).isEmpty();
    assertThat(Main.explicitMigrateUrl(new String[] {"db", "push", "--url", URL})).isEmpty();
    assertThat(Main.explicitMigrateUrl(new String[] {"migrate", "deploy"})).isEmpty();
    assertThat(Main.explicitMigrateUrl(new String[] {"migrate", "deploy", "--url"})).isEmpty();
    assertThat(Main.explicitMigrateUrl(new String[] {"migrate", "deploy", "--url", "mysql://x"})).isEmpty();
    assertThat(Main.explicitMigrateUrl(new String[] {"migrate", "deploy", "--", "--url", URL})).isEmpty();
  }
}
