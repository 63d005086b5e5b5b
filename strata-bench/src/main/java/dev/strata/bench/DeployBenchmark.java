package dev.strata.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: one deploy of a history into a fresh database through each tool's Java API, in a warm JVM
 * (single-shot: a deploy changes the database, so every measured call gets a new one). Run with
 * {@code bench/jmh.sh}; the local PostgreSQL at 127.0.0.1:5432 (user postgres) is used.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 7)
@Fork(1)
public class DeployBenchmark {
  @Param({"strata", "flyway", "liquibase"})
  public String tool;

  @Param({"200"})
  public int migrations;

  private Databases databases;
  private InProcess api;
  private Path dir;
  private Layouts layouts;
  private String database = "";

  @Setup(Level.Trial)
  public void writeHistory() throws IOException {
    databases = new Databases(System.getProperty("bench.host", "127.0.0.1"), Integer.getInteger("bench.port", 5432), "postgres",
        "strata_bench_jmh_" + ProcessHandle.current().pid());
    api = new InProcess(databases);
    dir = Files.createTempDirectory("strata-jmh");
    layouts = Layouts.write(dir, History.trivial(migrations));
  }

  @Setup(Level.Iteration)
  public void freshDatabase() {
    database = databases.create(tool);
  }

  @Benchmark
  public void deploy() throws Exception {
    switch (tool) {
      case "strata" -> api.strataDeploy(layouts, database);
      case "flyway" -> api.flywayMigrate(layouts, database);
      case "liquibase" -> api.liquibaseUpdate(layouts, database);
      default -> throw new IllegalArgumentException("unknown tool " + tool);
    }
  }

  @TearDown(Level.Iteration)
  public void dropDatabase() {
    databases.drop(database);
  }

  @TearDown(Level.Trial)
  public void removeHistory() throws IOException {
    databases.dropAll();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
