package dev.strata.health.report;

import dev.strata.health.CheckResult;
import dev.strata.health.CheckStatus;
import dev.strata.health.HealthReport;
import dev.strata.health.Severity;
import java.util.List;
import java.util.Map;

/** The report as one self-contained HTML file: inline CSS, no script, no external resource. */
public final class HtmlReport {
  private HtmlReport() {}

  public static String render(HealthReport report) {
    StringBuilder out = new StringBuilder(16_384);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>strata health: ").append(escape(report.database())).append("</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:2rem;color:#222}h1{font-size:1.4rem}")
        .append("table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.85rem}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}")
        .append(".check{border-left:6px solid #999;padding:.3rem 1rem;margin:1rem 0}.ok{border-color:#2a2}.info{border-color:#27c}")
        .append(".warning{border-color:#e90}.critical{border-color:#d22}.skipped,.not-configured,.error{border-color:#999}")
        .append(".badge{font-weight:bold;text-transform:uppercase;font-size:.75rem}pre{background:#f5f5f5;padding:.5rem;white-space:pre-wrap}")
        .append("\n</style>\n</head>\n<body>\n");
    out.append("<h1>strata health: ").append(escape(report.database())).append("</h1>\n<p>PostgreSQL ")
        .append(escape(report.serverVersion())).append(", as ").append(escape(report.role())).append(", ")
        .append(escape(report.takenAt().toString())).append(". Worst finding: <b>").append(report.worst().label()).append("</b>. ");
    for (Map.Entry<String, Integer> count : report.counts().entrySet()) {
      out.append(escape(count.getKey())).append(": ").append(count.getValue()).append(". ");
    }
    out.append("</p>\n");
    for (CheckResult check : report.checks()) {
      String css = cssClass(check);
      out.append("<section class=\"check ").append(css).append("\" id=\"").append(escape(check.id())).append("\">\n<h2><span class=\"badge\">")
          .append(escape(label(check))).append("</span> ").append(escape(check.title())).append(" <small>(")
          .append(escape(check.id())).append(")</small></h2>\n<p>").append(escape(check.summary())).append("</p>\n");
      check.privilege().ifPresent(p -> out.append("<p>Needs: ").append(escape(p)).append("</p>\n"));
      if (!check.rows().isEmpty()) {
        out.append("<table>\n<tr>");
        check.columns().forEach(c -> out.append("<th>").append(escape(c)).append("</th>"));
        out.append("</tr>\n");
        for (List<String> row : check.rows()) {
          out.append("<tr>");
          row.forEach(v -> out.append("<td>").append(escape(v)).append("</td>"));
          out.append("</tr>\n");
        }
        out.append("</table>\n");
      }
      check.fix().ifPresent(f -> out.append("<p>Fix: ").append(escape(f)).append("</p>\n"));
      check.fixSql().ifPresent(sql -> out.append("<pre>").append(escape(sql)).append("</pre>\n"));
      out.append("</section>\n");
    }
    return out.append("</body>\n</html>\n").toString();
  }

  static String label(CheckResult check) {
    return check.status() == CheckStatus.FOUND ? check.severity().label() : check.status().label();
  }

  private static String cssClass(CheckResult check) {
    if (check.status() == CheckStatus.FOUND) {
      return check.severity().label();
    }
    return check.status() == CheckStatus.PASSED ? Severity.OK.label() : check.status().label().replace(' ', '-');
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
