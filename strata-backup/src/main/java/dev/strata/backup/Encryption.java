package dev.strata.backup;

import dev.strata.backup.crypto.OpenPgp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The OpenPGP keys of encrypted backups (Bouncy Castle), so that {@code gpg --decrypt} reads them
 * without Strata: a passphrase (symmetric: AES-256, iterated and salted S2K), or public keys to
 * encrypt to and the secret key that decrypts; AES-256 with an integrity packet either way. A
 * backup is encrypted to the public keys when there are any, else with the passphrase, else to the
 * secret key's own public key; it is decrypted with whichever of these fits it. Passphrases and key
 * material come from the environment or files, never from a command line; {@link #toString()}
 * shows only the keys' fingerprints.
 */
public final class Encryption {
  private final char[] passphrase;
  private final byte[] publicKeys;
  private final byte[] secretKeys;
  private final char[] secretKeyPassphrase;
  private final List<String> publicFingerprints;
  private final List<String> secretFingerprints;

  private Encryption(char[] passphrase, byte[] publicKeys, byte[] secretKeys, char[] secretKeyPassphrase) {
    this.passphrase = passphrase;
    this.publicKeys = publicKeys;
    this.secretKeys = secretKeys;
    this.secretKeyPassphrase = secretKeyPassphrase;
    this.publicFingerprints = publicKeys == null ? List.of() : OpenPgp.publicKeyFingerprints(publicKeys);
    this.secretFingerprints = secretKeys == null ? List.of() : OpenPgp.secretKeyFingerprints(secretKeys);
  }

  /**
   * Encrypts and decrypts with a passphrase.
   *
   * @throws IllegalArgumentException for an empty passphrase
   */
  public static Encryption passphrase(String value) {
    return new Encryption(checked(value, "the backup passphrase is empty"), null, null, null);
  }

  /**
   * Encrypts to the public keys (OpenPGP certificates) of {@code key}, a key file as {@code gpg
   * --export} writes it (binary or {@code --armor}), one key or several.
   *
   * @throws IllegalArgumentException when it holds no public key with a usable encryption key
   */
  public static Encryption publicKey(byte[] key) {
    return new Encryption(null, Objects.requireNonNull(key, "key").clone(), null, null);
  }

  /**
   * Decrypts with the secret keys of {@code key}, as {@code gpg --export-secret-keys} writes it,
   * unlocked with {@code keyPassphrase} when they are protected; encrypts to their public keys
   * when nothing else is given.
   *
   * @throws IllegalArgumentException when it holds no secret key, or an empty passphrase
   */
  public static Encryption secretKey(byte[] key, Optional<String> keyPassphrase) {
    return new Encryption(null, null, Objects.requireNonNull(key, "key").clone(),
        keyPassphrase.map(p -> checked(p, "the secret key's passphrase is empty")).orElse(null));
  }

  /** These keys and {@code other}'s; a kind of key given by both is an error. */
  public Encryption and(Encryption other) {
    if ((passphrase != null && other.passphrase != null) || (publicKeys != null && other.publicKeys != null)
        || (secretKeys != null && other.secretKeys != null)) {
      throw new IllegalArgumentException("the same kind of key is given twice");
    }
    return new Encryption(passphrase != null ? passphrase : other.passphrase, publicKeys != null ? publicKeys : other.publicKeys,
        secretKeys != null ? secretKeys : other.secretKeys, secretKeys != null ? secretKeyPassphrase : other.secretKeyPassphrase);
  }

  private static char[] checked(String value, String empty) {
    Objects.requireNonNull(value, "passphrase");
    String stripped = value.strip();
    if (stripped.isEmpty()) {
      throw new IllegalArgumentException(empty);
    }
    return stripped.toCharArray();
  }

  /** A copy of the passphrase, for the engine. */
  public Optional<char[]> passphrase() {
    return Optional.ofNullable(passphrase).map(p -> Arrays.copyOf(p, p.length));
  }

  /** A copy of the public key file's bytes, for the engine. */
  public Optional<byte[]> publicKeys() {
    return Optional.ofNullable(publicKeys).map(byte[]::clone);
  }

  /** A copy of the secret key file's bytes, for the engine. */
  public Optional<byte[]> secretKeys() {
    return Optional.ofNullable(secretKeys).map(byte[]::clone);
  }

  /** A copy of the secret key's passphrase, for the engine. */
  public Optional<char[]> secretKeyPassphrase() {
    return Optional.ofNullable(secretKeyPassphrase).map(p -> Arrays.copyOf(p, p.length));
  }

  /** The fingerprints of the public keys given (not those of the secret keys). */
  public List<String> publicKeyFingerprints() {
    return publicFingerprints;
  }

  /** The fingerprints of the secret keys given. */
  public List<String> secretKeyFingerprints() {
    return secretFingerprints;
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    if (passphrase != null) {
      parts.add("passphrase=****");
    }
    if (publicKeys != null) {
      parts.add("publicKeys=" + publicFingerprints);
    }
    if (secretKeys != null) {
      parts.add("secretKeys=" + secretFingerprints + (secretKeyPassphrase != null ? ", secretKeyPassphrase=****" : ""));
    }
    return "Encryption[openpgp, " + String.join(", ", parts) + "]";
  }
}
