package dev.strata.operation;

import dev.strata.ErrorCode;
import dev.strata.LintRequest;
import dev.strata.LintResult;
import dev.strata.StrataConfig;
import dev.strata.StrataException;
import dev.strata.config.ProjectConfig;
import dev.strata.lint.LintRule;
import dev.strata.lint.LintRules;
import dev.strata.lint.LintSettings;
import dev.strata.lint.LintToml;
import dev.strata.lint.Linter;
import dev.strata.lint.ObservationSource;
import dev.strata.lint.StatementFacts.TableSize;
import dev.strata.lint.parse.ParseCache;
import dev.strata.migrate.MigrationFolder;
import dev.strata.migrate.MigrationRunner;
import dev.strata.migrate.MigrationsDirectory;
import dev.strata.postgres.inspect.TableStatistics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code strata migrate lint}: chooses the migrations (pending, all, since one, or files), reads the
 * project's {@code strata.toml}, the target's table sizes when a database is configured, and lints
 * (see {@code docs/lint.md}).
 */
public final class LintOperation {
  private final StrataConfig config;
  private final Optional<Supplier<Connection>> database;

  /**
   * @param database connections to the target, when one is configured
   */
  public LintOperation(StrataConfig config, Optional<Supplier<Connection>> database) {
    this.config = config;
    this.database = database;
  }

  public LintResult run(LintRequest request) {
    try {
      return lint(request);
    } catch (StrataException e) {
      if (e.code() != ErrorCode.DATABASE || request.offline()) {
        throw e;
      }
      throw new StrataException(ErrorCode.DATABASE, e.getMessage()
          + "\n(strata migrate lint --offline --all lints without the database, with the static judgement)", e.details(), e);
    }
  }

  private LintResult lint(LintRequest request) {
    Path projectDir = config.project().map(ProjectConfig::projectDir).orElse(config.workingDirectory());
    LintToml.Lint toml = LintToml.read(projectDir);
    boolean online = !request.offline() && database.isPresent();
    List<String> notes = new ArrayList<>();

    List<Linter.Input> inputs = new ArrayList<>();
    // for the shadow observation: the history replayed before, and the migrations run under observation
    List<MigrationFolder> history = new ArrayList<>();
    List<LintObservation.Target> observe = new ArrayList<>();
    boolean prismaLock = false;
    if (request.scope() == LintRequest.Scope.FILES) {
      if (request.files().isEmpty()) {
        throw new StrataException(ErrorCode.USAGE, "No migration files given to lint.");
      }
      for (Path given : request.files()) {
        Path p = config.workingDirectory().resolve(given);
        Path file = Files.isDirectory(p) ? p.resolve(MigrationFolder.MIGRATION_FILE) : p;
        if (!Files.isRegularFile(file)) {
          throw new StrataException(ErrorCode.FILE_NOT_FOUND, "No migration file at " + given
              + (Files.isDirectory(p) ? " (the folder has no " + MigrationFolder.MIGRATION_FILE + ")" : "") + ".");
        }
        inputs.add(new Linter.Input(display(file), read(file)));
        observe.add(new LintObservation.Target(display(file), file.getParent().getFileName().toString(), file,
            inputs.get(inputs.size() - 1).text(), true));
        prismaLock |= Files.isRegularFile(file.getParent().resolveSibling("migration_lock.toml"))
            || Files.isRegularFile(file.getParent().resolve("migration_lock.toml"));
      }
    } else {
      Path dir = config.migrationsDirectory().orElseThrow(() -> new StrataException(ErrorCode.CONFIG,
          "No migrations folder is configured: give --migrations, a schema, or migration files."));
      if (!Files.isDirectory(dir)) {
        throw new StrataException(ErrorCode.FILE_NOT_FOUND, "The migrations folder " + display(dir) + " does not exist.");
      }
      MigrationsDirectory migrations = MigrationsDirectory.read(dir);
      prismaLock = migrations.lock().isPresent();
      List<MigrationFolder> chosen = choose(request, migrations, online);
      for (MigrationFolder folder : chosen) {
        inputs.add(new Linter.Input(display(folder.path().resolve(MigrationFolder.MIGRATION_FILE)), folder.sql().orElse("")));
      }
      plan(migrations, chosen, history, observe);
    }
    if (request.scope() == LintRequest.Scope.FILES && !request.offline()) {
      filesPlan(history, observe);
    }

    boolean prisma = toml.prisma().orElse(prismaLock);
    Map<String, TableSize> sizes = online ? sizes(notes) : Map.of();
    LintObservation.Outcome observation = request.offline() || inputs.isEmpty()
        ? new LintObservation.Outcome(ObservationSource.NONE, false, false)
        : LintObservation.observe(config, history, observe, notes);
    LintSettings settings = new LintSettings(toml.enable(), toml.disable(), prisma, sizes, observation.source(),
        toml.ignores(), toml.options());
    ParseCache cache = request.parseCache() ? ParseCache.at(ParseCache.defaultDirectory(System.getenv())) : ParseCache.none();
    Linter linter = new Linter(settings).parseCache(cache);
    linter.lintAll(inputs);
    cache.flush();
    if (cache.writeErrors() > 0) {
      notes.add("the parse cache " + cache.directory().map(Path::toString).orElse("") + " could not be written ("
          + cache.writeErrors() + " statements): the next run parses them again (STRATA_LINT_CACHE_DIR chooses another folder)");
    }

    if (request.offline()) {
      notes.add("lock and rewrite findings are the static rules' judgement (--offline): static rule (not observed on a shadow database)");
    }
    if (!online) {
      notes.add("no table sizes" + (request.offline() ? " (--offline)" : " (no database configured)")
          + ": lock findings are not weighed by the size of the table");
    }
    if (prisma) {
      List<String> off = LintRules.all().stream().filter(r -> r.defaultOn() && r.prismaOff().isPresent() && !settings.runs(r) && !toml.disable().contains(r.code()))
          .map(LintRule::code).toList();
      if (!off.isEmpty()) {
        notes.add("Prisma project: " + String.join(", ", off) + " are off because Prisma's own SQL always trips them"
            + " (strata explain LNxxx says why; enable = [...] under [lint] in strata.toml turns them on)");
      }
    }
    return new LintResult(inputs.stream().map(Linter.Input::file).toList(), linter.statements(), linter.unparsed(),
        linter.findings(), linter.suppressed(), observation.observedAll(), online, notes);
  }

  /**
   * The shadow observation of folders: those before the first chosen one are replayed, the rest up
   * to the last chosen one run under observation (a folder not chosen among them is observed but
   * not linted).
   */
  private void plan(MigrationsDirectory migrations, List<MigrationFolder> chosen, List<MigrationFolder> history,
      List<LintObservation.Target> observe) {
    if (chosen.isEmpty()) {
      return;
    }
    List<MigrationFolder> all = migrations.folders();
    int first = all.indexOf(chosen.get(0));
    int last = all.indexOf(chosen.get(chosen.size() - 1));
    history.addAll(all.subList(0, first));
    for (MigrationFolder f : all.subList(first, last + 1)) {
      observe.add(new LintObservation.Target("", f.name(), f.migrationFile(), f.sql().orElse(""), false));
    }
    for (int i = 0; i < observe.size(); i++) {
      MigrationFolder f = all.get(first + i);
      if (chosen.contains(f)) {
        LintObservation.Target t = observe.get(i);
        observe.set(i, new LintObservation.Target(display(f.path().resolve(MigrationFolder.MIGRATION_FILE)), t.name(), t.file(),
            t.script(), true));
      }
    }
  }

  /**
   * The shadow observation of files given: when each is a migration of the project's folder, as
   * {@link #plan} does; otherwise the whole history is replayed first and the files are observed
   * in the order given.
   */
  private void filesPlan(List<MigrationFolder> history, List<LintObservation.Target> observe) {
    Optional<MigrationsDirectory> migrations = config.migrationsDirectory().filter(Files::isDirectory).map(MigrationsDirectory::read);
    if (migrations.isEmpty()) {
      return;
    }
    List<MigrationFolder> chosen = new ArrayList<>();
    for (LintObservation.Target t : observe) {
      Path file = t.file().toAbsolutePath().normalize();
      migrations.get().folders().stream()
          .filter(f -> f.migrationFile().toAbsolutePath().normalize().equals(file))
          .findFirst().ifPresent(chosen::add);
    }
    if (chosen.size() == observe.size()) {
      List<String> shown = observe.stream().map(LintObservation.Target::shown).toList();
      List<MigrationFolder> inOrder = migrations.get().folders().stream().filter(chosen::contains).toList();
      observe.clear();
      plan(migrations.get(), inOrder, history, observe);
      // findings name the files as given
      for (int i = 0; i < observe.size(); i++) {
        LintObservation.Target t = observe.get(i);
        if (t.linted()) {
          int at = chosen.indexOf(migrations.get().folder(t.name()).orElseThrow());
          observe.set(i, new LintObservation.Target(shown.get(at), t.name(), t.file(), t.script(), true));
        }
      }
    } else {
      history.addAll(migrations.get().folders());
    }
  }

  private List<MigrationFolder> choose(LintRequest request, MigrationsDirectory migrations, boolean online) {
    LintRequest.Scope scope = request.scope();
    if (scope == LintRequest.Scope.DEFAULT) {
      scope = online ? LintRequest.Scope.PENDING : LintRequest.Scope.ALL;
    }
    switch (scope) {
      case ALL:
        return migrations.folders();
      case SINCE: {
        String since = request.since().orElseThrow();
        List<String> names = migrations.folders().stream().map(MigrationFolder::name).toList();
        int at = names.indexOf(since);
        if (at < 0) {
          throw new StrataException(ErrorCode.INVALID_INPUT, "--since " + since + ": no migration of that name in "
              + display(migrations.directory()) + (names.isEmpty() ? " (it has none)." : " (the last one is " + names.get(names.size() - 1) + ")."));
        }
        return migrations.folders().subList(at + 1, names.size());
      }
      case PENDING: {
        if (!online) {
          throw new StrataException(ErrorCode.CONFIG, request.offline()
              ? "--pending needs the database (to know what is applied), which --offline rules out: use --all or --since NAME."
              : "--pending needs a database URL (to know what is applied): set DATABASE_URL or --url, or use --all.");
        }
        List<String> pending = MigrationRunner.of(database.get(), config.defaultSchema(), migrations).status().pendingMigrationNames();
        return migrations.folders().stream().filter(f -> pending.contains(f.name())).toList();
      }
      default:
        throw new IllegalStateException(scope.name());
    }
  }

  private Map<String, TableSize> sizes(List<String> notes) {
    try (Connection c = database.get().get()) {
      Map<String, TableSize> out = new HashMap<>();
      TableStatistics.read(c, config.defaultSchema()).forEach((k, v) -> out.put(k, new TableSize(v.rows(), v.bytes())));
      return out;
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Could not read table sizes: " + e.getMessage(), e);
    }
  }

  private String display(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    return abs.startsWith(config.workingDirectory()) ? config.workingDirectory().relativize(abs).toString() : abs.toString();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "Could not read " + file + ": " + e.getMessage());
    }
  }
}
