package dev.strata.cli.command;

import dev.strata.ConfigResult;
import dev.strata.StrataListener;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.CommandStrata;
import dev.strata.cli.ConnectionOptions;
import dev.strata.cli.DevDatabase;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.SchemaInput;
import dev.strata.cli.SchemaOptions;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.config.ProjectConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code strata config}: shows the configuration Strata resolved and where each part came from. */
@Command(
    name = "config",
    header = "Show the resolved configuration and where each part came from.",
    description =
        "Show the resolved configuration: config file, schema files, migrations directory, and the " +
        "database URL (password masked) with where each came from. Exit 1 if something is wrong.")
public final class ConfigCommand extends BaseCommand {
  @Mixin SchemaOptions schemaOptions;
  @Mixin ConnectionOptions connectionOptions;

  @Override
  protected int run() {
    Terminal term = terminal();
    ProjectConfig config = SchemaInput.project(context(), schemaOptions, connectionOptions);
    ConfigResult resolved = CommandStrata.offline(config, StrataListener.NONE).configuration();
    List<String> problems = resolved.problems();
    Optional<ConfigResult.Schema> schema = resolved.schema();

    Map<String, Object> url = new LinkedHashMap<>();
    if (resolved.database().isPresent()) {
      ConfigResult.Database database = resolved.database().get();
      url.put("from", database.from());
      url.put("url", database.url());
      if (database.jdbc().isPresent()) {
        url.put("jdbc", database.jdbc().get());
        url.put("schema", database.schema().orElse(null));
      }
    } else {
      url.put("url", null);
      url.put("lookedAt", resolved.urlLookup());
    }

    // Which database each kind of command would use: dev-side commands fall back on a running
    // Strata dev database, production-side ones (migrate deploy/resolve) never do.
    Optional<DevDatabase.State> dev = DevDatabase.running(DevDatabase.projectRoot(config));
    Map<String, Object> devDatabase = new LinkedHashMap<>();
    devDatabase.put("running", dev.isPresent());
    devDatabase.put("url", dev.map(DevDatabase.State::urlText).orElse(null));
    devDatabase.put("stateFile", context().display(DevDatabase.stateFile(DevDatabase.projectRoot(config))));
    String configured = url.get("url") == null ? null : url.get("url") + " (" + url.get("from") + ")";
    Map<String, Object> usedBy = new LinkedHashMap<>();
    usedBy.put("devCommands", configured != null ? configured
        : dev.map(s -> s.urlText() + " (the Strata dev database)").orElse(null));
    usedBy.put("deployCommands", configured);

    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("ok", problems.isEmpty());
    doc.put("workingDir", resolved.workingDir().toString());
    doc.put("projectDir", resolved.projectDir().toString());
    doc.put("configFile", resolved.configFile().map(context()::display).orElse(null));
    doc.put("schema", schema.map(s -> context().display(s.path())).orElse(null));
    doc.put("schemaFrom", schema.map(ConfigResult.Schema::origin).orElse(null));
    doc.put("schemaFiles", schema.map(ConfigResult.Schema::files).orElse(List.of()));
    doc.put("migrations", context().display(resolved.migrations()));
    doc.put("database", url);
    doc.put("devDatabase", devDatabase);
    doc.put("databaseUsedBy", usedBy);
    doc.put("shadowDatabase", resolved.shadowDatabase().map(u -> u.value() + " (" + u.from() + ")").orElse(null));
    doc.put("deployWindow", resolved.deployWindow().orElse(null));
    doc.put("warnings", resolved.warnings());
    doc.put("problems", problems);

    if (output.json()) {
      term.out().println(Json.write(doc));
    } else {
      if (resolved.inParentFolder()) {
        row(term, "project", resolved.projectDir().toString());
      }
      row(term, "config file", Optional.ofNullable((String) doc.get("configFile")).orElse("(none)"));
      row(term, "schema", schema.map(s -> doc.get("schema") + " (" + s.origin() + ", " + ValidateCommand.plural(s.files().size(), "file") + ")").orElse("(not found)"));
      row(term, "migrations", (String) doc.get("migrations"));
      if (url.get("url") != null) {
        row(term, "database url", url.get("url") + "  " + term.dim("(" + url.get("from") + ")"));
        if (url.containsKey("jdbc")) {
          row(term, "  jdbc", (String) url.get("jdbc"));
          row(term, "  schema", (String) url.get("schema"));
        }
      } else {
        row(term, "database url", "(not set)");
      }
      row(term, "dev database", dev.map(s -> s.urlText() + "  " + term.dim("(running; " + devDatabase.get("stateFile") + ")"))
          .orElse("(not running; `strata dev` starts one)"));
      row(term, "used by", "");
      row(term, "  dev side", Optional.ofNullable((String) usedBy.get("devCommands"))
          .orElse("(none: set DATABASE_URL, pass --url or start `strata dev`)") + "  " + term.dim("migrate dev/status/down/reset, db push/pull/execute/seed"));
      row(term, "  deploy side", Optional.ofNullable(configured)
          .orElse(dev.isPresent() ? "(none: set DATABASE_URL or pass --url; never the dev database)" : "(none: set DATABASE_URL or pass --url)")
          + "  " + term.dim("migrate deploy/resolve"));
      row(term, "shadow url", Optional.ofNullable((String) doc.get("shadowDatabase")).orElse("(not set; the embedded PostgreSQL will be used)"));
      row(term, "deploy window", resolved.deployWindow().map(w -> w + "  " + term.dim("(strata.toml; migrate deploy starts only inside it)"))
          .orElse("(none: migrate deploy runs at any time)"));
      for (String w : resolved.warnings()) {
        term.err().println(term.yellow("warning: ") + w);
      }
      for (String p : problems) {
        term.err().println(term.red("error: ") + p);
      }
    }
    return problems.isEmpty() ? ExitCodes.OK : ExitCodes.ERROR;
  }

  private static void row(Terminal term, String key, String value) {
    term.out().println(String.format("%-14s %s", key, value).stripTrailing());
  }
}
