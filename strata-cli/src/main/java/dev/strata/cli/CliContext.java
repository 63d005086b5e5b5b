package dev.strata.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command run sees of the outside world: working directory, environment, streams and
 * whether a person is at the keyboard. Injected so that tests run commands in-process.
 */
public record CliContext(
    Path workingDir,
    Map<String, String> env,
    PrintWriter out,
    PrintWriter err,
    InputStream in,
    boolean interactive) {

  public CliContext {
    env = Map.copyOf(env);
    workingDir = workingDir.toAbsolutePath().normalize();
  }

  /** The real process: current directory, environment, stdout/stderr, and a console if there is one. */
  public static CliContext system() {
    return new CliContext(
        Path.of(""),
        System.getenv(),
        new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
        new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
        System.in,
        System.console() != null);
  }

  /** Resolves a path the user typed against the working directory. */
  public Path resolve(String userPath) {
    return workingDir.resolve(userPath).normalize();
  }

  /** A path as it should be shown to the user: relative to the working directory when inside it. */
  public String display(Path path) {
    Path abs = path.toAbsolutePath().normalize();
    return abs.startsWith(workingDir) ? workingDir.relativize(abs).toString() : abs.toString();
  }
}
