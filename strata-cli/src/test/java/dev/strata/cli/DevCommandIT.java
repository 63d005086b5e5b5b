package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata dev}: start, reuse, the embedded default, stop, restart with the data kept, and no process left behind. */
class DevCommandIT {
  private static final Duration START_WAIT = Duration.ofSeconds(120);

  @TempDir Path dir;
  private Process child;

  @AfterEach
  void stopEverything() throws Exception {
    // Whatever a failed assertion left running is stopped here, so no test leaves a server behind.
    CliRun.in(dir, "dev", "--stop");
    if (child != null && child.isAlive()) {
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void starts_is_reused_serves_the_dev_side_commands_and_stops_keeping_its_data() throws Exception {
    CompletableFuture<CliRun> server = CompletableFuture.supplyAsync(() -> CliRun.in(dir, "dev"));
    DevDatabase.State state = awaitState(server);
    assertThat(state.urlText()).isEqualTo("postgresql://postgres@127.0.0.1:" + state.port() + "/postgres");
    assertThat(Files.readString(dir.resolve(".strata/.gitignore"))).contains("*");

    CliRun status = CliRun.in(dir, "dev", "--status");
    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.out()).contains("is running at " + state.urlText());

    CliRun again = CliRun.in(dir, "dev");
    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.out()).contains("already running at " + state.urlText());

    Files.writeString(dir.resolve("kept.sql"), "CREATE TABLE kept (id int); INSERT INTO kept VALUES (42);");
    CliRun execute = CliRun.in(dir, Map.of(), "db", "execute", "--file", "kept.sql");
    assertThat(execute.exitCode()).as(execute.all()).isZero();
    assertThat(execute.err()).contains("Using the Strata dev database at " + state.urlText() + " (no DATABASE_URL set)");
    assertThat(DevDatabase.url(context())).isEqualTo(state.url());

    CliRun stop = CliRun.in(dir, "dev", "--stop");
    assertThat(stop.exitCode()).as(stop.all()).isZero();
    assertThat(stop.out()).contains("Stopped the Strata dev database at " + state.urlText());
    CliRun served = server.get(60, TimeUnit.SECONDS);
    assertThat(served.exitCode()).as(served.all()).isZero();
    assertThat(served.out()).contains("Strata dev database running at " + state.urlText()).contains("(new)").contains("Stopped");
    assertThat(running(state.postmasterPid())).as("postmaster %d", state.postmasterPid()).isFalse();
    assertThat(DevDatabase.read(dir)).isEmpty();
    assertThat(CliRun.in(dir, "dev", "--status").exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    CliRun nothing = CliRun.in(dir, Map.of(), "db", "execute", "--file", "kept.sql");
    assertThat(nothing.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(nothing.err()).contains("no Strata dev database is running").contains("strata dev");

    // A restart reuses the data directory: the table is still there.
    CompletableFuture<CliRun> restarted = CompletableFuture.supplyAsync(() -> CliRun.in(dir, "dev"));
    DevDatabase.State second = awaitState(restarted);
    Files.writeString(dir.resolve("check.sql"), "DO $$ BEGIN IF (SELECT id FROM kept) <> 42 THEN RAISE 'lost'; END IF; END $$;");
    CliRun check = CliRun.in(dir, Map.of(), "db", "execute", "--file", "check.sql");
    assertThat(check.exitCode()).as(check.all()).isZero();
    assertThat(CliRun.in(dir, "dev", "--stop").exitCode()).isZero();
    CliRun secondRun = restarted.get(60, TimeUnit.SECONDS);
    assertThat(secondRun.out()).contains("(kept between runs)");
    assertThat(running(second.postmasterPid())).isFalse();
  }

  @Test
  void a_dev_server_in_another_process_is_stopped_by_dev_stop_and_leaves_no_process_behind() throws Exception {
    child = startChild("dev");
    DevDatabase.State state = awaitState(null);
    assertThat(state.pid()).isEqualTo(child.pid());
    assertThat(running(state.postmasterPid())).isTrue();

    CliRun stop = CliRun.in(dir, "dev", "--stop");
    assertThat(stop.exitCode()).as(stop.all()).isZero();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isZero();
    assertThat(running(state.postmasterPid())).isFalse();
    assertThat(DevDatabase.read(dir)).isEmpty();
  }

  @Test
  void ending_the_dev_process_like_ctrl_c_stops_its_server() throws Exception {
    child = startChild("dev");
    DevDatabase.State state = awaitState(null);
    child.destroy(); // SIGTERM, which runs the shutdown hooks as SIGINT (Ctrl-C) does
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(running(state.postmasterPid())).isFalse();
    assertThat(DevDatabase.running(dir)).isEmpty();
  }

  @Test
  void status_and_stop_without_a_server_say_so() {
    CliRun status = CliRun.in(dir, "dev", "--status");
    assertThat(status.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(status.out()).contains("not running").contains("strata dev");
    CliRun stop = CliRun.in(dir, "dev", "--stop");
    assertThat(stop.exitCode()).isZero();
    assertThat(stop.out()).contains("No Strata dev database is running for this project.");
    assertThat(CliRun.in(dir, "dev", "--stop", "--status").exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  private CliContext context() {
    return new CliContext(dir, Map.of(), new java.io.PrintWriter(new java.io.StringWriter()),
        new java.io.PrintWriter(new java.io.StringWriter()), java.io.InputStream.nullInputStream(), false);
  }

  private DevDatabase.State awaitState(CompletableFuture<CliRun> server) throws Exception {
    long deadline = System.nanoTime() + START_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      var state = DevDatabase.running(dir);
      if (state.isPresent()) {
        // Every "the server is stopped" check below means something only with a real postmaster pid.
        long postmaster = state.get().postmasterPid();
        assertThat(postmaster).as("the postmaster pid recorded in the state file").isPositive();
        assertThat(running(postmaster)).as("postmaster %d serves", postmaster).isTrue();
        return state.get();
      }
      if (server != null && server.isDone()) {
        throw new AssertionError("strata dev ended early: " + server.get().all());
      }
      if (child != null && !child.isAlive()) {
        throw new AssertionError("strata dev ended early: " + new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("strata dev did not start within " + START_WAIT);
  }

  private Process startChild(String... args) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
  }

  /** Alive and not a zombie (a zombie awaiting its reaper no longer serves); a pid that was never recorded fails. */
  private static boolean running(long pid) {
    assertThat(pid).as("a recorded postmaster pid").isPositive();
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        char s = stat.charAt(stat.lastIndexOf(')') + 2);
        return s != 'Z' && s != 'X';
      } catch (IOException e) {
        return false;
      }
    }).orElse(false);
  }
}
