package dev.strata.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The comparison that {@code bench/compare.sh} runs: every workload against every tool that can
 * run it, on the same PostgreSQL server, runs alternating between tools (A B C … A B C …), a fresh
 * database per run, then a table per workload (median, min, max, ratio to Strata, peak memory)
 * and the goals checked against the medians.
 */
public final class Compare {
  private static final String STRATA = "strata";

  private final Options options;
  private final Databases databases;
  private final Processes processes;
  private final Tools tools;
  private final InProcess inProcess;
  private final List<Workload> results = new ArrayList<>();

  /**
   * One workload: its cases and, once run, their samples per phase (most workloads have one phase;
   * a migrated database serves two, the no-op rerun and the status). Keys are "phase/label".
   */
  record Workload(List<String> phases, List<String> titles, String reference, List<Case> cases, int warmup,
      Map<String, List<Sample>> samples, Map<String, String> failures) {
    Workload(String name, String title, String reference, List<Case> cases, int warmup) {
      this(List.of(name), List.of(title), reference, cases, warmup, new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    Workload(List<String> phases, List<String> titles, String reference, List<Case> cases) {
      this(phases, titles, reference, cases, 0, new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    String name() {
      return String.join("+", phases);
    }
  }

  /** Command-line options (see {@code bench/compare.sh}). */
  record Options(int runs, boolean quick, Path work, Path strata, Optional<Path> prisma, Optional<Path> npm,
      Optional<Path> flywayCp, Optional<Path> liquibaseCp, Path corpus, Optional<Path> out, List<String> only,
      String host, int port, String prefix) {
    static Options parse(String[] args) {
      Map<String, String> map = new LinkedHashMap<>();
      boolean quick = false;
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("--quick")) {
          quick = true;
        } else if (args[i].startsWith("--") && i + 1 < args.length) {
          map.put(args[i].substring(2), args[++i]);
        } else {
          throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
      int runs = Integer.parseInt(map.getOrDefault("runs", quick ? "5" : "9"));
      return new Options(runs, quick, Path.of(req(map, "work")), Path.of(req(map, "strata")),
          opt(map, "prisma"), opt(map, "npm"), opt(map, "flyway-cp"), opt(map, "liquibase-cp"),
          Path.of(req(map, "corpus")), opt(map, "out"),
          map.containsKey("only") ? List.of(map.get("only").split(",")) : List.of(),
          map.getOrDefault("host", "127.0.0.1"), Integer.parseInt(map.getOrDefault("port", "5432")),
          map.getOrDefault("prefix", "strata_bench_" + ProcessHandle.current().pid()));
    }

    private static String req(Map<String, String> map, String key) {
      String value = map.get(key);
      if (value == null) {
        throw new IllegalArgumentException("--" + key + " is required");
      }
      return value;
    }

    private static Optional<Path> opt(Map<String, String> map, String key) {
      return Optional.ofNullable(map.get(key)).filter(s -> !s.isEmpty()).map(Path::of);
    }
  }

  private Compare(Options options) throws IOException {
    this.options = options;
    this.databases = new Databases(options.host(), options.port(), "postgres", options.prefix());
    Files.createDirectories(options.work());
    this.processes = new Processes(Files.createDirectories(options.work().resolve("scratch")));
    this.tools = new Tools(options.strata(), options.prisma(), options.npm(), options.flywayCp(), options.liquibaseCp(), databases);
    this.inProcess = new InProcess(databases);
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Compare compare = new Compare(options);
    Thread cleanup = new Thread(compare::dropDatabases);
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      compare.runAll();
    } finally {
      compare.dropDatabases();
    }
    String report = compare.report();
    System.out.print(report);
    if (options.out().isPresent()) {
      Files.writeString(options.out().get(), report, StandardCharsets.UTF_8);
    }
  }

  private void dropDatabases() {
    try {
      databases.dropAll();
    } catch (RuntimeException e) {
      System.err.println("warning: could not drop the benchmark databases: " + e.getMessage());
    }
  }

  // ---- workloads --------------------------------------------------------------------------------

  private void runAll() throws Exception {
    Layouts trivial200 = layouts("trivial-200", History.trivial(200));
    Map<String, Layouts> corpus = new LinkedHashMap<>();
    corpusHistory(corpus, "langfuse", "langfuse__langfuse/packages/shared/prisma/migrations");
    corpusHistory(corpus, "documenso", "documenso__documenso/packages/prisma/migrations");
    corpusHistory(corpus, "rallly", "lukevella__rallly/packages/database/prisma/migrations");

    run(coldStart());
    run(fresh("fresh-200", "200 trivial migrations, fresh database", trivial200, true));
    if (!options.quick()) {
      run(fresh("fresh-1000", "1,000 trivial migrations, fresh database", layouts("trivial-1000", History.trivial(1000)), true));
    }
    run(rerunAndStatus(trivial200));
    for (Map.Entry<String, Layouts> e : corpus.entrySet()) {
      Layouts layouts = e.getValue();
      run(fresh("history-" + e.getKey(), e.getKey() + "'s real history (" + layouts.history().size() + " migrations), fresh database",
          layouts, false));
    }
    diffWorkload().ifPresent(this::run);
    run(api("api-fresh-200", "in-process Java API: 200 trivial migrations, fresh database", trivial200, false, true));
    run(api("api-noop-200", "in-process Java API: no-op rerun on the 200-migration database", trivial200, true, true));
    Layouts langfuse = corpus.get("langfuse");
    if (langfuse != null && !options.quick()) {
      run(api("api-history-langfuse", "in-process Java API: langfuse's real history, fresh database", langfuse, false, false));
    }
  }

  private Layouts layouts(String dirName, History history) throws IOException {
    Layouts layouts = Layouts.write(options.work().resolve(dirName), history);
    tools.linkPrismaModules(layouts.root());
    return layouts;
  }

  private void corpusHistory(Map<String, Layouts> corpus, String name, String relative) throws IOException {
    Path dir = options.corpus().resolve(relative);
    if (Files.isDirectory(dir)) {
      corpus.put(name, layouts("history-" + name, History.prismaFolder(name, dir)));
    } else {
      System.err.println("(corpus " + dir + " absent: skipping " + name + ")");
    }
  }

  private Case process(String label, java.util.function.Function<String, Command> command) {
    return new Case(label, Optional.empty(), List.of(db -> processes.run(command.apply(db))), true, false);
  }

  /** A case on one database per tool, migrated by {@code setup} once, then timed by each phase's command. */
  private Case onMigrated(String label, java.util.function.Function<String, Command> setup,
      List<java.util.function.Function<String, Command>> phases) {
    List<Case.Step> steps = phases.stream().<Case.Step>map(f -> db -> processes.run(f.apply(db))).toList();
    return new Case(label, Optional.of(db -> processes.run(setup.apply(db))), steps, true, true);
  }

  private Case noDatabase(String label, Command command) {
    return new Case(label, Optional.empty(), List.of(db -> processes.run(command)), false, false);
  }

  private Workload coldStart() {
    Path dir = options.work();
    List<Case> cases = new ArrayList<>();
    cases.add(noDatabase(STRATA, tools.strata(dir, "--version")));
    if (tools.hasPrisma()) {
      cases.add(noDatabase("prisma", tools.prisma(dir, Optional.empty(), "--version")));
    }
    if (tools.hasFlyway()) {
      cases.add(noDatabase("flyway-cli", tools.flyway(dir, "-skipCheckForUpdate", "version")));
    }
    if (tools.hasLiquibase()) {
      cases.add(noDatabase("liquibase-cli", tools.liquibase(dir, "--version")));
    }
    if (tools.hasNpmPeers()) {
      cases.add(noDatabase("dbmate", tools.dbmate(dir, "--version")));
      cases.add(noDatabase("node-pg-migrate", tools.nodePgMigrate(dir, Optional.empty(), "--version")));
    }
    cases.add(noDatabase("psql", tools.psql(dir, "--version")));
    return new Workload("cold-start", "cold start: `--version` (or `version`) of each CLI, no database", STRATA, cases, 0);
  }

  private Workload fresh(String name, String title, Layouts l, boolean trivial) {
    List<Case> cases = new ArrayList<>();
    cases.add(process(STRATA, db -> tools.strataMigrate(l, db, "deploy")));
    if (tools.hasPrisma()) {
      cases.add(process("prisma", db -> tools.prismaMigrate(l, db, "deploy")));
    }
    if (tools.hasFlyway()) {
      cases.add(process("flyway-cli", db -> tools.flywayMigrate(l, db, "migrate")));
    }
    if (tools.hasLiquibase() && trivial) {
      cases.add(process("liquibase-cli", db -> tools.liquibaseMigrate(l, db, "update")));
    }
    if (tools.hasNpmPeers()) {
      cases.add(process("dbmate", db -> tools.dbmateMigrate(l, db, "up")));
      if (trivial) {
        cases.add(process("node-pg-migrate", db -> tools.nodePgMigrateUp(l, db)));
      }
    }
    cases.add(process("psql-floor", db -> tools.psqlFiles(l, db)));
    return new Workload(name, title, STRATA, cases, 0);
  }

  /** The no-op rerun and the status, both on one database per tool that the tool migrated itself. */
  private Workload rerunAndStatus(Layouts l) {
    List<Case> cases = new ArrayList<>();
    cases.add(onMigrated(STRATA, db -> tools.strataMigrate(l, db, "deploy"),
        List.of(db -> tools.strataMigrate(l, db, "deploy"), db -> tools.strataMigrate(l, db, "status"))));
    if (tools.hasPrisma()) {
      cases.add(onMigrated("prisma", db -> tools.prismaMigrate(l, db, "deploy"),
          List.of(db -> tools.prismaMigrate(l, db, "deploy"), db -> tools.prismaMigrate(l, db, "status"))));
    }
    if (tools.hasFlyway()) {
      cases.add(onMigrated("flyway-cli", db -> tools.flywayMigrate(l, db, "migrate"),
          List.of(db -> tools.flywayMigrate(l, db, "migrate"), db -> tools.flywayMigrate(l, db, "info"))));
    }
    if (tools.hasLiquibase()) {
      cases.add(onMigrated("liquibase-cli", db -> tools.liquibaseMigrate(l, db, "update"),
          List.of(db -> tools.liquibaseMigrate(l, db, "update"), db -> tools.liquibaseMigrate(l, db, "status"))));
    }
    if (tools.hasNpmPeers()) {
      cases.add(onMigrated("dbmate", db -> tools.dbmateMigrate(l, db, "up"),
          List.of(db -> tools.dbmateMigrate(l, db, "up"), db -> tools.dbmateMigrate(l, db, "status"))));
    }
    int n = l.history().size();
    return new Workload(List.of("noop-" + n, "status-" + n), List.of(
        "no-op rerun: deploy again on a database the tool migrated with " + n + " trivial migrations",
        "status on that database, everything applied (Flyway: `info`, Liquibase and dbmate: `status`)"), STRATA, cases);
  }

  private Optional<Workload> diffWorkload() throws IOException {
    Path schema = options.corpus().resolve("langfuse__langfuse/packages/shared/prisma/schema.prisma");
    if (!Files.isRegularFile(schema)) {
      return Optional.empty();
    }
    // Prisma 7 rejects `url` in the datasource and the retired "metrics" preview feature: both
    // tools read the same copy without them.
    Path dir = Files.createDirectories(options.work().resolve("diff"));
    Path copy = dir.resolve("schema.prisma");
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(schema, StandardCharsets.UTF_8)) {
      if (!line.matches("\\s*(url|directUrl|shadowDatabaseUrl)\\s*=.*")) {
        lines.add(line.replace(", \"metrics\"", ""));
      }
    }
    Files.write(copy, lines, StandardCharsets.UTF_8);
    // Prisma's engine shim wants a datasource URL even for a diff that reads no database.
    Files.writeString(dir.resolve("prisma.config.ts"), """
        import { defineConfig, env } from "prisma/config";

        export default defineConfig({ datasource: { url: env("DATABASE_URL") } });
        """, StandardCharsets.UTF_8);
    tools.linkPrismaModules(dir);
    List<Case> cases = new ArrayList<>();
    cases.add(noDatabase(STRATA, tools.strata(dir, "migrate", "diff", "--from-empty", "--to-schema", copy.toString(), "--script")));
    if (tools.hasPrisma()) {
      cases.add(noDatabase("prisma", tools.prisma(dir, Optional.empty(), "migrate", "diff", "--from-empty", "--to-schema",
          copy.toString(), "--script")));
    }
    return Optional.of(new Workload("diff-langfuse",
        "`migrate diff --from-empty --to-schema <langfuse schema> --script` (SQL for the largest corpus schema, no database)",
        STRATA, cases, 0));
  }

  private Workload api(String name, String title, Layouts l, boolean rerun, boolean liquibase) {
    List<Case> cases = new ArrayList<>();
    cases.add(apiCase("strata-api", rerun, db -> inProcess.strataDeploy(l, db)));
    cases.add(apiCase("flyway-api", rerun, db -> inProcess.flywayMigrate(l, db)));
    if (liquibase) {
      cases.add(apiCase("liquibase-api", rerun, db -> inProcess.liquibaseUpdate(l, db)));
    }
    return new Workload(name, title, "strata-api", cases, 1);
  }

  private Case apiCase(String label, boolean rerun, DatabaseAction action) {
    Case.Step step = db -> InProcess.time(() -> action.apply(db));
    return new Case(label, rerun ? Optional.of(step) : Optional.empty(), List.of(step), true, rerun);
  }

  /** An in-process action on one database. */
  @FunctionalInterface
  interface DatabaseAction {
    void apply(String database) throws Exception;
  }

  // ---- running ----------------------------------------------------------------------------------

  private void run(Workload w) {
    if (!options.only().isEmpty() && options.only().stream().noneMatch(w.name()::contains)) {
      return;
    }
    results.add(w);
    int rounds = w.warmup() + options.runs();
    System.err.printf(Locale.ROOT, "== %s: %s (%d runs%s each, alternating)%n", w.name(), String.join("; ", w.titles()),
        options.runs(), w.warmup() > 0 ? " after " + w.warmup() + " warm-up" : "");
    Map<String, String> shared = new LinkedHashMap<>();
    try {
      for (int round = 0; round < rounds; round++) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "   %s %d:", round < w.warmup() ? "warm-up" : "run", round + 1));
        for (Case c : w.cases()) {
          if (!w.failures().containsKey(c.label())) {
            runOnce(w, c, round, shared, line);
          }
        }
        System.err.println(line);
      }
    } finally {
      shared.values().forEach(databases::drop);
    }
  }

  private void runOnce(Workload w, Case c, int round, Map<String, String> shared, StringBuilder line) {
    String db = shared.getOrDefault(c.label(), "");
    boolean fresh = db.isEmpty();
    try {
      if (fresh && c.needsDatabase()) {
        db = databases.create(w.phases().get(0));
        if (c.sharedDatabase()) {
          shared.put(c.label(), db);
        }
      }
      if (fresh && c.setup().isPresent()) {
        c.setup().get().run(db);
      }
      for (int phase = 0; phase < c.timed().size(); phase++) {
        Sample s = c.timed().get(phase).run(db);
        if (round >= w.warmup()) {
          w.samples().computeIfAbsent(w.phases().get(phase) + "/" + c.label(), k -> new ArrayList<>()).add(s);
        }
        line.append(String.format(Locale.ROOT, " %s %.0f", c.label(), s.millis()));
      }
    } catch (Exception e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      w.failures().put(c.label(), message);
      w.samples().keySet().removeIf(k -> k.endsWith("/" + c.label()));
      System.err.println("   " + c.label() + " FAILED: " + message);
    } finally {
      if (!db.isEmpty() && !c.sharedDatabase()) {
        databases.drop(db);
      }
    }
  }

  // ---- report ---------------------------------------------------------------------------------

  private String report() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "Strata vs peers — %s, %d runs per case (%s), %s, %d cores, %s%n%n",
        LocalDate.now(), options.runs(), options.quick() ? "--quick" : "full", System.getProperty("java.vm.name") + " "
            + System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), loadAverage()));
    for (Workload w : results) {
      for (int phase = 0; phase < w.phases().size(); phase++) {
        table(out, w, w.phases().get(phase), w.titles().get(phase));
      }
    }
    out.append(goals());
    return out.toString();
  }

  private void table(StringBuilder out, Workload w, String phase, String title) {
    {
      out.append("### ").append(phase).append(" — ").append(title).append("\n\n");
      out.append("| tool | median ms | min | max | × ").append(w.reference()).append(" | peak RSS MiB |\n");
      out.append("|---|--:|--:|--:|--:|--:|\n");
      Optional<Stats> ref = stats(w, phase, w.reference());
      for (Case c : w.cases()) {
        Optional<Stats> s = stats(w, phase, c.label());
        if (s.isPresent()) {
          Stats st = s.get();
          String ratio = ref.map(r -> String.format(Locale.ROOT, "%.2f", st.median() / r.median())).orElse("–");
          String label = c.label().equals(w.reference()) ? "**" + c.label() + "**" : c.label();
          out.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %s | %s |%n", label, st.median(), st.min(), st.max(),
              ratio, st.medianRssMib() < 0 ? "–" : String.format(Locale.ROOT, "%.0f", st.medianRssMib())));
        } else if (w.failures().containsKey(c.label())) {
          out.append("| ").append(c.label()).append(" | failed: ").append(firstLine(w.failures().get(c.label())))
              .append(" | | | | |\n");
        }
      }
      out.append("\n");
    }
  }

  private String goals() {
    StringBuilder out = new StringBuilder("### Goals (medians)\n\n| goal | Strata | target | met |\n|---|--:|--:|---|\n");
    workload("fresh-200").ifPresent(w -> {
      goal(out, "200 trivial, cold CLI ≤ dbmate", w, "fresh-200", STRATA, "dbmate", 1.0);
      goal(out, "200 trivial, cold CLI ≤ 0.15 × Flyway CLI", w, "fresh-200", STRATA, "flyway-cli", 0.15);
    });
    for (Workload w : results) {
      String phase = w.phases().get(0);
      if (phase.startsWith("history-")) {
        String project = phase.substring("history-".length());
        goal(out, project + " history ≤ 0.5 × Prisma", w, phase, STRATA, "prisma", 0.5);
        goal(out, project + " history ≤ 1.3 × psql floor", w, phase, STRATA, "psql-floor", 1.3);
      }
    }
    workload("status-200").flatMap(w -> stats(w, "status-200", STRATA)).ifPresent(s -> out.append(String.format(Locale.ROOT,
        "| `strata migrate status` ≤ 0.35 s | %,.0f ms | 350 ms | %s |%n", s.median(), s.median() <= 350 ? "yes" : "**no**")));
    return out.append("\n").toString();
  }

  private void goal(StringBuilder out, String text, Workload w, String phase, String mine, String theirs, double factor) {
    Optional<Stats> a = stats(w, phase, mine);
    Optional<Stats> b = stats(w, phase, theirs);
    if (a.isPresent() && b.isPresent()) {
      double target = b.get().median() * factor;
      out.append(String.format(Locale.ROOT, "| %s | %,.0f ms | %,.0f ms | %s |%n", text, a.get().median(), target,
          a.get().median() <= target ? "yes" : "**no**"));
    } else {
      out.append("| ").append(text).append(" | ").append(a.map(s -> String.format(Locale.ROOT, "%,.0f ms", s.median())).orElse("–"))
          .append(" | – | not measured (").append(a.isEmpty() ? mine : theirs).append(" has no result) |\n");
    }
  }

  private Optional<Workload> workload(String name) {
    return results.stream().filter(w -> w.phases().contains(name)).findFirst();
  }

  private static Optional<Stats> stats(Workload w, String phase, String label) {
    List<Sample> samples = w.samples().get(phase + "/" + label);
    return samples == null || samples.isEmpty() ? Optional.empty() : Optional.of(Stats.of(samples));
  }

  private static String firstLine(String text) {
    String line = text.lines().findFirst().orElse("").replace("|", "\\|");
    return line.length() > 120 ? line.substring(0, 120) + " …" : line;
  }

  private static String loadAverage() {
    try {
      return "load average " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0] + " at the end";
    } catch (IOException e) {
      return "load average unknown";
    }
  }

  static PrintStream err() {
    return System.err;
  }
}
