package dev.strata.cli.command.health;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.ConnectionOptions;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.SchemaOptions;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.health.CheckInfo;
import dev.strata.health.CheckResult;
import dev.strata.health.CheckStatus;
import dev.strata.health.Health;
import dev.strata.health.HealthReport;
import dev.strata.health.Severity;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code strata health}: every check (or those named), in text, JSON, Prometheus or HTML; exit 3 with {@code --fail-on}. */
@Command(
    name = "health",
    header = "Check the database's health: indexes, bloat, vacuum, wraparound, sessions, replication, settings, migrations.",
    description = "Run the health checks (33: see --list) against the database and report each one's findings with their "
        + "severity, the evidence, and a one-line fix with its SQL. Thresholds come from strata.toml ([health.CHECK-ID]). "
        + "Checks the role lacks privileges for are reported as skipped, naming the privilege. Exit code 0; with "
        + "--fail-on LEVEL, 3 when a finding at or above LEVEL exists (for cron and CI).",
    synopsisSubcommandLabel = "[COMMAND]")
public final class HealthCommand extends BaseCommand {
  @Mixin SchemaOptions schemaOptions;
  @Mixin ConnectionOptions connectionOptions;

  @Option(names = "--check", paramLabel = "ID", split = ",", description = "Run only this check (repeatable, or comma-separated).")
  List<String> checks = new ArrayList<>();

  @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json, prometheus or html (one self-contained file).")
  String format;

  @Option(names = "--fail-on", paramLabel = "LEVEL", description = "Exit 3 when a finding is at least this severe: info, warning or critical.")
  String failOn;

  @Option(names = "--list", description = "List the checks with their thresholds and exit.")
  boolean list;

  @Override
  protected int run() {
    Terminal term = terminal();
    String chosen = format == null ? (output.json() ? "json" : "text") : format.toLowerCase(Locale.ROOT);
    if (!List.of("text", "json", "prometheus", "html").contains(chosen)) {
      throw new StrataException(ErrorCode.USAGE, "Unknown --format \"" + format + "\": use text, json, prometheus or html.");
    }
    Severity level = failOn == null ? null : level(failOn);
    if (list) {
      list(term, chosen.equals("json"));
      return ExitCodes.OK;
    }
    Health health = HealthTarget.resolve(context(), schemaOptions, connectionOptions);
    HealthReport report = health.report(checks);
    switch (chosen) {
      case "json" -> term.out().println(Json.write(json(report)));
      case "prometheus" -> term.out().print(health.prometheus(report));
      case "html" -> term.out().print(Health.html(report));
      default -> text(term, report);
    }
    term.out().flush();
    return level != null && report.failsAt(level) ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
  }

  private static Severity level(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "info" -> Severity.INFO;
      case "warning" -> Severity.WARNING;
      case "critical" -> Severity.CRITICAL;
      default -> throw new StrataException(ErrorCode.USAGE, "Unknown --fail-on \"" + text + "\": use info, warning or critical.");
    };
  }

  private static void list(Terminal term, boolean json) {
    if (json) {
      term.out().println(Json.write(Health.checks()));
      return;
    }
    for (CheckInfo check : Health.checks()) {
      term.out().println(term.bold(check.id()) + "  " + check.title() + (check.needsRole().isEmpty() ? "" : " (needs " + check.needsRole() + ")"));
      new java.util.TreeMap<>(check.thresholds()).forEach((k, v) -> term.out().println("    " + k + " = " + number(v)));
    }
  }

  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  static void text(Terminal term, HealthReport report) {
    PrintWriter out = term.out();
    out.println(term.bold("strata health") + ": " + report.database() + " on PostgreSQL " + report.serverVersion() + " as " + report.role()
        + String.format(Locale.ROOT, " (%d checks, %.2f s)", report.checks().size(), report.elapsed().toNanos() / 1e9));
    out.println();
    for (CheckResult check : report.checks()) {
      out.println(mark(term, check) + " " + term.bold(check.id()) + "  " + check.summary());
      if (!check.rows().isEmpty() && (check.status() == CheckStatus.FOUND || check.rows().size() <= 12)) {
        table(term, check.columns(), check.rows());
      }
      check.privilege().ifPresent(p -> out.println("    " + term.dim("needs: " + p)));
      if (check.status() == CheckStatus.FOUND || check.status() == CheckStatus.NOT_CONFIGURED) {
        check.fix().ifPresent(f -> out.println("    fix: " + f));
        check.fixSql().ifPresent(sql -> sql.lines().forEach(l -> out.println("      " + l)));
      }
    }
    out.println();
    List<String> parts = new ArrayList<>();
    report.counts().forEach((k, v) -> parts.add(v + " " + k));
    out.println("Summary: " + String.join(", ", parts) + ". Worst: " + report.worst().label() + ".");
  }

  private static String mark(Terminal term, CheckResult check) {
    return switch (check.status()) {
      case PASSED -> term.green("✓ ok      ");
      case FOUND -> switch (check.severity()) {
        case CRITICAL -> term.red("✗ critical");
        case WARNING -> term.yellow("! warning ");
        default -> "i info    ";
      };
      case SKIPPED -> term.dim("- skipped ");
      case NOT_CONFIGURED -> term.dim("- not set ");
      case ERROR -> term.red("? error   ");
    };
  }

  static void table(Terminal term, List<String> columns, List<List<String>> rows) {
    int[] widths = new int[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      widths[c] = columns.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.min(60, Math.max(widths[c], row.get(c).length()));
      }
    }
    term.out().println("    " + term.dim(line(columns, widths)));
    for (List<String> row : rows) {
      term.out().println("    " + line(row, widths));
    }
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder b = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c).length() > 60 ? cells.get(c).substring(0, 59) + "…" : cells.get(c);
      b.append(c == 0 ? "" : "  ").append(c == cells.size() - 1 ? cell : String.format("%-" + widths[c] + "s", cell));
    }
    return b.toString().stripTrailing();
  }

  static Map<String, Object> json(HealthReport report) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("database", report.database());
    doc.put("serverVersion", report.serverVersion());
    doc.put("role", report.role());
    doc.put("takenAt", report.takenAt().toString());
    doc.put("elapsedMs", report.elapsed().toMillis());
    doc.put("worst", report.worst().label());
    doc.put("counts", report.counts());
    List<Map<String, Object>> checks = new ArrayList<>();
    for (CheckResult c : report.checks()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", c.id());
      m.put("title", c.title());
      m.put("status", c.status().name().toLowerCase(Locale.ROOT));
      m.put("severity", c.severity().label());
      m.put("summary", c.summary());
      m.put("columns", c.columns());
      m.put("rows", c.rows());
      c.fix().ifPresent(f -> m.put("fix", f));
      c.fixSql().ifPresent(f -> m.put("fixSql", f));
      c.privilege().ifPresent(p -> m.put("privilege", p));
      m.put("elapsedMs", c.elapsed().toMillis());
      checks.add(m);
    }
    doc.put("checks", checks);
    return doc;
  }
}
