package dev.strata.cli.command;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.cli.AtomicFile;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.CliContext;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.PrismaConfigFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  static final String SCHEMA_FILE = "prisma/schema.prisma";
  static final String CONFIG_FILE = "prisma.config.ts";
  static final String EXAMPLE_URL = "postgresql://postgres:postgres@localhost:5432/mydb?schema=public";
  static final List<String> IGNORED = List.of(".env", ".strata/", "/generated/prisma");

  static final String SCHEMA =
      """
      // The Prisma schema of this project: https://pris.ly/d/prisma-schema
      // Add models here, then run `strata migrate dev --name init`.

      generator client {
        provider = "prisma-client"
        output   = "../generated/prisma"
      }

      datasource db {
        provider = "postgresql"
      }
      """;

  static final String CONFIG =
      """
      import "dotenv/config";
      import { defineConfig, env } from "prisma/config";

      export default defineConfig({
        schema: "prisma/schema.prisma",
        migrations: {
          path: "prisma/migrations",
        },
        datasource: {
          url: env("DATABASE_URL"),
        },
      });
      """;

  @Option(names = "--url", paramLabel = "URL", description = "The DATABASE_URL to write to .env (default: an example to edit).")
  String url;

  @Override
  protected boolean usesProject() {
    return false;
  }

  @Override
  protected int run() throws IOException {
    Terminal term = terminal();
    CliContext ctx = context();
    Path dir = ctx.workingDir();
    Optional<Path> existing = existingSchema(dir);
    if (existing.isPresent()) {
      throw new StrataException(ErrorCode.INVALID_INPUT, "This folder already has a Prisma schema (" + ctx.display(existing.get())
          + "); strata init leaves it alone. Run strata init in a folder without one, or start from the existing schema"
          + " (strata validate, strata migrate dev).");
    }
    String databaseUrl = EXAMPLE_URL;
    if (url != null) {
      DatabaseUrl.parse(url); // a malformed URL is an error here, not at the first migrate
      databaseUrl = url;
    }

    List<String> created = new ArrayList<>();
    List<String> updated = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    AtomicFile.write(dir.resolve(SCHEMA_FILE), SCHEMA);
    created.add(SCHEMA_FILE);

    Optional<Path> config = PrismaConfigFile.find(dir);
    if (config.isPresent()) {
      kept.add(ctx.display(config.get()));
    } else {
      AtomicFile.write(dir.resolve(CONFIG_FILE), CONFIG);
      created.add(CONFIG_FILE);
    }

    Path env = dir.resolve(".env");
    String envLine = "DATABASE_URL=\"" + databaseUrl + "\"\n";
    if (!Files.exists(env)) {
      AtomicFile.write(env, "# The database Strata (and Prisma) use; never commit this file.\n" + envLine);
      created.add(".env");
    } else if (definesDatabaseUrl(read(env))) {
      kept.add(".env");
    } else {
      AtomicFile.write(env, withNewline(read(env)) + envLine);
      updated.add(".env");
    }

    Path gitignore = dir.resolve(".gitignore");
    String ignoreText = Files.exists(gitignore) ? read(gitignore) : "";
    List<String> missing = IGNORED.stream().filter(entry -> !ignores(ignoreText, entry)).toList();
    if (!missing.isEmpty()) {
      boolean existed = Files.exists(gitignore);
      AtomicFile.write(gitignore, withNewline(ignoreText) + String.join("\n", missing) + "\n");
      (existed ? updated : created).add(".gitignore");
    }

    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", true);
      doc.put("directory", dir.toString());
      doc.put("schema", SCHEMA_FILE);
      doc.put("created", created);
      doc.put("updated", updated);
      doc.put("kept", kept);
      doc.put("gitignoreAdded", missing);
      doc.put("databaseUrl", DatabaseUrl.mask(databaseUrl));
      term.out().println(Json.write(doc));
      return ExitCodes.OK;
    }
    term.out().println(term.green("✓") + " Started a Strata project in " + dir + ":");
    created.forEach(f -> term.out().println("  created  " + f));
    updated.forEach(f -> term.out().println("  updated  " + f + (f.equals(".gitignore") ? " (added " + String.join(", ", missing) + ")" : " (added DATABASE_URL)")));
    kept.forEach(f -> term.out().println("  kept     " + f));
    term.out().println();
    term.out().println("Next:");
    if (url == null) {
      term.out().println("  1. Set DATABASE_URL in .env to your database (or run `strata dev` for a local one).");
    } else {
      term.out().println("  1. DATABASE_URL in .env is " + DatabaseUrl.mask(databaseUrl) + ".");
    }
    term.out().println("  2. Add models to " + SCHEMA_FILE + ", then run `strata migrate dev --name init`.");
    return ExitCodes.OK;
  }

  /** A schema at one of Prisma's default locations. */
  static Optional<Path> existingSchema(Path dir) {
    for (String candidate : List.of("prisma/schema.prisma", "schema.prisma", "prisma/schema")) {
      Path path = dir.resolve(candidate);
      if (Files.exists(path)) {
        return Optional.of(path);
      }
    }
    return Optional.empty();
  }

  private static boolean definesDatabaseUrl(String envText) {
    return envText.lines().map(String::strip).anyMatch(l -> l.matches("(export\\s+)?DATABASE_URL\\s*=.*"));
  }

  /** Whether a line of {@code .gitignore} already names {@code entry} (with or without its slashes). */
  static boolean ignores(String gitignore, String entry) {
    String bare = entry.replaceAll("^/|/$", "");
    return gitignore.lines().map(String::strip).map(l -> l.replaceAll("^/|/$", "")).anyMatch(bare::equals);
  }

  private static String withNewline(String text) {
    return text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
