package dev.strata.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import dev.strata.health.metrics.AlertRules;
import dev.strata.health.metrics.HealthMetrics;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics.Metric;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics.MetricFamily;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metrics endpoint, read back with the Prometheus library's own parser; the alert rules; the HTML report. */
@StrataDatabase
class MetricsIT {
  @TempDir Path project;
  Health health;

  @BeforeEach
  void schema(TestDatabase db) {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"
        + "CREATE TABLE \"User\" (id int PRIMARY KEY); CREATE TABLE \"Post\" (id int PRIMARY KEY, \"authorId\" int REFERENCES \"User\");");
    health = HealthTestSupport.health(db.url(), project);
  }

  private static String label(Metric metric, String name) {
    return metric.getLabelList().stream().filter(l -> l.getName().equals(name)).map(l -> l.getValue()).findFirst().orElse("");
  }

  @Test
  void a_scrape_parses_with_the_prometheus_parser_and_agrees_with_the_text_format(TestDatabase db) throws Exception {
    try (HealthServer server = health.serve("127.0.0.1", 0, List.of())) {
      HttpClient client = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + server.port() + "/metrics");
      HttpResponse<byte[]> protobuf = client.send(HttpRequest.newBuilder(uri).header("Accept",
          "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited").build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(protobuf.statusCode()).isEqualTo(200);
      assertThat(protobuf.headers().firstValue("Content-Type").orElse("")).contains("application/vnd.google.protobuf");
      Map<String, MetricFamily> families = new HashMap<>();
      try (InputStream in = new ByteArrayInputStream(protobuf.body())) {
        MetricFamily family;
        while ((family = MetricFamily.parseDelimitedFrom(in)) != null) {
          families.put(family.getName(), family);
        }
      }
      assertThat(families).containsKeys("pg_up", "pg_database_size_bytes", "pg_stat_activity_count", "pg_settings_max_connections",
          HealthMetrics.SEVERITY, HealthMetrics.RAN, HealthMetrics.FINDINGS, HealthMetrics.DURATION);
      assertThat(families.get("pg_up").getMetric(0).getGauge().getValue()).isEqualTo(1.0);
      Map<String, Double> severities = new HashMap<>();
      families.get(HealthMetrics.SEVERITY).getMetricList().forEach(m -> severities.put(label(m, "check"), m.getGauge().getValue()));
      assertThat(severities).hasSize(Health.checks().size());
      assertThat(severities.get("fk-without-index")).isEqualTo(2.0);
      assertThat(severities.get("invalid-indexes")).isEqualTo(0.0);
      assertThat(families.get("pg_database_size_bytes").getMetricList())
          .anySatisfy(m -> assertThat(label(m, "datname")).isEqualTo(db.name()));

      HttpResponse<String> text = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(text.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
      Matcher fk = Pattern.compile("(?m)^strata_health_check_severity\\{check=\"fk-without-index\"\\} (\\S+)$").matcher(text.body());
      assertThat(fk.find()).isTrue();
      assertThat(Double.parseDouble(fk.group(1))).isEqualTo(2.0);
      for (String name : families.keySet()) {
        assertThat(text.body()).contains("# TYPE " + name + " gauge");
      }
    }
  }

  @Test
  void the_text_format_of_a_report() {
    HealthReport report = health.report(List.of("fk-without-index", "invalid-indexes"));
    String text = health.prometheus(report);
    assertThat(text).contains("# TYPE pg_up gauge\npg_up 1").contains("strata_health_check_severity{check=\"fk-without-index\"} 2")
        .contains("strata_health_check_findings{check=\"fk-without-index\"} 1");
  }

  @Test
  void an_unreachable_database_scrapes_as_pg_up_0() throws Exception {
    Health down = HealthTestSupport.health("postgresql://postgres@127.0.0.1:1/nothing", project);
    try (HealthServer server = down.serve("127.0.0.1", 0, List.of())) {
      HttpResponse<String> text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(text.statusCode()).isEqualTo(200);
      assertThat(text.body()).contains("pg_up 0");
    }
  }

  @Test
  void alert_rules_use_only_metrics_the_exporter_writes_and_cover_the_seeds_thresholds() {
    String yaml = Health.alertRules();
    assertThat(yaml).startsWith("# Prometheus alerting rules").contains("groups:\n  - name: strata-health\n    rules:\n");
    Pattern metric = Pattern.compile("\\b(pg_[a-z_]+|strata_health_[a-z_]+)\\b");
    for (AlertRules.Rule rule : AlertRules.RULES) {
      Matcher m = metric.matcher(rule.expr());
      assertThat(m.find()).as(rule.name()).isTrue();
      m.reset();
      while (m.find()) {
        assertThat(HealthMetrics.names()).as(rule.name() + " uses " + m.group(1)).contains(m.group(1));
      }
      assertThat(yaml).contains("      - alert: " + rule.name() + "\n        expr: '" + rule.expr().replace("'", "''") + "'\n");
    }
    assertThat(yaml).contains("> 0.80").contains("> 1'").contains("> 0.10").contains("pg_replication_lag_seconds > 10")
        .contains("backup-freshness");
  }

  @Test
  void the_html_report_is_one_self_contained_file() {
    HealthReport report = health.report(List.of());
    String html = Health.html(report);
    assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n").contains("<style>")
        .contains("id=\"fk-without-index\"").contains("CREATE INDEX CONCURRENTLY &quot;Post_authorId_idx&quot;");
    assertThat(html.toLowerCase()).doesNotContain("<script").doesNotContain("<link").doesNotContain("src=")
        .doesNotContain("http://").doesNotContain("https://");
  }
}
