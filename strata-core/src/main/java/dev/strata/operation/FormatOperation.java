package dev.strata.operation;

import dev.strata.ErrorCode;
import dev.strata.FormatResult;
import dev.strata.StrataConfig;
import dev.strata.StrataException;
import dev.strata.config.SchemaSources;
import dev.strata.diag.SourceFile;
import dev.strata.prisma.PrismaFrontEnd;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code format}: the schema in {@code prisma format}'s layout. Like Prisma, a schema still invalid
 * once formatted (a syntax error, an unknown type) is reported and no file is written; one that
 * formatting fixes (missing back-relation fields) is written.
 */
public final class FormatOperation {
  private FormatOperation() {}

  /**
   * Formats the schema, and with {@code write} writes each changed file atomically.
   *
   * @throws StrataException when no schema is configured, it cannot be read, or a file cannot be
   *     written
   */
  public static FormatResult run(StrataConfig config, boolean write) {
    SchemaSources sources = SchemaFiles.read(config);
    long started = System.nanoTime();
    PrismaFrontEnd.Formatted formatted = PrismaFrontEnd.formatChecked(sources.sources());
    Map<String, String> texts = formatted.writable() ? formatted.files() : Map.of();
    List<FormatResult.File> files = new ArrayList<>();
    for (int i = 0; i < sources.sources().size(); i++) {
      SourceFile file = sources.sources().get(i);
      files.add(new FormatResult.File(file.path(), sources.files().get(i), file.text(), texts.getOrDefault(file.path(), file.text())));
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    boolean written = false;
    if (write && formatted.writable()) {
      for (FormatResult.File file : files) {
        if (file.changed()) {
          AtomicWrite.write(file.path(), file.after());
          written = true;
        }
      }
    }
    return new FormatResult(sources.location().path(), files, formatted.errors(), written, elapsed);
  }
}
