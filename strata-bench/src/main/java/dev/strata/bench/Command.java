package dev.strata.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A process to start: its arguments, extra environment variables and working directory. */
public record Command(List<String> argv, Map<String, String> env, Path dir) {
  public Command {
    argv = List.copyOf(argv);
    env = Map.copyOf(env);
    Objects.requireNonNull(dir, "dir");
  }
}
