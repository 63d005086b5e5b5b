package dev.strata.cli;

import dev.strata.ColdStart;
import dev.strata.cli.command.DemoCommand;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run behind the launcher's class-data archive (AppCDS): it loads the classes the
 * commands use, so that the JVM can list them ({@code -XX:DumpLoadedClassList}) and map them
 * from the archive on every later start instead of reading them from the jar.
 *
 * <p>It runs the CLI in-process on the bundled example in a temporary directory: help (the whole
 * command tree), validate, format, a schema diff with its SQL, and deploy and status against a
 * port where nothing listens (the connection is refused at once), {@code migrate lint --offline
 * --no-cache} (the linter and the parser), plus the driver's classes and
 * the statement splitter and checksum that applying migrations uses. It needs no database, reads
 * no environment, and leaves nothing behind.
 */
public final class ClassDataTraining {
  private ClassDataTraining() {}

  public static void main(String[] args) throws IOException {
    Path project = Files.createTempDirectory("strata-training");
    try {
      DemoCommand.copyExample(project);
      StringWriter sql = new StringWriter();
      run(project, new PrintWriter(sql), "migrate", "diff", "--from-empty", "--to-schema", "prisma/schema.prisma", "--script");
      Path migration = project.resolve("prisma/migrations/20240101000000_init/migration.sql");
      Files.createDirectories(migration.getParent());
      Files.writeString(migration, sql.toString());
      String nowhere = "postgresql://postgres@127.0.0.1:1/strata_training";
      PrintWriter discard = new PrintWriter(OutputStream.nullOutputStream());
      run(project, discard, "--help");
      run(project, discard, "--version");
      run(project, discard, "validate");
      run(project, discard, "format", "--check");
      run(project, discard, "migrate", "status", "--url", nowhere);
      run(project, discard, "migrate", "deploy", "--url", nowhere);
      run(project, discard, "db", "push", "--url", nowhere);
      // the linter, its rules and the parser (--no-cache: the user's parse cache is never touched)
      run(project, discard, "migrate", "lint", "--all", "--offline", "--no-cache", "--format", "json",
          "--migrations", migration.getParent().getParent().toString());
      ColdStart.preload();
    } finally {
      try (Stream<Path> files = Files.walk(project)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private static void run(Path project, PrintWriter out, String... args) {
    StrataCli.run(new CliContext(project, Map.of(), out, new PrintWriter(OutputStream.nullOutputStream()),
        new ByteArrayInputStream(new byte[0]), false), args);
  }
}
