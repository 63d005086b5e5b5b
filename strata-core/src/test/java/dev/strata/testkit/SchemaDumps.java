package dev.strata.testkit;

import dev.strata.embedded.PostgresServer;
import dev.strata.embedded.TestServers;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A witness for schema round trips that owes nothing to Strata: {@code pg_dump --schema-only
 * --no-owner --no-privileges} of scratch databases on the machine's PostgreSQL server, compared
 * after light normalisation. Neither {@code PgInspector} nor the differ takes part, so a property
 * both of them ignore still shows up here.
 *
 * <p>pg_dump refuses servers of a newer major version and the embedded distribution ships none, so
 * the witness runs on the local server (127.0.0.1:5432) with a pg_dump of that server's major
 * version. When either is missing, {@link #onLocalServer()} says why and is empty: the round-trip
 * tests then keep only their own comparison.
 *
 * <p>Normalisation: comments, {@code SET} / {@code set_config} / {@code \restrict} lines and blank
 * lines are dropped; statements are compared as a sorted set; and the lines inside a statement's
 * parentheses are sorted, because a migration appends the columns (and enum values) it adds, as
 * Prisma's scripts do, where a database created from scratch has them in schema order.
 */
public final class SchemaDumps {
  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.");
  private static Optional<SchemaDumps> local;

  private final PostgresServer server;
  private final Path pgDump;

  private SchemaDumps(PostgresServer server, Path pgDump) {
    this.server = server;
    this.pgDump = pgDump;
  }

  /** The witness on the local server, or empty (the reason printed once) when it cannot run. */
  public static synchronized Optional<SchemaDumps> onLocalServer() {
    if (local == null) {
      local = find();
    }
    return local;
  }

  private static Optional<SchemaDumps> find() {
    Optional<PostgresServer> server = TestServers.localServer();
    if (server.isEmpty()) {
      System.out.println("[strata] pg_dump witness skipped: no local PostgreSQL server (127.0.0.1:5432 unless strata.test.local.* say otherwise)");
      return Optional.empty();
    }
    int major = server.get().majorVersion();
    Set<Path> candidates = new LinkedHashSet<>();
    candidates.add(Path.of("/usr/lib/postgresql", Integer.toString(major), "bin", "pg_dump"));
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        candidates.add(Path.of(dir, "pg_dump"));
      }
    }
    for (Path candidate : candidates) {
      if (Files.isExecutable(candidate) && majorOf(candidate) == major) {
        return Optional.of(new SchemaDumps(server.get(), candidate));
      }
    }
    System.out.println("[strata] pg_dump witness skipped: no pg_dump of major version " + major
        + " (the local server's) on PATH or in /usr/lib/postgresql/" + major + "/bin");
    return Optional.empty();
  }

  private static int majorOf(Path pgDump) {
    try {
      String out = run(List.of(pgDump.toString(), "--version"));
      Matcher m = VERSION.matcher(out);
      return m.find() ? Integer.parseInt(m.group(1)) : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  /** A new empty scratch database on the witness's server; closing it drops it. */
  public Scratch create() {
    String name = ("strata_dump_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase(Locale.ROOT);
    server.createDatabase(name);
    return new Scratch(name);
  }

  /** One scratch database. */
  public final class Scratch implements AutoCloseable {
    private final String name;

    private Scratch(String name) {
      this.name = name;
    }

    /** Empties the database for reuse: every schema dropped, an empty {@code public} created. */
    public void reset() throws SQLException {
      execute("""
          DO $$
          DECLARE s text;
          BEGIN
            FOR s IN SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' LOOP
              EXECUTE format('DROP SCHEMA %I CASCADE', s);
            END LOOP;
          END $$;
          CREATE SCHEMA public;
          """);
    }

    /** Runs a script (several statements) in the database. */
    public void execute(String sql) throws SQLException {
      if (sql.isBlank()) {
        return;
      }
      try (Connection c = server.connect(name); Statement s = c.createStatement()) {
        s.execute(sql);
      }
    }

    /** The normalised schema-only dump of the database. */
    public List<String> dump() throws IOException {
      return normalise(run(List.of(pgDump.toString(), "--schema-only", "--no-owner", "--no-privileges",
          "-h", server.host(), "-p", Integer.toString(server.port()), "-U", server.user(), "-d", name)));
    }

    @Override
    public void close() {
      server.dropDatabase(name);
    }
  }

  /** The dump's statements, normalised as the class comment says, sorted. */
  static List<String> normalise(String dump) {
    List<String> statements = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String line : dump.lines().toList()) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--") || trimmed.startsWith("SET ") || trimmed.startsWith("\\")
          || trimmed.startsWith("SELECT pg_catalog.set_config")) {
        continue;
      }
      current.add(line);
      if (trimmed.endsWith(";")) {
        statements.add(statement(current));
        current.clear();
      }
    }
    if (!current.isEmpty()) {
      statements.add(statement(current));
    }
    statements.sort(null);
    return statements;
  }

  /** One statement with the lines between its first and last line (a parenthesised body) sorted. */
  private static String statement(List<String> lines) {
    if (lines.size() <= 2) {
      return String.join("\n", lines);
    }
    List<String> body = new ArrayList<>();
    for (String line : lines.subList(1, lines.size() - 1)) {
      body.add(line.endsWith(",") ? line.substring(0, line.length() - 1) : line);
    }
    body.sort(null);
    return lines.get(0) + "\n" + String.join("\n", body) + "\n" + lines.get(lines.size() - 1);
  }

  /** Null when both dumps hold the same statements, else the statements only one side has. */
  public static String difference(String expectedLabel, List<String> expected, String actualLabel, List<String> actual) {
    List<String> missing = new ArrayList<>(expected);
    missing.removeAll(actual);
    List<String> extra = new ArrayList<>(actual);
    extra.removeAll(expected);
    if (missing.isEmpty() && extra.isEmpty()) {
      return null;
    }
    return "pg_dump differs: only in " + expectedLabel + ": " + missing + "; only in " + actualLabel + ": " + extra;
  }

  private static String run(List<String> command) throws IOException {
    Path errors = Files.createTempFile("strata-pg-dump", ".err");
    try {
      return run(command, errors);
    } finally {
      Files.deleteIfExists(errors);
    }
  }

  private static String run(List<String> command, Path errors) throws IOException {
    Process p = new ProcessBuilder(command).redirectError(errors.toFile()).start();
    byte[] out = p.getInputStream().readAllBytes();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + command);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    String text = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException(command.get(0) + " exited with " + p.exitValue() + ": " + Files.readString(errors).strip());
    }
    return text;
  }
}
