package dev.strata.backup;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The backup settings a project's environment gives, read the same way by {@code strata backup},
 * the studio and the backup before a deploy: the folder ({@code STRATA_BACKUP_DIR}), object storage
 * ({@code STRATA_BACKUP_S3}, {@code STRATA_BACKUP_S3_ENDPOINT}, {@code AWS_REGION}, {@code
 * AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}) and the OpenPGP keys ({@code
 * STRATA_BACKUP_PASSPHRASE}, {@code STRATA_BACKUP_PUBLIC_KEY[_FILE]}, {@code
 * STRATA_BACKUP_SECRET_KEY[_FILE]}, {@code STRATA_BACKUP_SECRET_KEY_PASSPHRASE}). A command's
 * own options ({@link Overrides}) come first; secrets never come from a command line, only from
 * files and the environment.
 */
public final class BackupEnvironment {
  private BackupEnvironment() {}

  /**
   * What a command's options say instead of the environment; each empty when not given.
   *
   * @param passphraseFile a file whose first line is the passphrase
   * @param publicKeyFile an OpenPGP public key (armored or binary) to encrypt to
   * @param secretKeyFile an OpenPGP secret key to decrypt with
   * @param secretKeyPassphraseFile a file whose first line unlocks the secret key
   * @param s3 {@code s3://bucket/prefix}
   */
  public record Overrides(Optional<Path> passphraseFile, Optional<Path> publicKeyFile, Optional<Path> secretKeyFile,
      Optional<Path> secretKeyPassphraseFile, Optional<String> s3, Optional<String> s3Endpoint, Optional<String> s3Region,
      Optional<Long> s3PartSizeMiB) {
    public static final Overrides NONE = new Overrides(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * {@code base} with the object storage and encryption that {@code overrides} and {@code env} give
   * (relative file names resolved against {@code workingDir}).
   *
   * @throws StrataException ({@code CONFIG}, {@code USAGE} or {@code FILE_NOT_FOUND}) naming the
   *     option or variable at fault, never its value
   */
  public static BackupSettings apply(BackupSettings base, Overrides overrides, Map<String, String> env, Path workingDir) {
    BackupSettings settings = base;
    Optional<ObjectStorage> storage = objectStorage(overrides, env);
    if (storage.isPresent()) {
      settings = settings.withObjectStorage(storage.get());
    }
    Optional<Encryption> keys = encryption(overrides, env, workingDir);
    if (keys.isPresent()) {
      settings = settings.withEncryption(keys.get());
    }
    return settings;
  }

  /** The backups' folder: {@code STRATA_BACKUP_DIR} (against {@code workingDir}), else {@code fallback}. */
  public static Path directory(Map<String, String> env, Path workingDir, Path fallback) {
    String dir = env.get("STRATA_BACKUP_DIR");
    return dir == null || dir.isBlank() ? fallback : workingDir.resolve(dir.strip());
  }

  private static Optional<ObjectStorage> objectStorage(Overrides o, Map<String, String> env) {
    Optional<String> location = o.s3().or(() -> variable(env, "STRATA_BACKUP_S3"));
    if (location.isEmpty()) {
      return Optional.empty();
    }
    Optional<URI> endpoint = o.s3Endpoint().or(() -> variable(env, "STRATA_BACKUP_S3_ENDPOINT")).filter(e -> !e.isBlank()).map(URI::create);
    String region = o.s3Region().or(() -> variable(env, "AWS_REGION")).orElse("us-east-1");
    try {
      ObjectStorage storage = ObjectStorage.parse(location.get().strip(), endpoint, region,
          Optional.ofNullable(env.get("AWS_ACCESS_KEY_ID")), Optional.ofNullable(env.get("AWS_SECRET_ACCESS_KEY")));
      return Optional.of(o.s3PartSizeMiB().map(mib -> storage.withPartSize(mib * 1024L * 1024L)).orElse(storage));
    } catch (IllegalArgumentException e) {
      throw new StrataException(ErrorCode.USAGE, (o.s3().isPresent() ? "--s3" : "STRATA_BACKUP_S3") + ": " + e.getMessage() + ".");
    }
  }

  /**
   * The OpenPGP keys given: the passphrase, public and secret keys, each from its file option,
   * else from the environment (a file named there, or the value itself).
   */
  private static Optional<Encryption> encryption(Overrides o, Map<String, String> env, Path workingDir) {
    Optional<Encryption> keys = Optional.empty();
    Optional<Secret> passphrase = o.passphraseFile().map(f -> firstLine("--passphrase-file", workingDir.resolve(f)))
        .or(() -> fromEnv(env, "STRATA_BACKUP_PASSPHRASE"));
    if (passphrase.isPresent()) {
      keys = add(keys, passphrase.get(), p -> Encryption.passphrase(new String(p, StandardCharsets.UTF_8)));
    }
    Optional<Secret> publicKey = keyFile(env, workingDir, "--public-key-file", o.publicKeyFile(), "STRATA_BACKUP_PUBLIC_KEY");
    if (publicKey.isPresent()) {
      keys = add(keys, publicKey.get(), Encryption::publicKey);
    }
    Optional<Secret> secretKey = keyFile(env, workingDir, "--secret-key-file", o.secretKeyFile(), "STRATA_BACKUP_SECRET_KEY");
    Optional<Secret> keyPassphrase = o.secretKeyPassphraseFile().map(f -> firstLine("--secret-key-passphrase-file", workingDir.resolve(f)))
        .or(() -> fromEnv(env, "STRATA_BACKUP_SECRET_KEY_PASSPHRASE"));
    if (secretKey.isPresent()) {
      Optional<String> unlock = keyPassphrase.map(p -> new String(p.bytes(), StandardCharsets.UTF_8));
      keys = add(keys, secretKey.get(), k -> Encryption.secretKey(k, unlock));
    } else if (keyPassphrase.isPresent()) {
      throw new StrataException(ErrorCode.USAGE, keyPassphrase.get().source() + " is the passphrase of a secret key, and no secret key is"
          + " given (--secret-key-file, STRATA_BACKUP_SECRET_KEY_FILE or STRATA_BACKUP_SECRET_KEY).");
    }
    return keys;
  }

  /** Key material or a passphrase, and where it came from (an option or a variable's name, never the value). */
  private record Secret(byte[] bytes, String source) {
    @Override
    public String toString() {
      return "Secret[" + source + "]";
    }
  }

  private static Optional<Encryption> add(Optional<Encryption> keys, Secret secret, Function<byte[], Encryption> make) {
    try {
      Encryption made = make.apply(secret.bytes());
      return Optional.of(keys.map(k -> k.and(made)).orElse(made));
    } catch (IllegalArgumentException e) {
      throw new StrataException(ErrorCode.CONFIG, e.getMessage() + " (" + secret.source() + ").");
    }
  }

  private static Optional<String> variable(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
  }

  private static Optional<Secret> fromEnv(Map<String, String> env, String variable) {
    return Optional.ofNullable(env.get(variable)).map(v -> new Secret(v.getBytes(StandardCharsets.UTF_8), variable));
  }

  /** A key from {@code option}'s file, else the file in {@code variable}_FILE, else the armored key in {@code variable}. */
  private static Optional<Secret> keyFile(Map<String, String> env, Path workingDir, String option, Optional<Path> file, String variable) {
    if (file.isPresent()) {
      return Optional.of(new Secret(read(option, workingDir.resolve(file.get())), option + " " + file.get()));
    }
    String named = env.get(variable + "_FILE");
    if (named != null && !named.isBlank()) {
      return Optional.of(new Secret(read(variable + "_FILE", workingDir.resolve(named.strip())), variable + "_FILE"));
    }
    return fromEnv(env, variable).filter(s -> s.bytes().length > 0);
  }

  /** The first line of a passphrase file, as gpg --passphrase-file reads it: the file's line break is not part of it. */
  private static Secret firstLine(String option, Path file) {
    String text = new String(read(option, file), StandardCharsets.UTF_8);
    return new Secret(text.lines().findFirst().orElse("").getBytes(StandardCharsets.UTF_8), option);
  }

  private static byte[] read(String option, Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, option + ": cannot read " + file + " ("
          + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()) + ").");
    }
  }
}
