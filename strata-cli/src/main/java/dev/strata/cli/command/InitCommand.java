package dev.strata.cli.command;

import dev.strata.InitResult;
import dev.strata.Strata;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code strata init}: starts a project in the working directory, as {@code prisma init} does: a
 * PostgreSQL schema with a generator, {@code prisma.config.ts}, a {@code .env} with {@code
 * DATABASE_URL}, and {@code .gitignore} entries. It never overwrites a schema.
 */
@Command(
    name = "init",
    header = "Start a project: a PostgreSQL schema, prisma.config.ts and .env.",
    description =
        "Start a project in the current folder, as 'prisma init' does: prisma/schema.prisma (a PostgreSQL " +
        "datasource and the Prisma Client generator), prisma.config.ts, a .env with a DATABASE_URL example " +
        "(or --url), and .env, .strata/ and the generated client added to .gitignore (appended; an existing " +
        ".env or config file " +
        "is kept). It refuses to run where a schema already exists.")
public final class InitCommand extends BaseCommand {
  @Option(names = "--url", paramLabel = "URL", description = "The DATABASE_URL to write to .env (default: an example to edit).")
  String url;

  @Override
  protected boolean usesProject() {
    return false;
  }

  @Override
  protected int run() {
    Terminal term = terminal();
    InitResult result = Strata.init(context().workingDir(), url);
    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", true);
      doc.put("directory", result.directory().toString());
      doc.put("schema", result.schema());
      doc.put("created", result.created());
      doc.put("updated", result.updated());
      doc.put("kept", result.kept());
      doc.put("gitignoreAdded", result.gitignoreAdded());
      doc.put("databaseUrl", result.databaseUrl());
      term.out().println(Json.write(doc));
      return ExitCodes.OK;
    }
    String added = String.join(", ", result.gitignoreAdded());
    term.out().println(term.green("✓") + " Started a Strata project in " + result.directory() + ":");
    result.created().forEach(f -> term.out().println("  created  " + f));
    result.updated().forEach(f -> term.out().println("  updated  " + f + (f.equals(".gitignore") ? " (added " + added + ")" : " (added DATABASE_URL)")));
    result.kept().forEach(f -> term.out().println("  kept     " + f));
    term.out().println();
    term.out().println("Next:");
    if (result.exampleUrl()) {
      term.out().println("  1. Set DATABASE_URL in .env to your database (or run `strata dev` for a local one).");
    } else {
      term.out().println("  1. DATABASE_URL in .env is " + result.databaseUrl() + ".");
    }
    term.out().println("  2. Add models to " + result.schema() + ", then run `strata migrate dev --name init`.");
    return ExitCodes.OK;
  }
}
