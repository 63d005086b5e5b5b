package dev.strata.backup.crypto;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.backup.Encryption;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPBEEncryptedData;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.OpenPGPKeyReader;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPBEDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcPBEKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;

/**
 * OpenPGP encryption of a backup's files with Bouncy Castle's lightweight API (no JCE provider to
 * register), as {@code gpg} writes and reads them: AES-256, an integrity packet (a modification
 * detection code), a binary literal packet named after the file; the session key wrapped with a
 * passphrase (iterated and salted S2K) or for each recipient's encryption key. Streams: a file is
 * never held in memory, and an archive can be encrypted on its way from pg_dump and decrypted on
 * its way into pg_restore. Keys are read by Bouncy Castle's {@link OpenPGPKeyReader}, whose
 * certificates say which of their keys may encrypt now (flags, expiry, revocation).
 */
public final class OpenPgp {
  /** What an encrypted file's name ends with. */
  public static final String SUFFIX = ".pgp";
  /** The manifest's {@code encryption} of a backup encrypted with a passphrase. */
  public static final String SYMMETRIC = "openpgp-symmetric";
  /** The manifest's {@code encryption} of a backup encrypted to public keys. */
  public static final String PUBLIC_KEY = "openpgp-public-key";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int BUFFER = 1 << 16;
  private static final String SECRET_KEY_SETTINGS = "STRATA_BACKUP_SECRET_KEY_FILE or --secret-key-file";
  private static final String KEY_PASSPHRASE_SETTINGS = "STRATA_BACKUP_SECRET_KEY_PASSPHRASE or --secret-key-passphrase-file";

  private OpenPgp() {}

  /**
   * A key a backup is encrypted to, as its manifest records it (no secret material).
   *
   * @param fingerprint the certificate's (primary key's) fingerprint, as {@code gpg --fingerprint} shows it without spaces
   * @param keyId the encryption (sub)key's id, as {@code gpg --decrypt} names it ("encrypted with … key, ID …")
   * @param userId the certificate's primary user id, if it has one
   */
  public record Recipient(String fingerprint, String keyId, Optional<String> userId) {
    /** {@code fingerprint (user id)}. */
    public String describe() {
      return fingerprint + userId.map(u -> " (" + u + ")").orElse("") + ", encryption key id " + keyId;
    }
  }

  /** How new files are encrypted: with a passphrase, or to the recipients' keys. */
  public static final class Sealing {
    private final char[] passphrase;
    private final List<PGPPublicKey> keys;
    private final List<Recipient> recipients;

    private Sealing(char[] passphrase, List<PGPPublicKey> keys, List<Recipient> recipients) {
      this.passphrase = passphrase;
      this.keys = keys;
      this.recipients = recipients;
    }

    /** {@link #SYMMETRIC} or {@link #PUBLIC_KEY}. */
    public String method() {
      return passphrase != null ? SYMMETRIC : PUBLIC_KEY;
    }

    /** The keys the files are encrypted to (none with a passphrase). */
    public List<Recipient> recipients() {
      return recipients;
    }

    /** For messages: never the passphrase. */
    @Override
    public String toString() {
      return passphrase != null ? "OpenPGP, AES-256, passphrase" : "OpenPGP, AES-256, to " + String.join("; ",
          recipients.stream().map(Recipient::describe).toList());
    }
  }

  /**
   * How {@code keys} encrypt a new backup: to the public keys when given, else with the passphrase,
   * else to the secret keys' own public keys.
   *
   * @throws StrataException ({@code CONFIG}) for both a passphrase and public keys
   */
  public static Sealing sealing(Encryption keys) {
    Optional<char[]> passphrase = keys.passphrase();
    if (keys.publicKeys().isPresent() && passphrase.isPresent()) {
      throw new StrataException(ErrorCode.CONFIG, "Both a passphrase (STRATA_BACKUP_PASSPHRASE or --passphrase-file) and a public key"
          + " (STRATA_BACKUP_PUBLIC_KEY_FILE or --public-key-file) are given to encrypt the backup: give one of them.");
    }
    if (passphrase.isPresent() && keys.publicKeys().isEmpty()) {
      return new Sealing(passphrase.get(), List.of(), List.of());
    }
    List<OpenPGPCertificate> certificates = keys.publicKeys().isPresent() ? certificates(keys.publicKeys().get())
        : secretKeys(keys.secretKeys().orElseThrow()).stream().map(OpenPGPKey::toCertificate).toList();
    List<PGPPublicKey> encryptTo = new ArrayList<>();
    List<Recipient> recipients = new ArrayList<>();
    Date now = new Date();
    for (OpenPGPCertificate certificate : certificates) {
      for (OpenPGPCertificate.OpenPGPComponentKey key : encryptionKeys(certificate, now)) {
        encryptTo.add(key.getPGPPublicKey());
        recipients.add(new Recipient(fingerprint(certificate), keyId(key.getPGPPublicKey().getKeyID()), userId(certificate)));
      }
    }
    return new Sealing(null, List.copyOf(encryptTo), List.copyOf(recipients));
  }

  /**
   * The fingerprints of the certificates in a public key file.
   *
   * @throws IllegalArgumentException when it holds none, or one that cannot encrypt now
   */
  public static List<String> publicKeyFingerprints(byte[] file) {
    List<OpenPGPCertificate> certificates = certificates(file);
    Date now = new Date();
    certificates.forEach(c -> encryptionKeys(c, now));
    return certificates.stream().map(OpenPgp::fingerprint).toList();
  }

  /**
   * The fingerprints of the keys in a secret key file.
   *
   * @throws IllegalArgumentException when it holds none
   */
  public static List<String> secretKeyFingerprints(byte[] file) {
    return secretKeys(file).stream().map(OpenPgp::fingerprint).toList();
  }

  /**
   * The key ids (of the encryption subkeys) that the secret key file holds, to compare with a
   * manifest's {@link Recipient#keyId()} before any download.
   */
  public static Set<String> secretKeyIds(byte[] file) {
    Set<String> ids = new LinkedHashSet<>();
    for (OpenPGPKey key : secretKeys(file)) {
      key.getSecretKeys().values().forEach(k -> ids.add(keyId(k.getPGPSecretKey().getKeyID())));
    }
    return ids;
  }

  private static List<OpenPGPCertificate> certificates(byte[] file) {
    return parsed(file, OpenPGPKeyReader::parseCertificates, "public key", "gpg --export [--armor]",
        looksSecret(file) ? "; it holds a secret key, which belongs with --secret-key-file" : "");
  }

  private static List<OpenPGPKey> secretKeys(byte[] file) {
    return parsed(file, OpenPGPKeyReader::parseKeys, "secret key", "gpg --export-secret-keys [--armor]", "");
  }

  /** What a key reader finds in {@code file}; none, or anything else, is an error saying what was expected. */
  private static <T> List<T> parsed(byte[] file, KeyParser<T> parser, String kind, String writer, String hint) {
    List<T> found;
    try {
      found = parser.parse(new OpenPGPKeyReader(), file);
    } catch (IOException | RuntimeException e) {
      found = List.of();
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException("the " + kind + " file is not an OpenPGP " + kind + " (as " + writer + " writes it)" + hint);
    }
    return found;
  }

  @FunctionalInterface
  private interface KeyParser<T> {
    List<T> parse(OpenPGPKeyReader reader, byte[] file) throws IOException;
  }

  private static boolean looksSecret(byte[] file) {
    String head = new String(file, 0, Math.min(file.length, 200), java.nio.charset.StandardCharsets.ISO_8859_1);
    return head.contains("PRIVATE KEY BLOCK");
  }

  private static List<OpenPGPCertificate.OpenPGPComponentKey> encryptionKeys(OpenPGPCertificate certificate, Date now) {
    List<OpenPGPCertificate.OpenPGPComponentKey> keys = certificate.getEncryptionKeys(now);
    if (keys == null || keys.isEmpty()) {
      throw new IllegalArgumentException("the OpenPGP key " + fingerprint(certificate) + userId(certificate).map(u -> " (" + u + ")").orElse("")
          + " has no key that may encrypt now (expired, revoked, or for signing only)");
    }
    return keys;
  }

  private static String fingerprint(OpenPGPCertificate certificate) {
    return HexFormat.of().withUpperCase().formatHex(certificate.getFingerprint());
  }

  private static Optional<String> userId(OpenPGPCertificate certificate) {
    try {
      return Optional.ofNullable(certificate.getPrimaryUserId()).map(OpenPGPCertificate.OpenPGPUserId::getUserId);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  static String keyId(long id) {
    return String.format(Locale.ROOT, "%016X", id);
  }

  // ------------------------------------------------------------------------------------------ encrypt

  /**
   * A stream that encrypts what is written to it into {@code target} as an OpenPGP message with one
   * literal packet named {@code name}; closing it ends the message but leaves {@code target} open.
   */
  public static OutputStream encrypting(OutputStream target, String name, Sealing sealing) throws IOException {
    PGPEncryptedDataGenerator generator = new PGPEncryptedDataGenerator(
        new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true).setSecureRandom(RANDOM));
    if (sealing.passphrase != null) {
      generator.addMethod(new BcPBEKeyEncryptionMethodGenerator(sealing.passphrase));
    }
    for (PGPPublicKey key : sealing.keys) {
      generator.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(key).setSecureRandom(RANDOM));
    }
    OutputStream encrypted;
    try {
      encrypted = generator.open(target, new byte[BUFFER]);
    } catch (PGPException e) {
      throw new IOException("OpenPGP encryption failed: " + e.getMessage(), e);
    }
    OutputStream literal = new PGPLiteralDataGenerator().open(encrypted, PGPLiteralData.BINARY, name, new Date(), new byte[BUFFER]);
    return new FilterOutputStream(literal) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        literal.close();
        encrypted.close();
      }
    };
  }

  /** Encrypts {@code source} into {@code target}. */
  public static void encrypt(Path source, Path target, Sealing sealing) throws IOException {
    try (OutputStream file = Files.newOutputStream(target); InputStream in = Files.newInputStream(source)) {
      try (OutputStream encrypted = encrypting(file, source.getFileName().toString(), sealing)) {
        in.transferTo(encrypted);
      }
    }
  }

  // ------------------------------------------------------------------------------------------ decrypt

  /**
   * The clear content of the OpenPGP message {@code source} (named {@code name} in messages),
   * decrypted with whichever of {@code keys} it is encrypted for. The integrity packet is checked
   * at its end: reading past it fails when the file was altered. Closing the stream closes
   * {@code source}.
   *
   * @throws StrataException ({@code CONFIG}) when the key it needs is not given, ({@code INVALID_INPUT})
   *     when the key given is not the one, or its passphrase is wrong
   * @throws Damaged when it is not an encrypted file, or not a readable one
   */
  public static InputStream decrypting(InputStream source, String name, Encryption keys) throws IOException {
    try {
      BcPGPObjectFactory factory = new BcPGPObjectFactory(PGPUtil.getDecoderStream(source));
      Object next = factory.nextObject();
      while (next != null && !(next instanceof PGPEncryptedDataList)) {
        next = factory.nextObject();
      }
      if (next == null) {
        throw new Damaged(name + " is not an OpenPGP-encrypted file.");
      }
      List<PGPPublicKeyEncryptedData> toKeys = new ArrayList<>();
      List<PGPPBEEncryptedData> toPassphrase = new ArrayList<>();
      for (PGPEncryptedData item : (PGPEncryptedDataList) next) {
        if (item instanceof PGPPublicKeyEncryptedData pk) {
          toKeys.add(pk);
        } else if (item instanceof PGPPBEEncryptedData pbe) {
          toPassphrase.add(pbe);
        }
      }
      PGPEncryptedData opened = null;
      InputStream clear = null;
      if (!toKeys.isEmpty() && keys.secretKeys().isPresent()) {
        for (PGPPublicKeyEncryptedData item : toKeys) {
          Optional<OpenPGPKey.OpenPGPSecretKey> secret = secretKeyFor(item, keys);
          if (secret.isPresent()) {
            clear = item.getDataStream(new BcPublicKeyDataDecryptorFactory(unlock(secret.get(), keys).getKeyPair().getPrivateKey()));
            opened = item;
            break;
          }
        }
      }
      if (clear == null && !toPassphrase.isEmpty() && keys.passphrase().isPresent()) {
        PGPPBEEncryptedData item = toPassphrase.get(0);
        try {
          clear = item.getDataStream(new BcPBEDataDecryptorFactory(keys.passphrase().get(), new BcPGPDigestCalculatorProvider()));
          opened = item;
        } catch (PGPException e) {
          throw new StrataException(ErrorCode.INVALID_INPUT, "The passphrase does not decrypt " + name
              + " (wrong passphrase: check STRATA_BACKUP_PASSPHRASE or --passphrase-file).");
        }
      }
      if (clear == null) {
        throw noKey(name, toKeys, !toPassphrase.isEmpty(), keys);
      }
      BcPGPObjectFactory inner = new BcPGPObjectFactory(clear);
      Object message = inner.nextObject();
      if (message instanceof PGPCompressedData compressed) {
        inner = new BcPGPObjectFactory(compressed.getDataStream());
        message = inner.nextObject();
      }
      if (!(message instanceof PGPLiteralData literal)) {
        throw new Damaged(name + " holds no data after decryption.");
      }
      return verifiedAtEnd(literal.getInputStream(), opened, name, source);
    } catch (PGPException e) {
      throw new Damaged("Could not decrypt " + name + ": " + e.getMessage());
    }
  }

  /**
   * Decrypts the start of a message, enough to know that {@code keys} open it, and reads no further.
   *
   * @throws StrataException when the keys do not open it, as {@link #decrypting} says
   * @throws Damaged when it is not an encrypted file, or not a readable one
   */
  public static void checkKeys(InputStream start, String name, Encryption keys) throws IOException {
    try (InputStream ignored = decrypting(start, name, keys)) {
      // Opening it recovered the session key and checked it (the quick check, the literal packet's header).
    }
  }

  /** Decrypts {@code source} into {@code target}; what an altered file gave is deleted, and an ({@code INVALID_INPUT}) error. */
  public static void decrypt(Path source, Path target, Encryption keys) throws IOException {
    try (InputStream in = decrypting(Files.newInputStream(source), source.getFileName().toString(), keys);
        OutputStream out = Files.newOutputStream(target)) {
      in.transferTo(out);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(target);
      if (e instanceof Damaged damaged) {
        throw new StrataException(ErrorCode.INVALID_INPUT, damaged.getMessage(), damaged);
      }
      throw e;
    }
  }

  /**
   * A file that is not what it should be (not an OpenPGP message, or altered: its integrity check
   * fails at its end), as opposed to keys that do not open it, which are {@link StrataException}s.
   */
  public static final class Damaged extends IOException {
    private static final long serialVersionUID = 1L;

    Damaged(String message) {
      super(message);
    }
  }

  private static InputStream verifiedAtEnd(InputStream data, PGPEncryptedData encrypted, String name, InputStream source) {
    return new FilterInputStream(data) {
      private boolean checked;

      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
          check();
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int off, int len) throws IOException {
        int n = super.read(buffer, off, len);
        if (n < 0) {
          check();
        }
        return n;
      }

      private void check() throws IOException {
        if (checked) {
          return;
        }
        checked = true;
        try {
          if (encrypted.isIntegrityProtected() && !encrypted.verify()) {
            throw new Damaged(name + " was altered after it was encrypted (its integrity check fails).");
          }
        } catch (PGPException e) {
          throw new Damaged(name + " was altered after it was encrypted (its integrity check fails).");
        }
      }

      @Override
      public void close() throws IOException {
        source.close();
      }
    };
  }

  private static Optional<OpenPGPKey.OpenPGPSecretKey> secretKeyFor(PGPPublicKeyEncryptedData item, Encryption keys) {
    long wanted = item.getKeyIdentifier().getKeyId();
    for (OpenPGPKey key : secretKeys(keys.secretKeys().orElseThrow())) {
      for (OpenPGPKey.OpenPGPSecretKey secret : key.getSecretKeys().values()) {
        // 0 is an anonymous recipient (gpg --throw-keyids): any of the keys may be the one
        if (wanted == 0 || secret.getPGPSecretKey().getKeyID() == wanted) {
          return Optional.of(secret);
        }
      }
    }
    return Optional.empty();
  }

  private static OpenPGPKey.OpenPGPPrivateKey unlock(OpenPGPKey.OpenPGPSecretKey secret, Encryption keys) {
    String which = "The secret key " + fingerprint(secret.getOpenPGPKey()) + " (key id " + keyId(secret.getPGPSecretKey().getKeyID()) + ")";
    Optional<char[]> passphrase = keys.secretKeyPassphrase();
    if (secret.isLocked() && passphrase.isEmpty()) {
      throw new StrataException(ErrorCode.CONFIG, which + " is protected by a passphrase: give it in " + KEY_PASSPHRASE_SETTINGS + ".");
    }
    try {
      if (!secret.isLocked()) {
        return secret.unlock();
      }
      if (!secret.isPassphraseCorrect(passphrase.get())) {
        throw new StrataException(ErrorCode.INVALID_INPUT, which + " does not open with the passphrase given (wrong passphrase: check "
            + KEY_PASSPHRASE_SETTINGS + ").");
      }
      return secret.unlock(passphrase.get());
    } catch (PGPException e) {
      throw new StrataException(ErrorCode.INVALID_INPUT, which + " cannot be unlocked: " + e.getMessage());
    }
  }

  private static StrataException noKey(String name, List<PGPPublicKeyEncryptedData> toKeys, boolean toPassphrase, Encryption keys) {
    if (toKeys.isEmpty()) {
      return new StrataException(keys.passphrase().isEmpty() ? ErrorCode.CONFIG : ErrorCode.INVALID_INPUT, name
          + " is encrypted with a passphrase: give it in STRATA_BACKUP_PASSPHRASE or a file (--passphrase-file).");
    }
    String ids = String.join(", ", toKeys.stream().map(k -> keyId(k.getKeyIdentifier().getKeyId())).distinct().toList());
    String needs = name + " is encrypted to the OpenPGP key id " + ids + (toPassphrase ? " and a passphrase" : "");
    if (keys.secretKeys().isEmpty()) {
      return new StrataException(ErrorCode.CONFIG, needs + ": give its secret key in " + SECRET_KEY_SETTINGS + ".");
    }
    return new StrataException(ErrorCode.INVALID_INPUT, needs + "; the secret key given (" + String.join(", ", keys.secretKeyFingerprints())
        + ", key ids " + String.join(", ", secretKeyIds(keys.secretKeys().get())) + ") is not that key (wrong key: check "
        + SECRET_KEY_SETTINGS + ").");
  }
}
