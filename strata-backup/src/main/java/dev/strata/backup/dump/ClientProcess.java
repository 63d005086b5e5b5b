package dev.strata.backup.dump;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.config.DatabaseUrl;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs {@code pg_dump} or {@code pg_restore}: the connection in the environment ({@link Libpq}),
 * standard error read line by line (progress with {@code --verbose}), the last lines kept for
 * the error message.
 */
public final class ClientProcess {
  /** How it ended: the exit code and the last lines it wrote on standard error. */
  public record Outcome(int exitCode, List<String> lastLines) {
    public boolean ok() {
      return exitCode == 0;
    }

    /** The error lines, masked, for a message. */
    public String errors() {
      List<String> errors = lastLines.stream().filter(l -> {
        String lower = l.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("error") || lower.contains("fatal") || lower.contains("could not") || lower.contains("detail:")
            || lower.contains("hint:") || lower.contains("no space");
      }).toList();
      List<String> shown = errors.isEmpty() ? lastLines : errors;
      return DatabaseUrl.mask(String.join("\n", shown.subList(Math.max(0, shown.size() - 8), shown.size())));
    }
  }

  private ClientProcess() {}

  /** Runs {@code command} with {@code env} added to the environment; every stderr line goes to {@code lines}. */
  public static Outcome run(List<String> command, Map<String, String> env, Consumer<String> lines) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("PG"));
    builder.environment().putAll(env);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new StrataException(ErrorCode.CONFIG, "Could not start " + command.get(0) + ": " + e.getMessage(), e);
    }
    Deque<String> last = new ArrayDeque<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        last.addLast(line);
        if (last.size() > 200) {
          last.removeFirst();
        }
        lines.accept(line);
      }
      return new Outcome(process.waitFor(), List.copyOf(last));
    } catch (IOException e) {
      process.destroyForcibly();
      throw new StrataException(ErrorCode.INTERNAL, "Reading the output of " + command.get(0) + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      throw new StrataException(ErrorCode.DATABASE, command.get(0) + " was interrupted; what it wrote is incomplete and not kept.", e);
    }
  }
}
