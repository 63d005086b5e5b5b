package dev.strata.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** How to reach the database: {@code --url}, else config / DATABASE_URL (env or .env). */
public final class ConnectionOptions {
  @Option(
      names = "--url",
      paramLabel = "URL",
      description =
          "Database URL (postgresql://user:pass@host:5432/db?schema=public). Default: prisma.config.ts"
              + " datasource.url, the schema's datasource url, then DATABASE_URL (environment or .env).")
  String url;

  public Optional<String> url() {
    return Optional.ofNullable(url);
  }
}
