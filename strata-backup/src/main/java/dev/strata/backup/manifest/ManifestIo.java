package dev.strata.backup.manifest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.strata.ErrorCode;
import dev.strata.StrataException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads and writes {@code manifest.json} and its own checksum ({@code manifest.json.sha256}), so
 * that an edited manifest is caught like an edited data file.
 */
public final class ManifestIo {
  public static final String FILE = "manifest.json";
  public static final String CHECKSUM_FILE = "manifest.json.sha256";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ManifestIo() {}

  /** Writes the manifest and its checksum, each through a temporary file and a rename. */
  public static void write(Path folder, Manifest manifest) {
    try {
      byte[] bytes = JSON.writeValueAsBytes(manifest);
      writeAtomically(folder.resolve(FILE), bytes);
      writeAtomically(folder.resolve(CHECKSUM_FILE), (sha256(bytes) + "  " + FILE + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "Could not write the manifest in " + folder + ": " + e.getMessage(), e);
    }
  }

  /** The manifest as the bytes of {@code manifest.json}. */
  public static byte[] toBytes(Manifest manifest) {
    try {
      return JSON.writeValueAsBytes(manifest);
    } catch (IOException e) {
      throw new StrataException(ErrorCode.INTERNAL, "Could not write the manifest: " + e.getMessage(), e);
    }
  }

  /** The content of {@code manifest.json.sha256} for these manifest bytes. */
  public static byte[] checksumLine(byte[] manifestBytes) {
    return (sha256(manifestBytes) + "  " + FILE + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Whether {@code checksumFile} (the content of {@code manifest.json.sha256}) matches {@code manifestBytes}. */
  public static boolean matches(byte[] checksumFile, byte[] manifestBytes) {
    String recorded = new String(checksumFile, StandardCharsets.UTF_8).trim().split("\\s+")[0];
    return recorded.equals(sha256(manifestBytes));
  }

  /** Reads the bytes of a {@code manifest.json}. */
  public static Manifest parse(byte[] bytes, String where) {
    try {
      return JSON.readValue(bytes, Manifest.class);
    } catch (IOException e) {
      throw new StrataException(ErrorCode.INVALID_INPUT, "The manifest " + where + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** The manifest of {@code folder}. */
  public static Manifest read(Path folder) {
    try {
      return JSON.readValue(Files.readAllBytes(folder.resolve(FILE)), Manifest.class);
    } catch (IOException e) {
      throw new StrataException(ErrorCode.INVALID_INPUT, "The manifest " + folder.resolve(FILE) + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** Whether {@code manifest.json} still has the checksum written beside it. */
  public static boolean intact(Path folder) {
    try {
      String recorded = Files.readString(folder.resolve(CHECKSUM_FILE), StandardCharsets.UTF_8).trim().split("\\s+")[0];
      return recorded.equals(sha256(Files.readAllBytes(folder.resolve(FILE))));
    } catch (IOException e) {
      return false;
    }
  }

  static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.write(temp, bytes);
    Permissions.privateFile(temp);
    Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  /** The SHA-256 of a file, streamed. */
  public static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return sha256(in);
    }
  }

  /** The SHA-256 of what {@code in} holds, streamed. */
  public static String sha256(InputStream in) throws IOException {
    MessageDigest digest = digest();
    byte[] buffer = new byte[1 << 16];
    int n;
    while ((n = in.read(buffer)) > 0) {
      digest.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
