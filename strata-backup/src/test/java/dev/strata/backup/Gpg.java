package dev.strata.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The real {@code gpg} in a home folder of its own ({@code --homedir}, never the user's keyring):
 * keys generated and exported as a user would, files encrypted and decrypted without Strata. Steps
 * aside, saying why, when gpg is not installed.
 */
public final class Gpg implements AutoCloseable {
  private final Path home;

  private Gpg(Path home) {
    this.home = home;
  }

  /** A gpg with an empty keyring in {@code dir}; the test is skipped when gpg is missing. */
  public static Gpg in(Path dir) throws IOException {
    Assumptions.assumeTrue(installed(), "gpg is not installed: apt-get install gnupg");
    Path home = Files.createDirectories(dir);
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    return new Gpg(home);
  }

  static boolean installed() {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "gpg")));
  }

  /** A gpg run: its exit code and what it wrote. */
  public record Run(int exitCode, byte[] out, String err) {
    public Run ok() {
      if (exitCode != 0) {
        throw new AssertionError("gpg failed (" + exitCode + "): " + err);
      }
      return this;
    }
  }

  /** Runs gpg in batch mode with {@code args}. */
  public Run run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--no-tty", "--pinentry-mode", "loopback"));
    command.addAll(List.of(args));
    Process gpg = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    byte[][] err = new byte[1][];
    Thread stderr = new Thread(() -> {
      try {
        err[0] = gpg.getErrorStream().readAllBytes();
      } catch (IOException e) {
        err[0] = e.toString().getBytes(StandardCharsets.UTF_8);
      }
    });
    stderr.start();
    byte[] out = gpg.getInputStream().readAllBytes();
    if (!gpg.waitFor(120, TimeUnit.SECONDS)) {
      gpg.destroyForcibly();
      throw new AssertionError("gpg did not finish: " + command);
    }
    stderr.join();
    return new Run(gpg.exitValue(), out, new String(err[0], StandardCharsets.UTF_8));
  }

  /**
   * Generates a key pair (ed25519 with a cv25519 encryption subkey), protected by {@code passphrase}
   * unless it is empty, and returns its fingerprint.
   */
  public String generate(String userId, String passphrase) throws IOException, InterruptedException {
    run("--passphrase", passphrase, "--quick-gen-key", userId, "future-default", "default", "never").ok();
    String listing = new String(run("--with-colons", "--list-keys", userId).ok().out(), StandardCharsets.UTF_8);
    return listing.lines().filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
  }

  /** {@code gpg --export [--armor]}. */
  public byte[] exportPublic(String fingerprint, boolean armor) throws IOException, InterruptedException {
    return armor ? run("--armor", "--export", fingerprint).ok().out() : run("--export", fingerprint).ok().out();
  }

  /** {@code gpg --export-secret-keys --armor}, the key's passphrase given as gpg asks for it. */
  public byte[] exportSecret(String fingerprint, String passphrase) throws IOException, InterruptedException {
    return run("--passphrase", passphrase, "--armor", "--export-secret-keys", fingerprint).ok().out();
  }

  /** {@code gpg --decrypt} of {@code file} with the keyring's secret keys (their passphrase: {@code passphrase}). */
  public Run decrypt(Path file, String passphrase) throws IOException, InterruptedException {
    return run("--passphrase", passphrase, "--decrypt", file.toString());
  }

  /** Stops the agent gpg started for this home folder. */
  @Override
  public void close() throws IOException, InterruptedException {
    try {
      new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent").start().waitFor(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      // No gpgconf: the agent ends with its home folder.
    }
  }
}
