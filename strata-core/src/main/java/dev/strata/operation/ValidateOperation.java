package dev.strata.operation;

import dev.strata.StrataConfig;
import dev.strata.ValidateResult;
import dev.strata.config.SchemaSources;
import dev.strata.diag.SourceFile;
import dev.strata.prisma.PrismaFrontEnd;
import java.time.Duration;

/** {@code validate}: the schema checked with Prisma's rules; problems are returned, never thrown. */
public final class ValidateOperation {
  private ValidateOperation() {}

  /** @throws dev.strata.StrataException when no schema is configured or it cannot be read */
  public static ValidateResult run(StrataConfig config) {
    SchemaSources sources = SchemaFiles.read(config);
    long started = System.nanoTime();
    PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(sources.sources());
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    return new ValidateResult(sources.location().path(), sources.sources().stream().map(SourceFile::path).toList(),
        checked.diagnostics(), elapsed);
  }
}
