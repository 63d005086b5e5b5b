package dev.strata.cli.command;

import dev.strata.ErrorCode;
import dev.strata.Projects;
import dev.strata.Strata;
import dev.strata.StrataException;
import dev.strata.StrataListener;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.CliContext;
import dev.strata.cli.CommandStrata;
import dev.strata.cli.ConnectionOptions;
import dev.strata.cli.DevDatabase;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.SchemaInput;
import dev.strata.cli.SchemaOptions;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.ProjectConfig;
import dev.strata.studio.Studio;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code strata studio}: starts the studio module's local web UI over the project's database and
 * serves it until Ctrl-C. It only starts the server; the pages call the public API.
 */
@Command(
    name = "studio",
    header = "Browse and edit data, see the schema and migrations in a local web UI.",
    description =
        "Start Strata studio, a local web UI (like prisma studio): the models and their rows (filters, sort, pages, " +
        "relations, create/edit/delete with the SQL shown first), the schema with its ER diagram and /// docs, and the " +
        "migrations' status. It listens on 127.0.0.1 only and prints an address with a session token; only that " +
        "address opens it. Runs until Ctrl-C.")
public final class StudioCommand extends BaseCommand {
  @Mixin SchemaOptions schemaOptions;
  @Mixin ConnectionOptions connectionOptions;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "5555", description = "Listen on PORT (default: 5555; 0 for any free port).")
  int port;

  @Option(names = "--read-only", description = "Remove every write: no page or request can change data.")
  boolean readOnly;

  @Option(names = "--no-open", description = "Do not open the browser; only print the address.")
  boolean noOpen;

  @Override
  protected int run() {
    if (port < 0 || port > 65535) {
      throw new StrataException(ErrorCode.USAGE, "--port " + port + " is not a TCP port (0-65535).");
    }
    Terminal term = terminal();
    CliContext ctx = context();
    ProjectConfig config = Projects.withSchemaDatasourceUrl(SchemaInput.project(ctx, schemaOptions, connectionOptions));
    DatabaseUrl url = DevDatabase.url(ctx, config);
    Strata strata = CommandStrata.of(config, url, StrataListener.NONE);
    Studio studio = Studio.start(strata, Studio.Options.defaults().port(port).readOnly(readOnly)
        .backups(dev.strata.cli.command.backup.BackupOptions.fromEnvironment(ctx, config)));
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      studio.stop();
      stopped.countDown();
    }, "strata-studio-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", true);
      doc.put("url", studio.url());
      doc.put("port", studio.port());
      doc.put("readOnly", readOnly);
      doc.put("database", url.masked());
      term.out().println(Json.write(doc));
    } else {
      term.out().println(term.green("●") + " Strata studio is running at " + term.bold(studio.url()));
      term.out().println("  Database " + url.masked() + (readOnly ? ", read-only" : "") + ". Only this address (with its token) opens it.");
      term.out().println("  Press Ctrl-C to stop it.");
    }
    term.out().flush();
    if (!noOpen) {
      open(studio.url());
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      studio.stop();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException ignored) {
        // Shutting down: the hook stops the studio itself.
      }
    }
    return ExitCodes.OK;
  }

  /** Opens the address in the desktop's browser when there is one; quietly does nothing otherwise. */
  private static void open(String address) {
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    List<String> command = os.contains("mac") ? List.of("open", address)
        : os.contains("win") ? List.of("rundll32", "url.dll,FileProtocolHandler", address)
        : System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null ? List.of("xdg-open", address) : List.of();
    if (command.isEmpty()) {
      return;
    }
    try {
      new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      // No browser to open: the printed address is enough.
    }
  }
}
