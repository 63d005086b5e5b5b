package dev.strata.backup.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.backup.Encryption;
import dev.strata.backup.Gpg;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Strata's OpenPGP and the real gpg read each other's files, both ways, with keys that gpg made. */
class OpenPgpGpgTest {
  @TempDir Path dir;
  Gpg gpg;
  String fingerprint;
  Path clear;

  @BeforeEach
  void keys() throws Exception {
    gpg = Gpg.in(dir.resolve("gnupg"));
    fingerprint = gpg.generate("Backup Ops <ops@example.com>", "");
    byte[] content = new byte[3 * 1024 * 1024 + 17];
    new Random(42).nextBytes(content);
    System.arraycopy("PGDMP needle".getBytes(StandardCharsets.US_ASCII), 0, content, 0, 12);
    clear = Files.write(dir.resolve("data.dump"), content);
  }

  @AfterEach
  void stopAgent() throws Exception {
    gpg.close();
  }

  @Test
  void gpg_decrypts_what_strata_encrypts_to_its_public_key() throws Exception {
    for (boolean armor : new boolean[] {true, false}) {
      Encryption keys = Encryption.publicKey(gpg.exportPublic(fingerprint, armor));
      assertThat(keys.publicKeyFingerprints()).containsExactly(fingerprint);
      OpenPgp.Sealing sealing = OpenPgp.sealing(keys);
      assertThat(sealing.method()).isEqualTo(OpenPgp.PUBLIC_KEY);
      assertThat(sealing.recipients()).singleElement().satisfies(r -> {
        assertThat(r.fingerprint()).isEqualTo(fingerprint);
        assertThat(r.userId()).contains("Backup Ops <ops@example.com>");
        assertThat(r.keyId()).hasSize(16).isNotEqualTo(fingerprint.substring(24));
      });
      Path encrypted = dir.resolve("data.dump.pgp");
      OpenPgp.encrypt(clear, encrypted, sealing);
      assertThat(new String(Files.readAllBytes(encrypted), StandardCharsets.ISO_8859_1)).doesNotContain("needle");

      Gpg.Run decrypted = gpg.decrypt(encrypted, "").ok();

      assertThat(decrypted.out()).isEqualTo(Files.readAllBytes(clear));
      assertThat(decrypted.err()).as("gpg names the subkey the manifest records").contains(sealing.recipients().get(0).keyId());
    }
  }

  @Test
  void strata_decrypts_what_gpg_encrypts_to_the_key_with_its_exported_secret_key() throws Exception {
    Encryption keys = Encryption.secretKey(gpg.exportSecret(fingerprint, ""), Optional.empty());
    for (String armor : new String[] {"--armor", "--no-armor"}) {
      Path encrypted = dir.resolve("by-gpg" + armor + ".pgp");
      gpg.run(armor, "--trust-model", "always", "--recipient", fingerprint, "--output", encrypted.toString(), "--encrypt", clear.toString()).ok();

      Path decrypted = dir.resolve("decrypted" + armor);
      OpenPgp.decrypt(encrypted, decrypted, keys);

      assertThat(Files.readAllBytes(decrypted)).isEqualTo(Files.readAllBytes(clear));
    }
  }

  @Test
  void a_secret_key_alone_encrypts_to_its_own_public_key_and_decrypts_as_a_stream() throws Exception {
    Encryption keys = Encryption.secretKey(gpg.exportSecret(fingerprint, ""), Optional.empty());
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (var encrypting = OpenPgp.encrypting(sink, "data.dump", OpenPgp.sealing(keys))) {
      encrypting.write(Files.readAllBytes(clear));
    }
    try (InputStream in = OpenPgp.decrypting(new java.io.ByteArrayInputStream(sink.toByteArray()), "data.dump.pgp", keys)) {
      assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(clear));
    }
  }

  @Test
  void a_protected_secret_key_needs_its_passphrase_and_a_wrong_one_is_a_clear_error() throws Exception {
    String protectedKey = gpg.generate("Vault <vault@example.com>", "key passphrase");
    Path encrypted = dir.resolve("to-vault.pgp");
    OpenPgp.encrypt(clear, encrypted, OpenPgp.sealing(Encryption.publicKey(gpg.exportPublic(protectedKey, true))));
    byte[] secret = gpg.exportSecret(protectedKey, "key passphrase");
    assertThat(new String(secret, StandardCharsets.US_ASCII)).contains("PRIVATE KEY BLOCK");

    assertThatThrownBy(() -> OpenPgp.decrypt(encrypted, dir.resolve("x"), Encryption.secretKey(secret, Optional.empty())))
        .isInstanceOf(StrataException.class).satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.CONFIG))
        .hasMessageContaining("The secret key " + protectedKey).hasMessageContaining("is protected by a passphrase")
        .hasMessageContaining("STRATA_BACKUP_SECRET_KEY_PASSPHRASE");
    assertThatThrownBy(() -> OpenPgp.decrypt(encrypted, dir.resolve("x"), Encryption.secretKey(secret, Optional.of("not it"))))
        .isInstanceOf(StrataException.class).satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT))
        .hasMessageContaining("wrong passphrase").hasMessageNotContaining("not it");
    assertThat(dir.resolve("x")).doesNotExist();

    OpenPgp.decrypt(encrypted, dir.resolve("x"), Encryption.secretKey(secret, Optional.of("key passphrase")));
    assertThat(Files.readAllBytes(dir.resolve("x"))).isEqualTo(Files.readAllBytes(clear));
  }

  @Test
  void the_wrong_secret_key_names_the_key_the_file_needs() throws Exception {
    String other = gpg.generate("Someone Else <else@example.com>", "");
    Path encrypted = dir.resolve("data.dump.pgp");
    OpenPgp.Sealing sealing = OpenPgp.sealing(Encryption.publicKey(gpg.exportPublic(fingerprint, true)));
    OpenPgp.encrypt(clear, encrypted, sealing);
    Encryption wrong = Encryption.secretKey(gpg.exportSecret(other, ""), Optional.empty());

    assertThatThrownBy(() -> OpenPgp.decrypt(encrypted, dir.resolve("x"), wrong)).isInstanceOf(StrataException.class)
        .satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT))
        .hasMessageContaining("data.dump.pgp is encrypted to the OpenPGP key id " + sealing.recipients().get(0).keyId())
        .hasMessageContaining("the secret key given (" + other).hasMessageContaining("wrong key");
    assertThatThrownBy(() -> OpenPgp.decrypt(encrypted, dir.resolve("x"), Encryption.passphrase("a passphrase")))
        .isInstanceOf(StrataException.class).satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.CONFIG))
        .hasMessageContaining("give its secret key in STRATA_BACKUP_SECRET_KEY_FILE or --secret-key-file");
  }

  @Test
  void key_files_of_the_wrong_kind_and_two_ways_to_encrypt_are_clear_errors() throws Exception {
    byte[] secret = gpg.exportSecret(fingerprint, "");
    assertThatThrownBy(() -> Encryption.publicKey(secret)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an OpenPGP public key").hasMessageContaining("--secret-key-file");
    assertThatThrownBy(() -> Encryption.secretKey(gpg.exportPublic(fingerprint, true), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an OpenPGP secret key");
    assertThatThrownBy(() -> Encryption.publicKey("hello".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class);
    Encryption both = Encryption.passphrase("p").and(Encryption.publicKey(gpg.exportPublic(fingerprint, true)));
    assertThatThrownBy(() -> OpenPgp.sealing(both)).isInstanceOf(StrataException.class).hasMessageContaining("give one of them");
    Encryption all = both.and(Encryption.secretKey(secret, Optional.of("key pass")));
    assertThat(all.toString()).contains(fingerprint, "passphrase=****").doesNotContain("PRIVATE", "key pass");
  }
}
