package dev.strata.backup.dump;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.config.DatabaseUrl;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

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

  /**
   * What reads a client's standard output on the calling thread (pg_dump's archive, streamed
   * elsewhere): {@code finish} waits for the process and gives its outcome, so that the reader can
   * refuse to commit what it read from a client that failed.
   */
  @FunctionalInterface
  public interface Output {
    void read(InputStream stdout, Supplier<Outcome> finish) throws IOException;
  }

  /** Runs {@code command} with {@code env} added to the environment; every stderr line goes to {@code lines}. */
  public static Outcome run(List<String> command, Map<String, String> env, Consumer<String> lines) {
    return run(command, env, lines, null, null);
  }

  /**
   * Like {@link #run(List, Map, Consumer)}, and: {@code stdin}, when given, is copied to the
   * client's standard input on a thread of its own (pg_restore reading an archive streamed from
   * object storage); {@code stdout}, when given, reads the client's standard output on this thread
   * while stderr lines are read on another.
   */
  public static Outcome run(List<String> command, Map<String, String> env, Consumer<String> lines, InputStream stdin, Output stdout) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(stdout == null);
    builder.environment().keySet().removeIf(k -> k.startsWith("PG"));
    builder.environment().putAll(env);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new StrataException(ErrorCode.CONFIG, "Could not start " + command.get(0) + ": " + e.getMessage(), e);
    }
    if (stdin == null) {
      try {
        process.getOutputStream().close();
      } catch (IOException ignored) {
        // Nothing is written to it anyway.
      }
    }
    AtomicReference<IOException> inputFailed = new AtomicReference<>();
    Thread feeder = stdin == null ? null : feed(stdin, process, inputFailed, command.get(0));
    Deque<String> last = new ArrayDeque<>();
    try {
      Outcome outcome;
      if (stdout == null) {
        readLines(process.getInputStream(), last, lines);
        outcome = new Outcome(process.waitFor(), snapshot(last));
      } else {
        outcome = readOutput(process, last, lines, stdout, command.get(0));
      }
      if (feeder != null) {
        feeder.join();
      }
      if (inputFailed.get() != null) {
        throw new StrataException(ErrorCode.FILE_NOT_FOUND, "Reading the input of " + command.get(0) + " failed: "
            + inputFailed.get().getMessage() + "; it was stopped.", inputFailed.get());
      }
      return outcome;
    } catch (IOException e) {
      process.destroyForcibly();
      throw new StrataException(ErrorCode.INTERNAL, "Reading the output of " + command.get(0) + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      throw new StrataException(ErrorCode.DATABASE, command.get(0) + " was interrupted; what it wrote is incomplete and not kept.", e);
    } catch (RuntimeException | Error e) {
      process.destroyForcibly();
      throw e;
    }
  }

  private static void readLines(InputStream in, Deque<String> last, Consumer<String> lines) throws IOException {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        synchronized (last) {
          last.addLast(line);
          if (last.size() > 200) {
            last.removeFirst();
          }
        }
        lines.accept(line);
      }
    }
  }

  private static List<String> snapshot(Deque<String> last) {
    synchronized (last) {
      return List.copyOf(last);
    }
  }

  /** Standard output to {@code stdout} on this thread, stderr lines on another; the outcome once both ended. */
  private static Outcome readOutput(Process process, Deque<String> last, Consumer<String> lines, Output stdout, String name)
      throws IOException, InterruptedException {
    AtomicReference<IOException> stderrFailed = new AtomicReference<>();
    Thread stderr = new Thread(() -> {
      try {
        readLines(process.getErrorStream(), last, lines);
      } catch (IOException e) {
        stderrFailed.set(e);
      }
    }, name + "-stderr");
    stderr.setDaemon(true);
    stderr.start();
    AtomicReference<Outcome> outcome = new AtomicReference<>();
    Supplier<Outcome> finish = () -> {
      if (outcome.get() == null) {
        try {
          int code = process.waitFor();
          stderr.join();
          outcome.set(new Outcome(code, snapshot(last)));
        } catch (InterruptedException e) {
          process.destroy();
          Thread.currentThread().interrupt();
          throw new StrataException(ErrorCode.DATABASE, name + " was interrupted; what it wrote is incomplete and not kept.", e);
        }
      }
      return outcome.get();
    };
    try (InputStream in = process.getInputStream()) {
      stdout.read(in, finish);
    } catch (IOException | RuntimeException | Error e) {
      process.destroyForcibly();
      stderr.join(5_000);
      throw e;
    }
    Outcome done = finish.get();
    if (stderrFailed.get() != null) {
      throw stderrFailed.get();
    }
    return done;
  }

  /** Copies {@code stdin} into the process; a failure to read it (not the client closing its input) stops the client. */
  private static Thread feed(InputStream stdin, Process process, AtomicReference<IOException> failed, String name) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[1 << 16];
      try (InputStream in = stdin; OutputStream out = process.getOutputStream()) {
        while (true) {
          int n;
          try {
            n = in.read(buffer);
          } catch (IOException e) {
            failed.set(e);
            process.destroyForcibly();
            return;
          }
          if (n < 0) {
            break;
          }
          out.write(buffer, 0, n);
        }
      } catch (IOException e) {
        // The client closed its input (it failed, and says why on stderr).
      }
    }, name + "-stdin");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
