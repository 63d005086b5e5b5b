package dev.strata.cli.command;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.CliContext;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.StrataCli;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.embedded.EmbeddedPostgresException;
import dev.strata.embedded.LocalPostgres;
import dev.strata.embedded.ShadowDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code strata demo}: a guided tour on the bundled example project (a fitness-coaching app),
 * copied to a scratch directory so nothing of the user's is touched.
 */
@Command(
    name = "demo",
    header = "Run the guided demo on the bundled example project.",
    description =
        "Run the guided demo on the bundled example project (examples/fitness): validate the schema, " +
        "check its formatting, show what Strata reports for a schema with mistakes, then create the " +
        "first migration, seed the data and check the migration status on a throwaway embedded " +
        "PostgreSQL database (dropped at the end). The example is copied to a scratch directory " +
        "(--dir); nothing else is touched, and nothing is left running.")
public final class DemoCommand extends BaseCommand {
  @Override
  protected boolean usesProject() {
    return false;
  }

  private static final String EXAMPLE = "fitness";
  private static final List<String> FILES = List.of("prisma/schema.prisma", "prisma/seed.sql");

  @Option(names = "--dir", paramLabel = "DIR", description = "Where to put the demo project. Default: a new temporary directory.")
  Path dir;

  @Override
  protected int run() throws IOException {
    Terminal term = terminal();
    Path project = dir != null ? context().resolve(dir.toString()) : Files.createTempDirectory("strata-demo-");
    copyExample(project);
    List<Map<String, Object>> steps = new ArrayList<>();
    boolean human = !output.json();
    if (human) {
      term.out().println(term.bold("Strata demo") + " — example project copied to " + project);
      term.out().println();
    }

    int validate = step(term, steps, human, project, "1. Validate the schema", "validate");
    int format = step(term, steps, human, project, "2. Check that it is formatted as 'prisma format' would", "format", "--check");

    // Show the diagnostics a user gets for common mistakes, on a separate broken copy.
    Path broken = project.resolve("broken");
    Files.createDirectories(broken.resolve("prisma"));
    String schema = Files.readString(project.resolve("prisma/schema.prisma"));
    Files.writeString(
        broken.resolve("prisma/schema.prisma"),
        schema.replace("coach         User?  ", "coach         Usr?   ")
            .replace("completedAt     DateTime ", "completedAt     DateTim  "),
        StandardCharsets.UTF_8);
    int mistakes = step(term, steps, human, broken, "3. A copy with two typos in field types: what a mistake looks like", "validate");

    // The workflow on a throwaway database of the embedded PostgreSQL (never the user's DATABASE_URL):
    // dropped when the demo ends, and the server stops with the JVM.
    boolean workflow;
    try (ShadowDatabase database = ShadowDatabase.create(LocalPostgres.shared())) {
      Map<String, String> env = new LinkedHashMap<>(context().env());
      env.put("DATABASE_URL", database.url());
      env.remove("DIRECT_URL");
      if (human) {
        term.out().println(term.dim("A throwaway database on the embedded PostgreSQL " + database.server().version()
            + " stands in for yours: " + database.url()));
        term.out().println();
      }
      int migrate = step(term, steps, human, project, env, "4. Create and apply the first migration", "migrate", "dev", "--name", "init");
      int seed = migrate == ExitCodes.OK
          ? step(term, steps, human, project, env, "5. Seed it with prisma/seed.sql", "db", "seed")
          : ExitCodes.ERROR;
      int status = migrate == ExitCodes.OK
          ? step(term, steps, human, project, env, "6. Check the migration status", "migrate", "status")
          : ExitCodes.ERROR;
      int pull = migrate == ExitCodes.OK
          ? step(term, steps, human, project, env, "7. Pull the database back: it matches the schema, so the file stays as it is", "db", "pull")
          : ExitCodes.ERROR;
      int lint = migrate == ExitCodes.OK
          ? step(term, steps, human, project, env, "8. Lint the migration: what PostgreSQL would lock, rewrite or lose", "migrate", "lint", "--all")
          : ExitCodes.ERROR;
      int health = migrate == ExitCodes.OK
          ? step(term, steps, human, project, env, "9. Check the database's health: indexes, foreign keys, sequences", "health",
              "--check", "fk-without-index", "--check", "duplicate-indexes", "--check", "sequence-exhaustion", "--check", "invalid-indexes")
          : ExitCodes.ERROR;
      // pg_dump must be at least as new as the server (here the embedded PostgreSQL): where it is not,
      // the step shows the message and the install command, and the demo goes on without it.
      int backup = migrate == ExitCodes.OK
          ? step(term, steps, human, project, env, "10. Back up the database: one snapshot, every table counted and hashed", "backup", "create",
              "--label", "demo")
          : ExitCodes.ERROR;
      if (backup == ExitCodes.OK) {
        step(term, steps, human, project, env, "11. Prove the backup restores: into a scratch database, every table compared", "backup",
            "verify", "--level", "restore", "--scratch-embedded");
      } else if (human && migrate == ExitCodes.OK) {
        term.out().println(term.dim("(The backup needs PostgreSQL's own pg_dump, as new as the server: see above. Step 11, proving it restores, needs the backup: skipped. The demo goes on.)"));
        term.out().println();
      }
      workflow = migrate == ExitCodes.OK && seed == ExitCodes.OK && status == ExitCodes.OK && pull == ExitCodes.OK
          // an error-level lint finding exits 3: the demo shows findings, it does not hide them
          && (lint == ExitCodes.OK || lint == ExitCodes.CHECK_FAILED) && health == ExitCodes.OK;
    } catch (EmbeddedPostgresException e) {
      throw new StrataException(ErrorCode.DATABASE, "The demo needs the embedded PostgreSQL, which did not start: " + e.getMessage(), e);
    }

    int erd = step(term, steps, human, project, "12. The schema as an ER diagram (Mermaid; strata docs writes a whole page)", "erd");
    int explain = step(term, steps, human, project, "13. Every code Strata prints is explained: a failed migration blocking deploys",
        "explain", "P3009");
    boolean ok = validate == ExitCodes.OK && format == ExitCodes.OK && mistakes == ExitCodes.CHECK_FAILED && workflow
        && erd == ExitCodes.OK && explain == ExitCodes.OK;
    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", ok);
      doc.put("project", project.toString());
      doc.put("steps", steps);
      term.out().println(Json.write(doc));
    } else {
      term.out().println(ok
          ? term.green("✓") + " Demo complete. Try it yourself in " + project + ": run `strata dev` there, then"
              + " `strata migrate dev`, `strata db seed` and `strata migrate status` in another terminal."
          : term.red("✗") + " The demo did not go as expected (see above).");
    }
    return ok ? ExitCodes.OK : ExitCodes.ERROR;
  }

  private int step(Terminal term, List<Map<String, Object>> steps, boolean human, Path project, String title, String... args) {
    return step(term, steps, human, project, context().env(), title, args);
  }

  private int step(Terminal term, List<Map<String, Object>> steps, boolean human, Path project, Map<String, String> env,
      String title, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    if (term.color()) {
      env = new LinkedHashMap<>(env);
      env.put("FORCE_COLOR", "1");
    }
    // Never interactive: the demo must not stop at a prompt, and takes no input of the user's.
    CliContext ctx =
        new CliContext(project, env, new PrintWriter(out), new PrintWriter(err), InputStream.nullInputStream(), false);
    List<String> argv = new ArrayList<>(List.of(args));
    if (!term.color()) {
      argv.add("--no-color");
    }
    int code = StrataCli.run(ctx, argv.toArray(String[]::new));
    if (human) {
      term.out().println(term.bold(title));
      term.out().println(term.dim("$ strata " + String.join(" ", args)));
      term.out().print(out);
      term.out().print(err);
      term.out().println();
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("step", title);
    s.put("command", "strata " + String.join(" ", args));
    s.put("exitCode", code);
    steps.add(s);
    return code;
  }

  /** Writes the bundled example project (its schema and seed) under {@code project}. */
  public static void copyExample(Path project) throws IOException {
    for (String file : FILES) {
      String resource = "/dev/strata/cli/examples/" + EXAMPLE + "/" + file;
      try (InputStream in = DemoCommand.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new StrataException(ErrorCode.INTERNAL, "the example project is missing from this build (" + resource + ")");
        }
        Path target = project.resolve(file);
        Files.createDirectories(target.getParent());
        Files.write(target, in.readAllBytes());
      }
    }
  }
}
