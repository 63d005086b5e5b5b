package dev.strata.backup.dump;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's own client programs, {@code pg_dump} and {@code pg_restore}, of one installation:
 * the one whose major version is at least the server's (pg_dump refuses a newer server), the
 * closest such major preferred. Looked for in {@code --pg-bin}, then every {@code PATH} entry,
 * then {@code /usr/lib/postgresql/<major>/bin} (Debian's layout, several majors side by side).
 *
 * @param bin the folder holding both programs
 * @param major the programs' major version
 * @param version their full version ({@code 15.20})
 */
public record PgClient(Path bin, int major, String version) {
  private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)(?:\\.(\\d+))?");

  public Path pgDump() {
    return bin.resolve("pg_dump");
  }

  public Path pgRestore() {
    return bin.resolve("pg_restore");
  }

  /** What was looked at: each candidate folder and what it held. */
  public record Candidate(Path bin, Optional<Integer> major, String version) {}

  /**
   * The client for a server of major version {@code serverMajor}.
   *
   * @param pgBin a folder given by the user ({@code --pg-bin}): only it is considered
   * @param env the environment ({@code PATH})
   * @throws StrataException ({@code CONFIG}) naming every candidate and the command that installs a fitting client
   */
  public static PgClient choose(int serverMajor, Optional<Path> pgBin, Map<String, String> env) {
    List<Candidate> candidates = candidates(pgBin, env);
    Optional<Candidate> best = candidates.stream()
        .filter(c -> c.major().isPresent() && c.major().get() >= serverMajor)
        .min(Comparator.comparingInt(c -> c.major().get()));
    if (best.isPresent()) {
      return new PgClient(best.get().bin(), best.get().major().get(), best.get().version());
    }
    StringBuilder message = new StringBuilder();
    List<Candidate> found = candidates.stream().filter(c -> c.major().isPresent()).toList();
    if (found.isEmpty()) {
      message.append("No pg_dump/pg_restore found");
    } else {
      message.append("No pg_dump/pg_restore of PostgreSQL ").append(serverMajor).append(" or newer found (the server is PostgreSQL ")
          .append(serverMajor).append("; pg_dump refuses a server newer than itself). Found: ");
      message.append(String.join(", ", found.stream().map(c -> "pg_dump " + c.version() + " in " + c.bin()).toList()));
    }
    message.append(pgBin.isPresent() ? " (looked in --pg-bin " + pgBin.get() + ")." : " (looked in PATH and /usr/lib/postgresql/*/bin).");
    message.append("\nInstall the client of PostgreSQL ").append(serverMajor)
        .append(": on Debian/Ubuntu `sudo apt-get install postgresql-client-").append(serverMajor)
        .append("` (from apt.postgresql.org when your release lacks it), on macOS `brew install libpq`,")
        .append(" in a container the postgres:").append(serverMajor).append(" image; or pass --pg-bin DIR (the folder holding pg_dump and pg_restore).");
    throw new StrataException(ErrorCode.CONFIG, message.toString());
  }

  /**
   * The pg_restore for an archive pg_dump {@code archiveMajor} wrote, into a server of {@code
   * serverMajor}: pg_restore reads archives of its own major and older, and (unlike pg_dump) runs
   * against newer servers too, issuing plain SQL. The oldest client at least as new as the server
   * when there is one, else the newest that reads the archive (so a backup of PostgreSQL 15 restores
   * into the embedded PostgreSQL 17 with Debian 12's client).
   *
   * @throws StrataException ({@code CONFIG}) when no client reads the archive, with the install command
   */
  public static PgClient chooseForRestore(int archiveMajor, int serverMajor, Optional<Path> pgBin, Map<String, String> env) {
    List<Candidate> readers = candidates(pgBin, env).stream().filter(c -> c.major().isPresent() && c.major().get() >= archiveMajor).toList();
    Optional<Candidate> best = readers.stream().filter(c -> c.major().get() >= serverMajor).min(Comparator.comparingInt(c -> c.major().get()))
        .or(() -> readers.stream().max(Comparator.comparingInt(c -> c.major().get())));
    if (best.isPresent()) {
      return new PgClient(best.get().bin(), best.get().major().get(), best.get().version());
    }
    return choose(Math.max(archiveMajor, serverMajor), pgBin, env);
  }

  /** Every folder that holds a {@code pg_dump}, with its version (empty when it would not say). */
  public static List<Candidate> candidates(Optional<Path> pgBin, Map<String, String> env) {
    Set<Path> folders = new LinkedHashSet<>();
    if (pgBin.isPresent()) {
      folders.add(pgBin.get().toAbsolutePath().normalize());
    } else {
      String path = env.getOrDefault("PATH", "");
      for (String entry : path.split(java.io.File.pathSeparator)) {
        if (!entry.isBlank()) {
          folders.add(Path.of(entry).toAbsolutePath().normalize());
        }
      }
      Path debian = Path.of("/usr/lib/postgresql");
      if (Files.isDirectory(debian)) {
        try (DirectoryStream<Path> majors = Files.newDirectoryStream(debian)) {
          List<Path> sorted = new ArrayList<>();
          majors.forEach(m -> sorted.add(m.resolve("bin")));
          sorted.sort(Comparator.naturalOrder());
          folders.addAll(sorted);
        } catch (IOException e) {
          // An unreadable folder holds no usable client.
        }
      }
    }
    List<Candidate> result = new ArrayList<>();
    Set<Path> seen = new LinkedHashSet<>();
    for (Path folder : folders) {
      Path dump = folder.resolve("pg_dump");
      if (!Files.isExecutable(dump) || !Files.isExecutable(folder.resolve("pg_restore"))) {
        continue;
      }
      Path real;
      try {
        real = dump.toRealPath();
      } catch (IOException e) {
        continue;
      }
      if (!seen.add(real)) {
        continue;
      }
      String text = versionOf(dump);
      Matcher m = VERSION.matcher(text);
      if (m.find()) {
        String version = m.group(1) + (m.group(2) != null ? "." + m.group(2) : "");
        result.add(new Candidate(folder, Optional.of(Integer.parseInt(m.group(1))), version));
      } else {
        result.add(new Candidate(folder, Optional.empty(), text.strip()));
      }
    }
    return result;
  }

  private static String versionOf(Path program) {
    try {
      Process process = new ProcessBuilder(program.toString(), "--version").redirectErrorStream(true).start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return "";
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** The major version in PostgreSQL's {@code server_version_num} (150020 → 15). */
  public static int majorOf(int serverVersionNum) {
    return serverVersionNum / 10000;
  }
}
