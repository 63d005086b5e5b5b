package dev.strata.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the Prisma schema is: {@code --schema} (a file or a folder of .prisma files) and {@code --config}. */
public final class SchemaOptions {
  @Option(
      names = "--schema",
      paramLabel = "PATH",
      description =
          "Schema file, or folder of .prisma files. Default: prisma.config.ts 'schema', then"
              + " prisma/schema.prisma, then prisma/schema/.")
  String schema;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Prisma config file (prisma.config.ts). Default: Prisma's lookup (prisma.config.ts, .config/prisma.ts, …).")
  String config;

  public Optional<String> config() {
    return Optional.ofNullable(config);
  }

  public Optional<String> schema() {
    return Optional.ofNullable(schema);
  }
}
