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

/** OpenPGP-encrypted backups: round trip with the passphrase, gpg decrypts them without Strata, a wrong passphrase is a clear error. */
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

  private static boolean onPath(String program) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
  }
}
