package dev.strata.cli.command.migrate;

import dev.strata.DiagnosticCodes;
import dev.strata.LintFinding;
import dev.strata.LintRequest;
import dev.strata.LintResult;
import dev.strata.LintSeverity;
import dev.strata.Strata;
import dev.strata.StrataConfig;
import dev.strata.StrataListener;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.CommandStrata;
import dev.strata.cli.ConnectionOptions;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.SchemaInput;
import dev.strata.cli.SchemaOptions;
import dev.strata.cli.Shadows;
import dev.strata.config.DatabaseUrl;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.config.ProjectConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code strata migrate lint}: renders {@link Strata#lint(LintRequest)} as text, JSON, GitHub
 * annotations or SARIF; exit 3 on an error-level finding.
 */
@Command(
    name = "lint",
    header = "Check migrations for data loss, locks, rewrites and schema smells.",
    description =
        "Parse every statement with PostgreSQL's own parser and check it against Strata's lint rules (strata explain LNxxx;" +
        " docs/lint.md): data loss, changes that fail on existing data, locks and rewrites, changes that break the" +
        " running application, schema quality, conventions. With a database configured, the pending migrations are linted" +
        " and lock findings are weighed by the real table sizes; otherwise every migration. Lock and rewrite findings are" +
        " observed: the migrations run on the shadow database, and the lock mode PostgreSQL took (pg_locks) and whether it" +
        " rewrote the table decide; with --offline (or no shadow database) they are the static rules' judgement. Silence a finding with -- strata-lint-ignore LNxxx: reason above the statement, or in" +
        " strata.toml. Exit code 3 when a finding is an error.")
public final class MigrateLintCommand extends BaseCommand {
  @Mixin SchemaOptions schemaOptions;
  @Mixin ConnectionOptions connectionOptions;
  @Mixin MigrationsOption migrationsOption;

  @ArgGroup(exclusive = true)
  Which which;

  static final class Which {
    @Option(names = "--pending", description = "The migrations not yet applied to the database (the default when one is configured).")
    boolean pending;

    @Option(names = "--all", description = "Every migration (the default without a database).")
    boolean all;

    @Option(names = "--since", paramLabel = "NAME", description = "The migrations after NAME.")
    String since;
  }

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "Migration files (or migration folders) to lint instead.")
  List<Path> files = new ArrayList<>();

  @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json, github (workflow annotations) or sarif.")
  String format;

  @Option(names = "--offline", description = "Use no database: no table sizes, no shadow observation; lock and rewrite findings are"
      + " the static rules' (static rule (not observed)). Without it, the migrations linted run on the shadow database (the embedded"
      + " PostgreSQL, or --shadow-database-url) after the history before them, and lock and rewrite findings are what PostgreSQL did there.")
  boolean offline;

  @Option(names = "--shadow-database-url", paramLabel = "URL",
      description = "An EMPTY database to observe the migrations in (default: the embedded PostgreSQL).")
  String shadowUrl;

  @Option(names = "--no-cache", description = "Parse every statement again: neither read nor write the parse cache"
      + " ($STRATA_LINT_CACHE_DIR, else $XDG_CACHE_HOME/strata/lint-parse, else ~/.cache/strata/lint-parse).")
  boolean noCache;

  @Override
  protected int run() {
    Terminal term = terminal();
    String fmt = format == null ? (output.json() ? "json" : "text") : format.toLowerCase(Locale.ROOT);
    if (!List.of("text", "json", "github", "sarif").contains(fmt)) {
      term.err().println(term.red("error: ") + "--format " + format + ": expected text, json, github or sarif.");
      return ExitCodes.USAGE;
    }
    if (!files.isEmpty() && which != null) {
      term.err().println(term.red("error: ") + "give migration files or one of --pending, --all, --since, not both.");
      return ExitCodes.USAGE;
    }
    ProjectConfig project = SchemaInput.withSchemaUrl(context(),
        SchemaInput.project(context(), schemaOptions, connectionOptions, migrationsOption.migrations()));
    Strata strata;
    if (shadowUrl != null && !offline) {
      StrataConfig.Builder builder = Strata.configure().project(project)
          .shadowDatabases(Shadows.of(Optional.of(DatabaseUrl.parse(shadowUrl))));
      if (project.url().isPresent()) {
        builder.url(project.databaseUrl());
      } else {
        builder.withoutDatabase();
      }
      strata = Strata.of(builder.build());
    } else {
      strata = !offline && project.url().isPresent()
          ? CommandStrata.of(project, project.databaseUrl(), StrataListener.NONE)
          : CommandStrata.offline(project, StrataListener.NONE);
    }
    LintRequest request;
    if (!files.isEmpty()) {
      request = LintRequest.files(files);
    } else if (which == null) {
      request = new LintRequest(LintRequest.Scope.DEFAULT, Optional.empty(), List.of(), false);
    } else if (which.pending) {
      request = LintRequest.pending();
    } else if (which.all) {
      request = LintRequest.all();
    } else {
      request = LintRequest.since(which.since);
    }
    LintResult result = strata.lint(request.offline(offline).parseCache(!noCache));
    switch (fmt) {
      case "json" -> term.out().println(Json.write(json(result)));
      case "sarif" -> term.out().println(Json.write(sarif(result)));
      case "github" -> github(term.out(), result);
      default -> text(term, result);
    }
    return result.hasErrors() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
  }

  private static void text(Terminal term, LintResult result) {
    findings(term, result);
    for (String note : result.notes()) {
      term.err().println(term.dim("note: ") + note);
    }
  }

  /** The findings and the summary line, as {@code strata migrate lint} prints them (also after {@code migrate dev}). */
  static void findings(Terminal term, LintResult result) {
    PrintWriter out = term.out();
    for (LintFinding f : result.findings()) {
      String label = switch (f.severity()) {
        case ERROR -> term.red("error[" + f.code() + "]");
        case WARNING -> term.yellow("warning[" + f.code() + "]");
        case INFO -> term.bold("note[" + f.code() + "]");
      };
      out.println(label + ": " + f.message());
      out.println("  " + term.dim("-->") + " " + f.location());
      out.println("   " + term.dim("|") + " " + f.statement());
      String[] fix = f.fix().split("\n");
      out.println("   " + term.dim("=") + " fix: " + fix[0]);
      for (int i = 1; i < fix.length; i++) {
        out.println("          " + fix[i]);
      }
      out.println();
    }
    out.println(summary(result));
  }

  private static String summary(LintResult result) {
    return "Linted " + result.files().size() + " migration" + (result.files().size() == 1 ? "" : "s") + " (" + result.statements()
        + " statement" + (result.statements() == 1 ? "" : "s") + "): " + count(result.count(LintSeverity.ERROR), "error") + ", "
        + count(result.count(LintSeverity.WARNING), "warning") + ", " + count(result.count(LintSeverity.INFO), "note")
        + (result.suppressed().isEmpty() ? "" : "; " + result.suppressed().size() + " suppressed") + "."
        + " Locks and rewrites: " + basis(result) + ".";
  }

  /** How the lock and rewrite findings were judged, for the summary line. */
  private static String basis(LintResult result) {
    if (result.observed()) {
      return "observed on the shadow database";
    }
    boolean some = result.findings().stream().anyMatch(f -> f.basis().equals("observed"))
        || result.notes().stream().anyMatch(n -> n.startsWith("lock and rewrite findings are observed"));
    return some ? "observed on the shadow database in part, else static rule (not observed)" : "static rule (not observed)";
  }

  private static String count(long n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  private static void github(PrintWriter out, LintResult result) {
    for (LintFinding f : result.findings()) {
      String level = switch (f.severity()) {
        case ERROR -> "error";
        case WARNING -> "warning";
        case INFO -> "notice";
      };
      out.println("::" + level + " file=" + escapeProperty(f.file()) + ",line=" + f.line() + ",title=" + escapeProperty(f.code() + " " + f.rule())
          + "::" + escapeData(f.message() + "\nfix: " + f.fix()));
    }
    out.println(summary(result));
  }

  private static String escapeData(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  private static String escapeProperty(String s) {
    return escapeData(s).replace(":", "%3A").replace(",", "%2C");
  }

  static Map<String, Object> finding(LintFinding f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", f.code());
    m.put("rule", f.rule());
    m.put("severity", f.severity().label());
    m.put("file", f.file());
    m.put("line", f.line());
    m.put("statement", f.statement());
    m.put("message", f.message());
    m.put("fix", f.fix());
    f.relation().ifPresent(r -> m.put("relation", r));
    f.lockMode().ifPresent(l -> m.put("lockMode", l));
    if (!f.basis().isEmpty()) {
      m.put("basis", f.basis());
      m.put("observed", f.basis().equals("observed"));
    }
    f.rows().ifPresent(r -> m.put("rows", r));
    f.bytes().ifPresent(b -> m.put("bytes", b));
    return m;
  }

  static Map<String, Object> json(LintResult result) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("files", result.files());
    m.put("statements", result.statements());
    m.put("unparsed", result.unparsed());
    m.put("observed", result.observed());
    m.put("sizesFromDatabase", result.sizesFromDatabase());
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("errors", result.count(LintSeverity.ERROR));
    summary.put("warnings", result.count(LintSeverity.WARNING));
    summary.put("notes", result.count(LintSeverity.INFO));
    summary.put("suppressed", result.suppressed().size());
    m.put("summary", summary);
    m.put("findings", result.findings().stream().map(MigrateLintCommand::finding).toList());
    m.put("suppressed", result.suppressed().stream().map(s -> {
      Map<String, Object> f = finding(s.finding());
      f.put("reason", s.reason());
      return f;
    }).toList());
    m.put("notes", result.notes());
    return m;
  }

  /** SARIF 2.1.0, for code-scanning uploads. */
  private static Map<String, Object> sarif(LintResult result) {
    Map<String, Map<String, Object>> rules = new LinkedHashMap<>();
    List<Map<String, Object>> results = new ArrayList<>();
    for (LintFinding f : result.findings()) {
      rules.computeIfAbsent(f.code(), code -> {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", code);
        rule.put("name", f.rule());
        rule.put("shortDescription", Map.of("text", DiagnosticCodes.describe(code).orElse(f.rule())));
        rule.put("help", Map.of("text", DiagnosticCodes.explain(code).orElse("")));
        return rule;
      });
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("ruleId", f.code());
      r.put("level", switch (f.severity()) {
        case ERROR -> "error";
        case WARNING -> "warning";
        case INFO -> "note";
      });
      r.put("message", Map.of("text", f.message() + "\nfix: " + f.fix()));
      if (!f.basis().isEmpty()) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("basis", f.basis());
        properties.put("observed", f.basis().equals("observed"));
        f.lockMode().ifPresent(l -> properties.put("lockMode", l));
        r.put("properties", properties);
      }
      r.put("locations", List.of(Map.of("physicalLocation", Map.of(
          "artifactLocation", Map.of("uri", f.file()),
          "region", Map.of("startLine", f.line())))));
      results.add(r);
    }
    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("name", "strata");
    driver.put("rules", new ArrayList<>(rules.values()));
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("tool", Map.of("driver", driver));
    run.put("results", results);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    doc.put("version", "2.1.0");
    doc.put("runs", List.of(run));
    return doc;
  }
}
