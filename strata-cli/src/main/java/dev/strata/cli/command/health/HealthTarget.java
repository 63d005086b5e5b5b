package dev.strata.cli.command.health;

import dev.strata.StrataListener;
import dev.strata.cli.CliContext;
import dev.strata.cli.CommandStrata;
import dev.strata.cli.ConnectionOptions;
import dev.strata.cli.DevDatabase;
import dev.strata.cli.SchemaInput;
import dev.strata.cli.SchemaOptions;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.ProjectConfig;
import dev.strata.health.Health;

/** The {@link Health} a {@code strata health …} command works on: the project's database (or the running dev database). */
final class HealthTarget {
  private HealthTarget() {}

  static Health resolve(CliContext ctx, SchemaOptions schema, ConnectionOptions connection) {
    ProjectConfig config = SchemaInput.project(ctx, schema, connection);
    if (connection.url().isEmpty()) {
      config = SchemaInput.withSchemaUrl(ctx, config);
    }
    DatabaseUrl url = DevDatabase.url(ctx, config);
    return Health.of(CommandStrata.of(config, url, StrataListener.NONE));
  }
}
