package dev.strata.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Consent;
import dev.strata.ErrorCode;
import dev.strata.Strata;
import dev.strata.StrataException;
import dev.strata.config.DatabaseUrl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenPGP-encrypted backups: round trip with a passphrase or to a public key (keys made by the real
 * gpg), gpg decrypts them without Strata, a wrong passphrase or key is a clear error.
 */
class EncryptionIT {
  @TempDir Path dir;
  DatabaseUrl server;
  String source;

  @BeforeEach
  void setUp() {
    server = LocalServer.server();
    source = LocalServer.createDatabase("backup_pgp");
    LocalServer.execute(source, Fixtures.SCHEMA);
  }

  @AfterEach
  void drop() {
    LocalServer.dropDatabase(source);
    LocalServer.databases(source + "_restored").forEach(LocalServer::dropDatabase);
  }

  private Backups backups(BackupSettings settings) {
    return Backups.of(Strata.of(Strata.configure().url(server.withDatabase(source)).build()), settings);
  }

  @Test
  void an_encrypted_backup_holds_no_plaintext_and_restores_with_its_passphrase() throws Exception {
    BackupSettings settings = BackupSettings.defaults(dir).withEncryption(Encryption.passphrase("correct horse battery staple"));
    Backups backups = backups(settings);
    BackupInfo taken = backups.create("manual");
    Path folder = Path.of(taken.path());
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder.resolve("data"))) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).isNotEmpty().allMatch(p -> p.toString().endsWith(".pgp"));
    for (Path file : files) {
      assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain("needle-", "Everything");
    }
    assertThat(Files.readString(folder.resolve("manifest.json"))).contains("\"encryption\" : \"openpgp-symmetric\"")
        .doesNotContain("correct horse");
    assertThat(backups.verify(taken.id(), VerifyLevel.CHECKSUMS).ok()).as("checksums need no key").isTrue();
    VerifyResult restored = backups.verify(taken.id(), VerifyLevel.RESTORE);
    assertThat(restored.ok()).as(restored.problems().toString()).isTrue();
    RestoreResult result = backups.restore(backups.previewRestore(taken.id(), Optional.empty()), Optional.empty(), Consent.NONE);
    assertThat(result.contentMatches()).as(result.problems().toString()).isTrue();
    assertThat(Fixtures.fingerprint(result.targetDatabase(), "\"Everything\"")).isEqualTo(Fixtures.fingerprint(source, "\"Everything\""));
  }

  @Test
  void a_wrong_or_missing_passphrase_is_a_clear_error_and_restores_nothing() {
    BackupInfo taken = backups(BackupSettings.defaults(dir).withEncryption(Encryption.passphrase("right"))).create("manual");
    Backups wrong = backups(BackupSettings.defaults(dir).withEncryption(Encryption.passphrase("wrong")));
    assertThatThrownBy(() -> wrong.restore(wrong.previewRestore(taken.id(), Optional.empty()), Optional.empty(), Consent.NONE))
        .isInstanceOf(StrataException.class).satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT))
        .hasMessageContaining("The passphrase does not decrypt").hasMessageContaining("wrong passphrase");
    assertThatThrownBy(() -> wrong.verify(taken.id(), VerifyLevel.RESTORE)).hasMessageContaining("The passphrase does not decrypt");
    assertThat(wrong.list().get(0).verification()).as("a wrong key says nothing about the backup").isEmpty();
    Backups none = backups(BackupSettings.defaults(dir));
    assertThatThrownBy(() -> none.restore(none.previewRestore(taken.id(), Optional.empty()), Optional.empty(), Consent.NONE))
        .isInstanceOf(StrataException.class).hasMessageContaining("is encrypted (OpenPGP): give its passphrase in STRATA_BACKUP_PASSPHRASE");
    assertThat(LocalServer.databases(source + "_restored")).as("no database was created").isEmpty();
  }

  /** gpg alone (no Strata) decrypts the custom-format dump, and pg_restore reads the result. */
  @Test
  void gpg_decrypts_an_encrypted_backup_without_strata() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/gpg")) || onPath("gpg"), "gpg is not installed: apt-get install gnupg");
    BackupInfo taken = backups(BackupSettings.defaults(dir.resolve("store")).withFormat(BackupFormat.CUSTOM).withJobs(1)
        .withEncryption(Encryption.passphrase("s3cret passphrase"))).create("manual");
    Path encrypted = Path.of(taken.path()).resolve("data.dump.pgp");
    assertThat(encrypted).isRegularFile();
    Path home = Files.createDirectories(dir.resolve("gnupg"));
    Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    Path passphrase = dir.resolve("pass");
    Files.writeString(passphrase, "s3cret passphrase");
    Path clear = dir.resolve("data.dump");
    Process gpg = new ProcessBuilder("gpg", "--homedir", home.toString(), "--batch", "--pinentry-mode", "loopback", "--passphrase-file",
        passphrase.toString(), "--output", clear.toString(), "--decrypt", encrypted.toString()).redirectErrorStream(true).start();
    String out = new String(gpg.getInputStream().readAllBytes());
    assertThat(gpg.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(gpg.exitValue()).as(out).isZero();
    Path restore = dev.strata.backup.dump.PgClient.candidates(Optional.empty(), System.getenv()).get(0).bin().resolve("pg_restore");
    Process list = new ProcessBuilder(restore.toString(), "--list", clear.toString()).redirectErrorStream(true).start();
    String toc = new String(list.getInputStream().readAllBytes());
    assertThat(list.waitFor()).isZero();
    assertThat(toc).contains("TABLE DATA public Everything", "Format: CUSTOM");
  }

  /** Every file under {@code folder} whose name is {@code name} (the clear custom-format archive). */
  private static List<Path> named(Path folder, String name) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(p -> p.getFileName().toString().equals(name)).toList();
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return List.of(); // the partial folder moved while it was walked
    }
  }

  /**
   * Taken with the public key only (no secret material where backups are taken), the custom-format
   * archive is encrypted on its way from pg_dump; the manifest names the key; gpg decrypts it; the
   * secret key verifies it by restore and restores it.
   */
  @Test
  void a_backup_encrypted_to_a_public_key_is_restored_with_the_secret_key_and_gpg_decrypts_it() throws Exception {
    try (Gpg gpg = Gpg.in(dir.resolve("gnupg"))) {
      String fingerprint = gpg.generate("Backup Ops <ops@example.com>", "");
      Path store = dir.resolve("store");
      List<Path> clearSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
      Backups taking = Backups.of(Strata.of(Strata.configure().url(server.withDatabase(source)).listener(event -> {
        if (event instanceof dev.strata.StrataEvent.BackupProgress p && p.step().equals("table")) {
          clearSeen.addAll(named(store, "data.dump"));
        }
      }).build()), BackupSettings.defaults(store).withFormat(BackupFormat.CUSTOM)
          .withEncryption(Encryption.publicKey(gpg.exportPublic(fingerprint, true))));

      BackupInfo taken = taking.create("manual");

      assertThat(clearSeen).as("no clear archive is ever written").isEmpty();
      Path folder = Path.of(taken.path());
      try (Stream<Path> files = Files.list(folder)) {
        assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("data.dump.pgp", "manifest.json",
            "manifest.json.sha256");
      }
      String manifest = Files.readString(folder.resolve("manifest.json"));
      assertThat(manifest).contains("\"encryption\" : \"openpgp-public-key\"", "\"fingerprint\" : \"" + fingerprint + "\"",
          "Backup Ops <ops@example.com>").doesNotContain("PRIVATE");
      assertThat(taking.verify(taken.id(), VerifyLevel.CHECKSUMS).ok()).as("checksums need no key").isTrue();
      assertThatThrownBy(() -> taking.verify(taken.id(), VerifyLevel.RESTORE)).isInstanceOf(StrataException.class)
          .satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.CONFIG))
          .hasMessageContaining("is encrypted to the OpenPGP key " + fingerprint + " (Backup Ops <ops@example.com>)")
          .hasMessageContaining("give its secret key in STRATA_BACKUP_SECRET_KEY_FILE or --secret-key-file");

      Backups restoring = backups(BackupSettings.defaults(store).withEncryption(Encryption.secretKey(gpg.exportSecret(fingerprint, ""),
          Optional.empty())));
      VerifyResult verified = restoring.verify(taken.id(), VerifyLevel.RESTORE);
      assertThat(verified.ok()).as(verified.problems().toString()).isTrue();
      RestoreResult result = restoring.restore(restoring.previewRestore(taken.id(), Optional.empty()), Optional.empty(), Consent.NONE);
      assertThat(result.contentMatches()).as(result.problems().toString()).isTrue();
      assertThat(Fixtures.fingerprint(result.targetDatabase(), "\"Everything\"")).isEqualTo(Fixtures.fingerprint(source, "\"Everything\""));

      Gpg.Run decrypted = gpg.decrypt(folder.resolve("data.dump.pgp"), "").ok();
      Path clear = Files.write(dir.resolve("data.dump"), decrypted.out());
      assertThat(pgRestoreList(clear)).contains("TABLE DATA public Everything", "Format: CUSTOM");
    }
  }

  /** A directory-format backup to a key whose secret key is protected: every file encrypted, restored with the key and its passphrase. */
  @Test
  void a_directory_format_backup_restores_with_a_protected_secret_key_and_its_passphrase() throws Exception {
    try (Gpg gpg = Gpg.in(dir.resolve("gnupg"))) {
      String fingerprint = gpg.generate("Vault <vault@example.com>", "vault passphrase");
      byte[] secret = gpg.exportSecret(fingerprint, "vault passphrase");
      BackupInfo taken = backups(BackupSettings.defaults(dir).withEncryption(Encryption.publicKey(gpg.exportPublic(fingerprint, false))))
          .create("manual");
      List<Path> files;
      try (Stream<Path> walk = Files.walk(Path.of(taken.path()).resolve("data"))) {
        files = walk.filter(Files::isRegularFile).toList();
      }
      assertThat(files).hasSizeGreaterThan(2).allMatch(p -> p.toString().endsWith(".pgp"));

      Backups locked = backups(BackupSettings.defaults(dir).withEncryption(Encryption.secretKey(secret, Optional.empty())));
      assertThatThrownBy(() -> locked.verify(taken.id(), VerifyLevel.RESTORE)).isInstanceOf(StrataException.class)
          .hasMessageContaining("is protected by a passphrase: give it in STRATA_BACKUP_SECRET_KEY_PASSPHRASE");
      Backups unlocked = backups(BackupSettings.defaults(dir).withEncryption(Encryption.secretKey(secret, Optional.of("vault passphrase"))));
      RestoreResult result = unlocked.restore(unlocked.previewRestore(taken.id(), Optional.empty()), Optional.empty(), Consent.NONE);
      assertThat(result.contentMatches()).as(result.problems().toString()).isTrue();
      assertThat(Fixtures.fingerprint(result.targetDatabase(), "child")).isEqualTo(Fixtures.fingerprint(source, "child"));
    }
  }

  @Test
  void the_wrong_secret_key_says_which_key_the_backup_needs_and_restores_nothing() throws Exception {
    try (Gpg gpg = Gpg.in(dir.resolve("gnupg"))) {
      String right = gpg.generate("Backup Ops <ops@example.com>", "");
      String other = gpg.generate("Someone Else <else@example.com>", "");
      BackupInfo taken = backups(BackupSettings.defaults(dir).withFormat(BackupFormat.CUSTOM)
          .withEncryption(Encryption.publicKey(gpg.exportPublic(right, true)))).create("manual");
      Backups wrong = backups(BackupSettings.defaults(dir).withEncryption(Encryption.secretKey(gpg.exportSecret(other, ""), Optional.empty())));

      for (org.assertj.core.api.ThrowableAssert.ThrowingCallable attempt : List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(
          () -> wrong.verify(taken.id(), VerifyLevel.RESTORE),
          () -> wrong.restore(wrong.previewRestore(taken.id(), Optional.empty()), Optional.empty(), Consent.NONE))) {
        assertThatThrownBy(attempt).isInstanceOf(StrataException.class)
            .satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT))
            .hasMessageContaining("Backup " + taken.id() + " is encrypted to the OpenPGP key " + right + " (Backup Ops <ops@example.com>)")
            .hasMessageContaining("the secret key given (" + other + ") is not that key (wrong key");
      }
      assertThat(wrong.list().get(0).verification()).as("a wrong key says nothing about the backup").isEmpty();
      assertThat(LocalServer.databases(source + "_restored")).as("no database was created").isEmpty();
    }
  }

  /** A damaged key packet reads like a wrong passphrase: verify and restore blame the file, not the key. */
  @Test
  void a_damaged_or_missing_encrypted_file_fails_verification_rather_than_blaming_the_key() throws Exception {
    BackupSettings settings = BackupSettings.defaults(dir).withFormat(BackupFormat.CUSTOM).withEncryption(Encryption.passphrase("right"));
    Backups backups = backups(settings);
    BackupInfo taken = backups.create("manual");
    Path file = Path.of(taken.path()).resolve("data.dump.pgp");
    byte[] bytes = Files.readAllBytes(file);
    bytes[8] ^= 0x40; // inside the passphrase packet (its S2K salt)
    Files.write(file, bytes);

    VerifyResult damaged = backups.verify(taken.id(), VerifyLevel.RESTORE);
    assertThat(damaged.ok()).isFalse();
    assertThat(damaged.problems().get(0)).isEqualTo("data.dump.pgp: SHA-256 differs from the manifest (the content changed)");
    assertThat(backups.list().get(0).verified()).as("recorded as failed").isFalse();
    assertThatThrownBy(() -> backups.restore(backups.previewRestore(taken.id(), Optional.empty()), Optional.empty(), Consent.NONE))
        .isInstanceOf(StrataException.class).satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.CHECK_FAILED))
        .hasMessageContaining("does not match its manifest; nothing was restored");

    Files.delete(file);
    VerifyResult missing = backups.verify(taken.id(), VerifyLevel.RESTORE);
    assertThat(missing.problems()).containsExactly("data.dump.pgp: missing");
    assertThat(LocalServer.databases(source + "_restored")).isEmpty();
  }

  private static String pgRestoreList(Path archive) throws Exception {
    Path restore = dev.strata.backup.dump.PgClient.candidates(Optional.empty(), System.getenv()).get(0).bin().resolve("pg_restore");
    Process list = new ProcessBuilder(restore.toString(), "--list", archive.toString()).redirectErrorStream(true).start();
    String toc = new String(list.getInputStream().readAllBytes());
    assertThat(list.waitFor()).as(toc).isZero();
    return toc;
  }

  private static boolean onPath(String program) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
  }
}
