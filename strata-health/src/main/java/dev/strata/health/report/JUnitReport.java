package dev.strata.health.report;

import dev.strata.health.QueryCheckReport;
import dev.strata.health.QueryCheckReport.QueryResult;
import java.util.Locale;

/** Query checks as JUnit XML (one testsuite, one testcase per query), as CI servers read it. */
public final class JUnitReport {
  private JUnitReport() {}

  public static String render(QueryCheckReport report) {
    StringBuilder out = new StringBuilder();
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append("<testsuite name=\"strata check queries\" tests=\"").append(report.queries().size()).append("\" failures=\"")
        .append(report.failures()).append("\" errors=\"0\" skipped=\"0\" time=\"").append(seconds(report.elapsed().toNanos() / 1e6))
        .append("\">\n");
    for (QueryResult query : report.queries()) {
      out.append("  <testcase classname=\"").append(xml(report.file())).append("\" name=\"").append(xml(query.name()))
          .append("\" time=\"").append(seconds(query.executionMs())).append("\"");
      if (query.passed()) {
        out.append("/>\n");
        continue;
      }
      out.append(">\n    <failure message=\"").append(xml(query.failures().get(0))).append("\">")
          .append(xml(String.join("\n", query.failures()))).append("</failure>\n  </testcase>\n");
    }
    return out.append("</testsuite>\n").toString();
  }

  private static String seconds(double ms) {
    return String.format(Locale.ROOT, "%.3f", ms / 1000);
  }

  static String xml(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
            out.append(' ');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
