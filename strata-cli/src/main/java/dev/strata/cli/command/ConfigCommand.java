package dev.strata.cli.command;

import dev.strata.StrataException;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.ConnectionOptions;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.SchemaInput;
import dev.strata.cli.SchemaOptions;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.config.ConfiguredUrl;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.PrismaConfigFile;
import dev.strata.config.ProjectConfig;
import dev.strata.config.SchemaSources;
import dev.strata.diag.SourceFile;
import dev.strata.prisma.PrismaFrontEnd;
import java.util.ArrayList;
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
    List<String> problems = new ArrayList<>();

    Optional<SchemaSources> schema = Optional.empty();
    try {
      schema = Optional.of(config.readSchema());
      PrismaFrontEnd.Parsed parsed = PrismaFrontEnd.parse(schema.get().sources());
      Optional<String> ref = PrismaFrontEnd.datasourceUrlReference(parsed.schema());
      if (ref.isPresent()) {
        config = config.withSchemaDatasourceUrl(ref.get());
      }
    } catch (StrataException e) {
      problems.add(e.getMessage());
    }

    Map<String, Object> url = new LinkedHashMap<>();
    if (config.url().isPresent()) {
      ConfiguredUrl configured = config.url().get();
      url.put("from", configured.origin());
      try {
        DatabaseUrl parsed = configured.parse();
        url.put("url", parsed.masked());
        url.put("jdbc", DatabaseUrl.mask(parsed.toJdbcUrl()));
        url.put("schema", parsed.schema());
      } catch (StrataException e) {
        url.put("url", DatabaseUrl.mask(configured.value()));
        problems.add(e.getMessage());
      }
    } else {
      url.put("url", null);
      url.put("lookedAt", config.urlLookup());
    }

    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("ok", problems.isEmpty());
    doc.put("workingDir", config.workingDir().toString());
    doc.put("projectDir", config.projectDir().toString());
    doc.put("configFile", config.configFile().map(PrismaConfigFile::path).map(context()::display).orElse(null));
    doc.put("schema", schema.map(s -> context().display(s.location().path())).orElse(null));
    doc.put("schemaFrom", schema.map(s -> s.location().origin()).orElse(null));
    doc.put("schemaFiles", schema.map(s -> s.sources().stream().map(SourceFile::path).toList()).orElse(List.of()));
    doc.put("migrations", context().display(config.migrationsDir()));
    doc.put("database", url);
    doc.put("shadowDatabase", config.shadowUrl().map(u -> DatabaseUrl.mask(u.value()) + " (" + u.origin() + ")").orElse(null));
    doc.put("warnings", config.warnings().stream().map(DatabaseUrl::mask).toList());
    doc.put("problems", problems.stream().map(DatabaseUrl::mask).toList());

    if (output.json()) {
      term.out().println(Json.write(doc));
    } else {
      if (config.inParentFolder()) {
        row(term, "project", config.projectDir().toString());
      }
      row(term, "config file", Optional.ofNullable((String) doc.get("configFile")).orElse("(none)"));
      row(term, "schema", schema.map(s -> doc.get("schema") + " (" + s.location().origin() + ", " + ValidateCommand.plural(s.sources().size(), "file") + ")").orElse("(not found)"));
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
      row(term, "shadow url", Optional.ofNullable((String) doc.get("shadowDatabase")).orElse("(not set; the embedded PostgreSQL will be used)"));
      for (String w : config.warnings()) {
        term.err().println(term.yellow("warning: ") + DatabaseUrl.mask(w));
      }
      for (String p : problems) {
        term.err().println(term.red("error: ") + DatabaseUrl.mask(p));
      }
    }
    return problems.isEmpty() ? ExitCodes.OK : ExitCodes.ERROR;
  }

  private static void row(Terminal term, String key, String value) {
    term.out().printf("%-14s %s%n", key, value);
  }
}
