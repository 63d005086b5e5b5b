package dev.strata.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No server outlives its JVM: checked with child JVMs that exit without closing, or are killed. */
class ServerLifetimeIT {

  @Test
  void a_jvm_that_exits_without_closing_stops_its_server_and_deletes_the_data() throws Exception {
    Process child = startChild("exit");
    String[] ready = awaitReady(child);
    long pid = Long.parseLong(ready[1]);
    Path data = Path.of(ready[2]);

    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(running(pid)).isFalse();
    assertThat(data).doesNotExist();
  }

  @Test
  void a_server_orphaned_by_a_killed_jvm_is_stopped_before_its_data_directory_is_reused(@TempDir Path dir)
      throws Exception {
    Path data = dir.resolve("dev-db");
    Process child = startChild("hold", data.toString());
    long orphanPid = Long.parseLong(awaitReady(child)[1]);
    child.destroyForcibly(); // SIGKILL: no shutdown hook runs
    child.waitFor(30, TimeUnit.SECONDS);
    assertThat(running(orphanPid)).isTrue();

    try (LocalPostgres reused = LocalPostgres.builder().dataDirectory(data).start()) {
      assertThat(reused.isRunning()).isTrue();
      assertThat(running(orphanPid)).isFalse();
    }
  }

  @Test
  void as_root_without_unshare_the_start_fails_with_a_message_naming_the_cause() throws Exception {
    assumeTrue(StartupCheck.realUid().orElse(-1) == 0, "only meaningful when the tests run as root");
    Process child = startChild(Map.of("PATH", "/nonexistent"), "exit");

    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(output)
        .startsWith("FAILED The embedded PostgreSQL cannot start: this process runs as root")
        .contains("`unshare` command (util-linux) was not found on the PATH")
        .contains("run Strata as a non-root user")
        .doesNotContain("READY");
  }

  /** A zombie awaiting its reaper (late in some containers) has stopped: it no longer serves. */
  private static boolean running(long pid) {
    return ProcessHandle.of(pid).map(LocalPostgres::isRunning).orElse(false);
  }

  private static Process startChild(String... args) throws IOException {
    return startChild(Map.of(), args);
  }

  private static Process startChild(Map<String, String> environment, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        ChildJvmServer.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    return builder.start();
  }

  private static String[] awaitReady(Process child) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("READY ")) {
        return line.split(" ", 3);
      }
      seen.append(line).append('\n');
    }
    throw new AssertionError("child JVM ended without starting a server:\n" + seen);
  }
}
