package dev.strata.health.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The {@code /metrics} endpoint of {@code strata health serve}: each scrape runs the checks (one
 * scrape at a time) and answers in the format the scraper asks for.
 */
public final class MetricsServer implements AutoCloseable {
  private final HttpServer server;

  private MetricsServer(HttpServer server) {
    this.server = server;
  }

  /** Listens on {@code host:port} (port 0: any free port); {@code scrape} builds the registry for one scrape. */
  public static MetricsServer start(String host, int port, Supplier<PrometheusRegistry> scrape) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
    server.createContext("/metrics", exchange -> {
      try (exchange) {
        HealthMetrics.Written written;
        synchronized (scrape) {
          written = HealthMetrics.write(scrape.get(), exchange.getRequestHeaders().getFirst("Accept"));
        }
        respond(exchange, 200, written.contentType(), written.body());
      } catch (RuntimeException e) {
        respond(exchange, 500, "text/plain; charset=utf-8", ("scrape failed: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
      }
    });
    server.createContext("/", exchange -> {
      try (exchange) {
        byte[] body = "<html><body><h1>strata health</h1><p><a href=\"/metrics\">/metrics</a></p></body></html>\n"
            .getBytes(StandardCharsets.UTF_8);
        respond(exchange, exchange.getRequestURI().getPath().equals("/") ? 200 : 404, "text/html; charset=utf-8", body);
      }
    });
    server.setExecutor(Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "strata-health-metrics");
      t.setDaemon(true);
      return t;
    }));
    server.start();
    return new MetricsServer(server);
  }

  private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
