package dev.strata.backup.crypto;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Date;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPBEEncryptedData;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPBEDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcPBEKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;

/**
 * OpenPGP symmetric encryption of files with Bouncy Castle's lightweight API (no JCE provider to
 * register): AES-256, an integrity packet (a modification detection code), a binary literal
 * packet named after the file. Streams: a file is never held in memory.
 */
public final class OpenPgp {
  /** What an encrypted file's name ends with. */
  public static final String SUFFIX = ".pgp";

  private OpenPgp() {}

  /** Encrypts {@code source} into {@code target}. */
  public static void encrypt(Path source, Path target, char[] passphrase) throws IOException {
    PGPEncryptedDataGenerator generator = new PGPEncryptedDataGenerator(
        new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true).setSecureRandom(new SecureRandom()));
    generator.addMethod(new BcPBEKeyEncryptionMethodGenerator(passphrase));
    try (OutputStream file = Files.newOutputStream(target);
        OutputStream encrypted = generator.open(file, new byte[1 << 16]);
        OutputStream literal = new PGPLiteralDataGenerator().open(encrypted, PGPLiteralData.BINARY,
            source.getFileName().toString(), new Date(Files.getLastModifiedTime(source).toMillis()), new byte[1 << 16]);
        InputStream in = Files.newInputStream(source)) {
      in.transferTo(literal);
    } catch (PGPException e) {
      throw new IOException("OpenPGP encryption failed: " + e.getMessage(), e);
    }
  }

  /**
   * Decrypts {@code source} into {@code target}.
   *
   * @throws StrataException ({@code INVALID_INPUT}) when the passphrase is wrong or the file was altered
   */
  public static void decrypt(Path source, Path target, char[] passphrase) throws IOException {
    try (InputStream raw = PGPUtil.getDecoderStream(Files.newInputStream(source))) {
      BcPGPObjectFactory factory = new BcPGPObjectFactory(raw);
      Object next = factory.nextObject();
      while (next != null && !(next instanceof PGPEncryptedDataList)) {
        next = factory.nextObject();
      }
      if (next == null) {
        throw new StrataException(ErrorCode.INVALID_INPUT, source.getFileName() + " is not an OpenPGP-encrypted file.");
      }
      PGPPBEEncryptedData data = null;
      for (Object item : (PGPEncryptedDataList) next) {
        if (item instanceof PGPPBEEncryptedData pbe) {
          data = pbe;
          break;
        }
      }
      if (data == null) {
        throw new StrataException(ErrorCode.INVALID_INPUT, source.getFileName() + " is not encrypted with a passphrase.");
      }
      InputStream clear;
      try {
        clear = data.getDataStream(new BcPBEDataDecryptorFactory(passphrase, new BcPGPDigestCalculatorProvider()));
      } catch (PGPException e) {
        throw wrongKey(source);
      }
      BcPGPObjectFactory inner = new BcPGPObjectFactory(clear);
      Object message = inner.nextObject();
      if (message instanceof PGPCompressedData compressed) {
        inner = new BcPGPObjectFactory(compressed.getDataStream());
        message = inner.nextObject();
      }
      if (!(message instanceof PGPLiteralData literal)) {
        throw new StrataException(ErrorCode.INVALID_INPUT, source.getFileName() + " holds no data after decryption.");
      }
      try (InputStream in = literal.getInputStream(); OutputStream out = Files.newOutputStream(target)) {
        in.transferTo(out);
      }
      if (data.isIntegrityProtected() && !data.verify()) {
        Files.deleteIfExists(target);
        throw new StrataException(ErrorCode.INVALID_INPUT, source.getFileName() + " was altered after it was encrypted (its integrity check fails).");
      }
    } catch (PGPException e) {
      throw new StrataException(ErrorCode.INVALID_INPUT, "Could not decrypt " + source.getFileName() + ": " + e.getMessage(), e);
    }
  }

  private static StrataException wrongKey(Path source) {
    return new StrataException(ErrorCode.INVALID_INPUT, "The passphrase does not decrypt " + source.getFileName()
        + " (wrong passphrase: check STRATA_BACKUP_PASSPHRASE or --passphrase-file).");
  }
}
