package dev.strata.cli.command;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.CliContext;
import dev.strata.cli.DevDatabase;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.config.ProjectConfig;
import dev.strata.config.ProjectOptions;
import dev.strata.embedded.EmbeddedPlatform;
import dev.strata.embedded.EmbeddedPostgresException;
import dev.strata.embedded.LocalPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code strata dev}: the project's persistent local PostgreSQL (embedded, no Docker), run in the
 * foreground until Ctrl-C or {@code strata dev --stop}; its data stays in {@code .strata/dev-db}
 * between runs. While it runs, dev-side commands use it when no database URL is configured.
 */
@Command(
    name = "dev",
    header = "Run the project's dev database: embedded PostgreSQL, no Docker.",
    description =
        "Run the project's dev database: a persistent embedded PostgreSQL (no Docker) in the " +
        "foreground, with its data kept in .strata/dev-db between runs. Stop it with Ctrl-C or " +
        "'strata dev --stop'. While it runs, the dev-side commands (migrate dev/status/down/reset, db " +
        "push/pull/execute/seed) use it when no DATABASE_URL is set; migrate deploy/resolve never do. " +
        "Needs Linux x86-64. Exit codes: --status 0 running, 3 not running.")
public final class DevCommand extends BaseCommand {
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  @Option(names = "--port", paramLabel = "PORT", description = "Listen on PORT (default: a free port).")
  int port;

  @Option(names = "--stop", description = "Stop the running dev database of this project.")
  boolean stop;

  @Option(names = "--status", description = "Tell whether the dev database runs, and its URL.")
  boolean status;

  @Option(names = "--config", paramLabel = "FILE", description = "Prisma config file (its folder is the project root).")
  String config;

  @Override
  protected int run() throws IOException {
    if (stop && status) {
      throw new StrataException(ErrorCode.USAGE, "Give --stop or --status, not both.");
    }
    if (port < 0 || port > 65535) {
      throw new StrataException(ErrorCode.USAGE, "--port " + port + " is not a TCP port (0-65535).");
    }
    CliContext ctx = context();
    ProjectOptions options = ProjectOptions.of(ctx.workingDir(), ctx.env());
    if (config != null) {
      options = options.withConfigFile(config);
    }
    Path root = DevDatabase.projectRoot(ProjectConfig.resolve(options));
    if (status) {
      return status(root);
    }
    if (stop) {
      return stop(root);
    }
    return serve(root);
  }

  // ------------------------------------------------------------------------------------- status

  private int status(Path root) {
    Terminal term = terminal();
    Optional<DevDatabase.State> state = DevDatabase.running(root);
    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", true);
      doc.put("running", state.isPresent());
      state.ifPresent(s -> {
        doc.put("url", s.urlText());
        doc.put("pid", s.pid());
        doc.put("startedAt", s.startedAt());
      });
      doc.put("dataDirectory", DevDatabase.dataDirectory(root).toString());
      term.out().println(Json.write(doc));
    } else if (state.isPresent()) {
      DevDatabase.State s = state.get();
      term.out().println(term.green("●") + " The Strata dev database is running at " + s.urlText()
          + " " + term.dim("(pid " + s.pid() + ", since " + s.startedAt() + ")"));
      term.out().println("  data: " + context().display(DevDatabase.dataDirectory(root)));
    } else {
      term.out().println("The Strata dev database is not running. Start it with `strata dev`.");
    }
    return state.isPresent() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }

  // ------------------------------------------------------------------------------------- stop

  private int stop(Path root) {
    Terminal term = terminal();
    Optional<DevDatabase.State> found = DevDatabase.read(root);
    if (found.isEmpty()) {
      report(term, false, "No Strata dev database is running for this project.");
      return ExitCodes.OK;
    }
    DevDatabase.State state = found.get();
    Optional<ProcessHandle> owner = ProcessHandle.of(state.pid()).filter(ProcessHandle::isAlive);
    Optional<ProcessHandle> postmaster = postgresProcess(state.postmasterPid());
    // Deleting the state file is the stop request: the running `strata dev` polls for it.
    DevDatabase.clear(root);
    if (owner.isEmpty() && postmaster.isEmpty()) {
      report(term, false, "No Strata dev database is running for this project (a stale state file was removed).");
      return ExitCodes.OK;
    }
    boolean stopped = awaitStopped(state, STOP_WAIT);
    if (!stopped && owner.isPresent() && owner.get().pid() != ProcessHandle.current().pid()) {
      // The owner did not react (suspended, or an older Strata): SIGTERM runs its shutdown hooks, which stop the server.
      owner.get().destroy();
      stopped = awaitStopped(state, STOP_WAIT);
    }
    if (!stopped && owner.isEmpty() && postmaster.isPresent()) {
      // `strata dev` was killed (kill -9) and left its server behind: stop that orphan directly.
      postmaster.get().destroy();
      stopped = awaitStopped(state, STOP_WAIT);
    }
    if (!stopped) {
      throw new StrataException(ErrorCode.DATABASE, "The Strata dev database at " + state.urlText()
          + " did not stop within " + (STOP_WAIT.toSeconds() * 2) + " s (pid " + state.pid() + ").");
    }
    report(term, true, "Stopped the Strata dev database at " + state.urlText() + " (its data is kept in "
        + context().display(DevDatabase.dataDirectory(root)) + ").");
    return ExitCodes.OK;
  }

  private void report(Terminal term, boolean stopped, String message) {
    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", true);
      doc.put("stopped", stopped);
      doc.put("message", message);
      term.out().println(Json.write(doc));
    } else {
      term.out().println(message);
    }
  }

  private static boolean awaitStopped(DevDatabase.State state, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      boolean serverGone = postgresProcess(state.postmasterPid()).isEmpty() && !portAnswers(state);
      if (serverGone) {
        return true;
      }
      if (!sleep(POLL)) {
        return false;
      }
    }
    return false;
  }

  private static boolean portAnswers(DevDatabase.State state) {
    return DevDatabase.alive(new DevDatabase.State(state.port(), ProcessHandle.current().pid(), 0, state.dataDirectory(), ""));
  }

  // ------------------------------------------------------------------------------------- serve

  private int serve(Path root) throws IOException {
    Terminal term = terminal();
    CliContext ctx = context();
    Optional<DevDatabase.State> running = DevDatabase.running(root);
    if (running.isPresent()) {
      DevDatabase.State s = running.get();
      if (output.json()) {
        term.out().println(Json.write(Json.object("ok", true, "url", s.urlText(), "alreadyRunning", true, "pid", s.pid())));
      } else {
        term.out().println("The Strata dev database is already running at " + s.urlText() + " " + term.dim("(pid " + s.pid() + ")"));
      }
      return ExitCodes.OK;
    }
    Optional<String> unsupported = EmbeddedPlatform.unsupported();
    if (unsupported.isPresent()) {
      throw new StrataException(ErrorCode.CONFIG, unsupported.get() + "\n`strata dev` cannot run here. Use a PostgreSQL server of"
          + " your own instead: set DATABASE_URL (in the environment or .env) or pass --url, and the dev-side commands use it;"
          + " migrate dev also needs --shadow-database-url (an empty database) on this machine.");
    }
    Path data = DevDatabase.dataDirectory(root);
    boolean fresh = !Files.exists(data.resolve("PG_VERSION"));
    ignoreInGit(root);
    LocalPostgres server;
    try {
      server = LocalPostgres.builder().dataDirectory(data).port(port).start();
    } catch (EmbeddedPostgresException e) {
      throw new StrataException(ErrorCode.DATABASE, "Could not start the Strata dev database: " + e.getMessage(), e);
    }
    DevDatabase.State state;
    Thread cleanup;
    try {
      state = new DevDatabase.State(server.port(), ProcessHandle.current().pid(), postmasterPid(data), data, Instant.now().toString());
      DevDatabase.write(root, state);
      cleanup = new Thread(() -> clearIfOurs(root, state), "strata-dev-state-cleanup");
      Runtime.getRuntime().addShutdownHook(cleanup);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    boolean requested;
    try {
      announce(term, ctx, root, state, fresh, server);
      requested = waitForStop(root, state, server);
    } finally {
      server.close();
      clearIfOurs(root, state);
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException e) {
        // The JVM is shutting down (Ctrl-C); the hook clears the state file itself.
      }
    }
    if (!output.json()) {
      term.out().println(requested
          ? "Stopped the Strata dev database (its data is kept in " + ctx.display(data) + ")."
          : term.red("✗") + " The Strata dev database stopped unexpectedly; see " + ctx.display(server.logFile()) + ".");
      term.out().flush();
    }
    return requested ? ExitCodes.OK : ExitCodes.ERROR;
  }

  private void announce(Terminal term, CliContext ctx, Path root, DevDatabase.State state, boolean fresh, LocalPostgres server) {
    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", true);
      doc.put("url", state.urlText());
      doc.put("port", state.port());
      doc.put("pid", state.pid());
      doc.put("dataDirectory", state.dataDirectory().toString());
      doc.put("created", fresh);
      term.out().println(Json.write(doc));
    } else {
      term.out().println(term.green("●") + " Strata dev database running at " + term.bold(state.urlText()));
      term.out().println("  PostgreSQL " + server.version() + ", data in " + ctx.display(state.dataDirectory())
          + (fresh ? " (new)" : " (kept between runs)") + ", log in " + ctx.display(server.logFile()));
      term.out().println("  migrate dev/status/down/reset and db push/pull/execute/seed use it when no DATABASE_URL is set"
          + " (migrate deploy never does).");
      String where = ctx.display(root);
      term.out().println("  Press Ctrl-C to stop it (or run `strata dev --stop`" + (where.isEmpty() ? "" : " in " + where) + ").");
    }
    term.out().flush();
  }

  /** Waits until the state file no longer names this server (a stop request) or the server dies; true for a request. */
  private static boolean waitForStop(Path root, DevDatabase.State state, LocalPostgres server) {
    while (true) {
      if (!stillOurs(root, state)) {
        return true;
      }
      if (!server.isRunning()) {
        return false;
      }
      if (!sleep(POLL)) {
        return true;
      }
    }
  }

  private static boolean stillOurs(Path root, DevDatabase.State state) {
    return DevDatabase.read(root).filter(s -> s.pid() == state.pid() && s.port() == state.port()).isPresent();
  }

  private static void clearIfOurs(Path root, DevDatabase.State state) {
    if (stillOurs(root, state)) {
      try {
        DevDatabase.clear(root);
      } catch (StrataException e) {
        // Best effort while stopping: a stale file is recognised as such by the next reader.
      }
    }
  }

  /** The dev database must never be committed: {@code .strata/.gitignore} ignores the whole folder. */
  private static void ignoreInGit(Path root) throws IOException {
    Path ignore = root.resolve(".strata/.gitignore");
    if (!Files.exists(ignore)) {
      Files.createDirectories(ignore.getParent());
      Files.writeString(ignore, "# Strata's local state (dev database); never commit it.\n*\n", StandardCharsets.UTF_8);
    }
  }

  /** The first line of {@code postmaster.pid}: the server's process id, or 0 when unknown. */
  private static long postmasterPid(Path data) {
    try {
      String first = Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
      return Long.parseLong(first);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static Optional<ProcessHandle> postgresProcess(long pid) {
    if (pid <= 0) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> !zombie(p))
        .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
  }

  /** A zombie counts as gone: /proc/PID/stat says Z (ProcessHandle.isAlive says yes until it is reaped). */
  private static boolean zombie(ProcessHandle process) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"), StandardCharsets.UTF_8);
      int close = stat.lastIndexOf(')');
      char state = close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
      return state == 'Z' || state == 'X';
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static boolean sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
