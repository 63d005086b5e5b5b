package dev.strata.cli.command.health;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.ConnectionOptions;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.SchemaOptions;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.health.Health;
import dev.strata.health.QueryCheckReport;
import dev.strata.health.QueryCheckReport.QueryResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strata check queries}: named queries checked for their plan, result and speed; exit 3 on a failure. */
@Command(
    name = "queries",
    header = "Check named queries' plans, results and speed against the database (EXPLAIN ANALYZE, rolled back).",
    description = "Run each query of FILE (default: prisma/queries.sql, else prisma/queries.toml) with EXPLAIN (ANALYZE, BUFFERS) "
        + "in a transaction that is rolled back, and check its expectations, given as comment lines before the SQL: "
        + "-- query: NAME, -- uses-index: INDEX, -- no-seq-scan: TABLE, -- rows: N, -- result: VALUE (first column of the first "
        + "row), -- max-ms: N. Prints a test report (JUnit XML too with --junit FILE). Exit code 3 when a query fails.")
public final class CheckQueriesCommand extends BaseCommand {
  @Mixin SchemaOptions schemaOptions;
  @Mixin ConnectionOptions connectionOptions;

  @Parameters(arity = "0..1", paramLabel = "FILE", description = "The queries file (.sql with directives, or .toml).")
  String file;

  @Option(names = "--junit", paramLabel = "FILE", description = "Also write the results as JUnit XML to FILE (for CI).")
  String junit;

  @Override
  protected int run() {
    Terminal term = terminal();
    Path path = file != null ? context().resolve(file) : defaultFile();
    QueryCheckReport report = HealthTarget.resolve(context(), schemaOptions, connectionOptions).checkQueries(path);
    if (junit != null) {
      Path out = context().resolve(junit);
      try {
        if (out.getParent() != null) {
          Files.createDirectories(out.getParent());
        }
        Files.writeString(out, Health.junitXml(report), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new StrataException(ErrorCode.FILE_NOT_FOUND, "Could not write " + junit + ": " + e.getMessage());
      }
    }
    int exit = report.failures() > 0 ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    if (output.json()) {
      term.out().println(Json.write(json(report)));
      return exit;
    }
    term.out().println("strata check queries: " + context().display(path));
    for (QueryResult q : report.queries()) {
      String timing = String.format(Locale.ROOT, "%.2f ms, %d row(s)", q.executionMs(), q.rows());
      String plan = (q.indexesUsed().isEmpty() ? "" : "; indexes: " + String.join(", ", q.indexesUsed()))
          + (q.seqScans().isEmpty() ? "" : "; seq scans: " + String.join(", ", q.seqScans()));
      term.out().println((q.passed() ? term.green("  ✓ ") : term.red("  ✗ ")) + q.name() + term.dim("  (" + timing + plan + ")"));
      q.failures().forEach(f -> term.out().println("      " + f));
    }
    term.out().println();
    long passed = report.queries().size() - report.failures();
    term.out().println(passed + " passed, " + report.failures() + " failed" + (junit == null ? "" : " (JUnit XML: " + junit + ")"));
    return exit;
  }

  private static java.util.Map<String, Object> json(QueryCheckReport report) {
    java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
    doc.put("file", report.file());
    doc.put("passed", report.queries().size() - report.failures());
    doc.put("failed", report.failures());
    doc.put("elapsedMs", report.elapsed().toMillis());
    List<java.util.Map<String, Object>> queries = new java.util.ArrayList<>();
    for (QueryResult q : report.queries()) {
      java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("name", q.name());
      m.put("passed", q.passed());
      m.put("failures", q.failures());
      m.put("executionMs", q.executionMs());
      m.put("rows", q.rows());
      m.put("indexesUsed", q.indexesUsed());
      m.put("seqScans", q.seqScans());
      q.result().ifPresent(r -> m.put("result", r));
      m.put("sql", q.sql());
      queries.add(m);
    }
    doc.put("queries", queries);
    return doc;
  }

  private Path defaultFile() {
    for (String candidate : List.of("prisma/queries.sql", "prisma/queries.toml", "queries.sql", "queries.toml")) {
      Path path = context().resolve(candidate);
      if (Files.isRegularFile(path)) {
        return path;
      }
    }
    throw new StrataException(ErrorCode.FILE_NOT_FOUND,
        "No queries file: give one (strata check queries FILE), or create prisma/queries.sql with \"-- query: NAME\" blocks.");
  }
}
