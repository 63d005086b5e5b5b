package dev.strata.postgres.inspect;

import dev.strata.embedded.PostgresServer;
import dev.strata.embedded.TestServers;
import dev.strata.schema.DatabaseSchema;
import dev.strata.embedded.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Measures {@link PgInspector} on a generated 1,000-table schema and on the langfuse database (its
 * 400-odd Prisma migrations applied in order). Run with the test classpath:
 * {@code java -cp … dev.strata.postgres.inspect.InspectBench [local|embedded]…} (both by default).
 */
public final class InspectBench {
  private InspectBench() {}

  public static void main(String[] args) throws Exception {
    List<String> servers = args.length > 0 ? List.of(args) : List.of("local", "embedded");
    for (String server : servers) {
      PostgresServer pg = server.equals("embedded")
          ? TestServers.embedded()
          : TestServers.localServer().orElseThrow(() -> new IllegalStateException("no server on 127.0.0.1:5432"));
      System.out.printf("== %s server, PostgreSQL %s%n", server, pg.version());
      bench(pg);
    }
  }

  private static void bench(PostgresServer server) throws Exception {
    int runs = 15;
    try (ScratchDatabase db = ScratchDatabase.on(server);
        Connection c = db.connect()) {
      long start = System.nanoTime();
      generate(c, 1000);
      System.out.printf("generated 1000 tables in %d ms%n", (System.nanoTime() - start) / 1_000_000);
      report("generated 1,000 tables", c, runs);
    }
    Path root = SharedData.rootOrNull();
    Path migrations = root == null ? null
        : root.resolve("corpus/langfuse__langfuse/packages/shared/prisma/migrations");
    if (migrations == null || !Files.isDirectory(migrations)) {
      System.out.println("langfuse corpus absent; skipped");
      return;
    }
    try (ScratchDatabase db = ScratchDatabase.on(server);
        Connection c = db.connect()) {
      applyMigrations(c, migrations);
      report("langfuse", c, runs);
    }
  }

  private static void report(String label, Connection c, int runs) {
    long coldStart = System.nanoTime();
    DatabaseSchema schema = PgInspector.inspect(c, InspectOptions.defaults());
    long cold = (System.nanoTime() - coldStart) / 1_000_000;
    for (int i = 0; i < 4; i++) {
      schema = PgInspector.inspect(c, InspectOptions.defaults());
    }
    long[] millis = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      schema = PgInspector.inspect(c, InspectOptions.defaults());
      millis[i] = (System.nanoTime() - start) / 1_000_000;
    }
    long[] sorted = millis.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "%s: %d tables, %d columns, %d indexes, %d foreign keys, %d enums; first inspect (cold JVM) %d ms; then median %d ms, min %d ms, max %d ms (%d runs after 5 warm-up runs)%n",
        label,
        schema.tables().size(),
        schema.tables().stream().mapToInt(t -> t.columns().size()).sum(),
        schema.tables().stream().mapToInt(t -> t.indexes().size()).sum(),
        schema.tables().stream().mapToInt(t -> t.foreignKeys().size()).sum(),
        schema.enums().size(),
        cold,
        sorted[runs / 2], sorted[0], sorted[runs - 1], runs);
  }

  /** 1,000 tables of 10 columns: serial key, unique and plain indexes, an FK to the previous table. */
  private static void generate(Connection c, int tables) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TYPE \"Status\" AS ENUM ('ACTIVE', 'INACTIVE', 'DELETED')");
      StringBuilder sql = new StringBuilder();
      for (int i = 0; i < tables; i++) {
        String t = "\"Table" + i + "\"";
        sql.append("CREATE TABLE ").append(t).append(" (")
            .append("id SERIAL PRIMARY KEY, ")
            .append("name varchar(255) NOT NULL, ")
            .append("email text, ")
            .append("status \"Status\" NOT NULL DEFAULT 'ACTIVE', ")
            .append("price numeric(65,30) DEFAULT 0, ")
            .append("tags text[] DEFAULT ARRAY[]::text[], ")
            .append("data jsonb DEFAULT '{}', ")
            .append("created_at timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, ")
            .append("updated_at timestamp(3) NOT NULL, ")
            .append("parent_id integer");
        if (i > 0) {
          sql.append(", CONSTRAINT \"Table").append(i).append("_parent_id_fkey\" FOREIGN KEY (parent_id) REFERENCES \"Table")
              .append(i - 1).append("\"(id) ON DELETE SET NULL ON UPDATE CASCADE");
        }
        sql.append(");\n");
        sql.append("CREATE UNIQUE INDEX \"Table").append(i).append("_email_key\" ON ").append(t).append(" (email);\n");
        sql.append("CREATE INDEX \"Table").append(i).append("_name_created_at_idx\" ON ").append(t).append(" (name, created_at DESC);\n");
        if (i % 100 == 99) {
          st.execute(sql.toString());
          sql.setLength(0);
        }
      }
      if (sql.length() > 0) {
        st.execute(sql.toString());
      }
    }
  }

  /** Applies each migration.sql in order; one that fails (a missing extension, say) is reported and skipped. */
  private static void applyMigrations(Connection c, Path dir) throws Exception {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.map(p -> p.resolve("migration.sql")).filter(Files::isRegularFile).sorted().toList();
    }
    int applied = 0;
    List<String> skipped = new ArrayList<>();
    long start = System.nanoTime();
    for (Path file : files) {
      String sql = Files.readString(file);
      try (Statement st = c.createStatement()) {
        if (sql.toUpperCase().contains("CONCURRENTLY")) {
          // CONCURRENTLY refuses to run in the implicit transaction of a multi-statement string.
          for (String statement : sql.split(";\\s*(\\n|$)")) {
            if (!statement.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("--"))) {
              st.execute(statement);
            }
          }
        } else {
          st.execute(sql);
        }
        applied++;
      } catch (SQLException e) {
        skipped.add(file.getParent().getFileName() + ": " + e.getMessage().lines().findFirst().orElse(""));
      }
    }
    System.out.printf("langfuse: applied %d of %d migrations in %d ms%n", applied, files.size(),
        (System.nanoTime() - start) / 1_000_000);
    skipped.forEach(s -> System.out.println("  skipped " + s));
  }
}
