package dev.strata.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command as a whole process under {@code /usr/bin/time -f %M}, so each run reports its wall
 * time (measured here, from start to exit) and the peak resident memory of the largest process in
 * its tree (the kernel's ru_maxrss of the waited-for children: for a CLI that starts a helper
 * process, as Prisma does, this is the larger of the two, not their sum).
 */
public final class Processes {
  private static final long TIMEOUT_SECONDS = 900;
  private final Path scratch;

  public Processes(Path scratch) {
    this.scratch = scratch;
  }

  /** Runs {@code command}; a non-zero exit or a time-out is a failure carrying the output's tail. */
  public Sample run(Command command) throws IOException, InterruptedException {
    Path rss = Files.createTempFile(scratch, "rss", ".txt");
    Path out = Files.createTempFile(scratch, "out", ".txt");
    List<String> argv = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M", "-o", rss.toString()));
    argv.addAll(command.argv());
    ProcessBuilder pb = new ProcessBuilder(argv).directory(command.dir().toFile())
        .redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    pb.environment().putAll(command.env());
    try {
      long start = System.nanoTime();
      Process process = pb.start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        throw new IllegalStateException("timed out after " + TIMEOUT_SECONDS + " s: " + String.join(" ", command.argv()));
      }
      double millis = (System.nanoTime() - start) / 1e6;
      int exit = process.exitValue();
      if (exit != 0) {
        throw new IllegalStateException("exit " + exit + " from " + abbreviate(command.argv()) + "\n" + tail(out));
      }
      String rssText = Files.readString(rss, StandardCharsets.UTF_8).trim();
      long kib = rssText.isEmpty() ? -1 : Long.parseLong(rssText.substring(rssText.lastIndexOf('\n') + 1).trim());
      return new Sample(millis, kib);
    } finally {
      Files.deleteIfExists(rss);
      Files.deleteIfExists(out);
    }
  }

  private static String abbreviate(List<String> argv) {
    String text = String.join(" ", argv);
    return text.length() > 300 ? text.substring(0, 300) + " …" : text;
  }

  private static String tail(Path out) throws IOException {
    List<String> lines = new String(Files.readAllBytes(out), StandardCharsets.UTF_8).lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
  }
}
