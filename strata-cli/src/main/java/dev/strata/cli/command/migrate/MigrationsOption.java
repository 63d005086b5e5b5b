package dev.strata.cli.command.migrate;

import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --migrations DIR}: the migrations directory, overriding the config's {@code migrations.path} and the default beside the schema. */
public final class MigrationsOption {
  @Option(
      names = "--migrations",
      paramLabel = "DIR",
      description =
        "Migrations directory. Default: prisma.config.ts migrations.path, then migrations/ beside the" +
        " schema.")
  String migrations;

  public Optional<String> migrations() {
    return Optional.ofNullable(migrations);
  }
}
