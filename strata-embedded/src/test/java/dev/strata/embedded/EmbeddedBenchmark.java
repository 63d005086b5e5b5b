package dev.strata.embedded;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Measures (does not assert) embedded PostgreSQL start-up and database creation; run by
 * {@code strata-embedded/bench.sh}, which prints the figures for the embedded section of BENCHMARKS.md.
 */
public final class EmbeddedBenchmark {
  private EmbeddedBenchmark() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "start";
    long t0 = System.nanoTime();
    if (mode.equals("persistent")) {
      try (LocalPostgres pg = LocalPostgres.builder().dataDirectory(java.nio.file.Path.of(args[1])).start()) {
        long ready = System.nanoTime();
        print("persistent_start_ms", ms(t0, ready));
      }
      return;
    }
    try (LocalPostgres pg = LocalPostgres.start()) {
      long ready = System.nanoTime();
      print("start_ms", ms(t0, ready));
      long q0 = System.nanoTime();
      try (Connection c = pg.connect("postgres"); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select version()")) {
        rs.next();
      }
      print("first_query_ms", ms(q0, System.nanoTime()));
      print("major", pg.majorVersion());
      if (mode.equals("databases")) {
        int n = 20;
        long p0 = System.nanoTime();
        pg.createDatabase("warmup_db");
        print("template_prepare_and_first_db_ms", ms(p0, System.nanoTime()));
        pg.dropDatabase("warmup_db");
        String[][] variants = {
          {LocalPostgres.TEMPLATE_DATABASE, "WAL_LOG"}, {LocalPostgres.TEMPLATE_DATABASE, "FILE_COPY"},
          {"template0", "WAL_LOG"}, {"template0", "FILE_COPY"}};
        long[] create = new long[variants.length];
        long[] drop = new long[variants.length];
        // Interleaved, so that changes in machine load hit every variant alike.
        for (int i = 0; i < n; i++) {
          for (int v = 0; v < variants.length; v++) {
            String db = "bench_" + v + "_" + i;
            long a = System.nanoTime();
            try (Connection c = pg.connect("postgres"); Statement s = c.createStatement()) {
              s.execute("CREATE DATABASE " + db + " TEMPLATE " + variants[v][0] + " STRATEGY " + variants[v][1]);
            }
            long b = System.nanoTime();
            pg.dropDatabase(db);
            create[v] += b - a;
            drop[v] += System.nanoTime() - b;
          }
        }
        for (int v = 0; v < variants.length; v++) {
          print("create_from_" + variants[v][0] + "_" + variants[v][1] + "_avg_ms", create[v] / n / 1_000_000.0);
          print("drop_after_" + variants[v][0] + "_" + variants[v][1] + "_avg_ms", drop[v] / n / 1_000_000.0);
        }
        long e0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          pg.createDatabase("api_" + i);
        }
        print("createDatabase_api_avg_ms", (System.nanoTime() - e0) / n / 1_000_000.0);
        for (int i = 0; i < n; i++) {
          pg.dropDatabase("api_" + i);
        }
        long c0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          try (ShadowDatabase shadow = ShadowDatabase.create(pg)) {
            shadow.name();
          }
        }
        print("shadow_create_and_drop_avg_ms", (System.nanoTime() - c0) / n / 1_000_000.0);
      }
      long s0 = System.nanoTime();
      pg.close();
      print("stop_ms", ms(s0, System.nanoTime()));
    }
  }

  private static long ms(long from, long to) {
    return (to - from) / 1_000_000;
  }

  private static void print(String key, Object value) {
    System.out.println(key + "=" + value);
  }
}
