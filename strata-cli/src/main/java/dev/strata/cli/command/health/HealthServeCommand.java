package dev.strata.cli.command.health;

import dev.strata.cli.BaseCommand;
import dev.strata.cli.ConnectionOptions;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.SchemaOptions;
import dev.strata.health.Health;
import dev.strata.health.HealthServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code strata health serve}: the checks as Prometheus metrics on {@code /metrics}, until stopped. */
@Command(
    name = "serve",
    header = "Serve the checks as Prometheus metrics on /metrics (postgres_exporter's names where they overlap).",
    description = "Listen on --port (default 9187, postgres_exporter's) and answer each scrape of /metrics by running the "
        + "checks: strata_health_check_severity{check} and friends, and pg_* metrics under postgres_exporter's names. "
        + "Written with the Prometheus Java library (text, OpenMetrics or protobuf, as the scraper asks). Stop with Ctrl-C.")
public final class HealthServeCommand extends BaseCommand {
  @Mixin SchemaOptions schemaOptions;
  @Mixin ConnectionOptions connectionOptions;

  @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default: 9187).")
  int port = 9187;

  @Option(names = "--host", paramLabel = "HOST", description = "Address to listen on (default: 127.0.0.1; 0.0.0.0 for every interface).")
  String host = "127.0.0.1";

  @Option(names = "--check", paramLabel = "ID", split = ",", description = "Run only this check on each scrape (repeatable).")
  List<String> checks = new ArrayList<>();

  @Override
  protected int run() throws InterruptedException {
    Health health = HealthTarget.resolve(context(), schemaOptions, connectionOptions);
    CountDownLatch stopped = new CountDownLatch(1);
    try (HealthServer server = health.serve(host, port, checks)) {
      context().err().println("Serving Prometheus metrics on http://" + host + ":" + server.port() + "/metrics (Ctrl-C to stop).");
      context().err().flush();
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "strata-health-stop"));
      stopped.await();
    }
    return ExitCodes.OK;
  }
}
