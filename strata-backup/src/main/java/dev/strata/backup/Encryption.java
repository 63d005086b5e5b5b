package dev.strata.backup;

import java.util.Arrays;
import java.util.Objects;

/**
 * OpenPGP encryption of a backup's files (Bouncy Castle), so that {@code gpg --decrypt} reads them
 * without Strata: symmetric, AES-256 with an integrity packet, the key derived from a passphrase
 * (iterated and salted S2K). The passphrase comes from the environment or a file, never from a
 * command line; {@link #toString()} never shows it.
 */
public final class Encryption {
  private final char[] passphrase;

  private Encryption(char[] passphrase) {
    this.passphrase = passphrase;
  }

  /**
   * @throws IllegalArgumentException for an empty passphrase
   */
  public static Encryption passphrase(String value) {
    Objects.requireNonNull(value, "passphrase");
    String stripped = value.strip();
    if (stripped.isEmpty()) {
      throw new IllegalArgumentException("the backup passphrase is empty");
    }
    return new Encryption(stripped.toCharArray());
  }

  /** A copy of the passphrase, for the engine. */
  public char[] passphrase() {
    return Arrays.copyOf(passphrase, passphrase.length);
  }

  @Override
  public String toString() {
    return "Encryption[openpgp-symmetric, passphrase=****]";
  }
}
