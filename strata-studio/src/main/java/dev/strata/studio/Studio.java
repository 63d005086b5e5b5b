package dev.strata.studio;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.strata.DataBrowser;
import dev.strata.Strata;
import dev.strata.StrataException;
import dev.strata.backup.BackupSettings;
import dev.strata.config.DatabaseUrl;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code strata studio}: a local web UI over a project's database, serving pages rendered on the
 * server from the JDK's HTTP server. It calls only Strata's public API (the data browser, status,
 * the schema's documentation), binds {@code 127.0.0.1} unless told otherwise, and admits only the
 * holder of the session token in {@link #url()} (see {@link Guard}).
 *
 * <pre>{@code
 * Studio studio = Studio.start(strata, Studio.Options.defaults().port(0).readOnly(true));
 * System.out.println(studio.url());   // http://127.0.0.1:5555/?token=…
 * studio.stop();
 * }</pre>
 */
public final class Studio implements AutoCloseable {
  /**
   * How the studio runs.
   *
   * @param host the address to bind ({@code 127.0.0.1}; another only when asked for)
   * @param port the port ({@code 0}: any free one)
   * @param readOnly no page or request can change data
   * @param backups where the backups page lists, takes and verifies backups (default: {@code backups/} in the project folder)
   */
  public record Options(String host, int port, boolean readOnly, java.util.Optional<BackupSettings> backups) {
    public Options {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(backups, "backups");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
      }
    }

    /** {@code 127.0.0.1:5555}, writes allowed. */
    public static Options defaults() {
      return new Options("127.0.0.1", 5555, false, java.util.Optional.empty());
    }

    public Options port(int value) {
      return new Options(host, value, readOnly, backups);
    }

    public Options readOnly(boolean value) {
      return new Options(host, port, value, backups);
    }

    public Options host(String value) {
      return new Options(value, port, readOnly, backups);
    }

    public Options backups(BackupSettings value) {
      return new Options(host, port, readOnly, java.util.Optional.of(value));
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Guard guard;
  private final Options options;
  private final java.util.Optional<StudioPool> pool;

  private Studio(HttpServer server, ExecutorService executor, Guard guard, Options options, java.util.Optional<StudioPool> pool) {
    this.pool = pool;
    this.server = server;
    this.executor = executor;
    this.guard = guard;
    this.options = options;
  }

  /**
   * Reads the schema, binds the port and starts serving.
   *
   * @throws StrataException when the schema cannot be read or is invalid, or the port is taken ({@code USAGE})
   */
  public static Studio start(Strata strata, Options options) {
    java.util.Optional<StudioPool> pool = StudioPool.over(strata);
    DataBrowser data;
    try {
      Strata browsing = pool.map(StudioPool::strata).orElse(strata);
      data = options.readOnly() ? browsing.data().readOnly() : browsing.data();
    } catch (RuntimeException e) {
      pool.ifPresent(StudioPool::close);
      throw e;
    }
    String database = strata.config().url().map(DatabaseUrl::masked)
        .orElse(strata.config().dataSource().isPresent() ? "a data source" : "(no database)");
    noDelay();
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(options.host()), options.port()), 64);
    } catch (IOException e) {
      pool.ifPresent(StudioPool::close);
      throw new StrataException(dev.strata.ErrorCode.USAGE,
          "Cannot listen on " + options.host() + ":" + options.port() + " (" + e.getMessage() + "): choose another port with --port.", e);
    }
    int port = server.getAddress().getPort();
    Guard guard = new Guard(options.host(), port);
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "strata-studio-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    BackupSettings backups = options.backups().orElseGet(() -> BackupSettings.defaults(strata.config().project()
        .map(dev.strata.config.ProjectConfig::projectDir).orElse(strata.config().workingDirectory()).resolve("backups")));
    Pages pages = new Pages(strata, data, guard, options.readOnly(), database, backups);
    server.createContext("/", exchange -> serve(exchange, guard, pages));
    server.setExecutor(executor);
    server.start();
    return new Studio(server, executor, guard, options, pool);
  }

  /**
   * TCP_NODELAY on the studio's connections: the JDK's server writes a response's headers and body
   * in two segments, and with Nagle's algorithm the body waits for the browser's delayed ACK of the
   * headers on a kept-alive connection (~40 ms per request: 48 ms against 6 ms p50 for a grid page
   * in an informal run, issue 15). The JDK reads the property once, when its first server is made;
   * a value the user set is kept.
   */
  private static void noDelay() {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  /** The address to open, with the session token: {@code http://127.0.0.1:PORT/?token=…}. */
  public String url() {
    return baseUrl() + "/?token=" + guard.token;
  }

  /** The address without the token. */
  public String baseUrl() {
    String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
    return "http://" + host + ":" + port();
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Whether writes are removed. */
  public boolean readOnly() {
    return options.readOnly();
  }

  /** Stops serving (requests under way get a second to finish) and closes the data pages' connection pool. */
  public void stop() {
    server.stop(1);
    executor.shutdownNow();
    pool.ifPresent(StudioPool::close);
  }

  @Override
  public void close() {
    stop();
  }

  // ------------------------------------------------------------------------------------------

  private static void serve(HttpExchange exchange, Guard guard, Pages pages) {
    try (exchange) {
      Response response;
      try {
        Request request = Request.read(exchange);
        guard.check(request);
        if (guard.tokenInQuery(request) && request.method.equals("GET")) {
          // The token moves into the cookie and out of the address bar (and of history).
          exchange.getResponseHeaders().add("Set-Cookie", guard.cookie());
          response = Response.redirect(request.path);
        } else {
          response = pages.handle(request);
        }
      } catch (StudioError e) {
        response = Response.html(e.status, Layout.errorPage(e.status, e.getMessage()));
      } catch (StrataException e) {
        int status = e.code() == dev.strata.ErrorCode.INVALID_INPUT || e.code() == dev.strata.ErrorCode.USAGE ? 400 : 500;
        response = Response.html(status, Layout.errorPage(status, e.getMessage()));
      } catch (RuntimeException e) {
        response = Response.html(500, Layout.errorPage(500, "The studio failed on this request (" + e.getClass().getSimpleName() + ")."));
      }
      send(exchange, response);
    } catch (IOException e) {
      // The browser went away; nothing to tell it.
    }
  }

  private static void send(HttpExchange exchange, Response response) throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", response.contentType());
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "same-origin");
    headers.set("Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
    response.location().ifPresent(l -> headers.set("Location", l));
    response.download().ifPresent(name -> headers.set("Content-Disposition", "inline; filename=\"" + name + "\""));
    byte[] body = response.body();
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(response.status(), -1);
      return;
    }
    if (response.stream().isPresent()) {
      exchange.sendResponseHeaders(response.status(), 0); // chunked: the length is not known yet
      try (OutputStream raw = exchange.getResponseBody();
          java.io.Writer writer = new java.io.OutputStreamWriter(raw, StandardCharsets.UTF_8)) {
        response.stream().get().write(new Response.Out() {
          @Override
          public synchronized void write(String html) throws IOException {
            writer.write(html);
          }

          @Override
          public synchronized void flush() throws IOException {
            writer.flush();
          }
        });
      }
      return;
    }
    exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** A file of the studio's own resources ({@code /static/…}), or empty. */
  static byte[] resource(String name) {
    try (InputStream in = Studio.class.getResourceAsStream(name)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      return null;
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
