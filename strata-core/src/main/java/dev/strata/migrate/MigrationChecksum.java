package dev.strata.migrate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Prisma's migration checksum: the lowercase hex SHA-256 of a {@code migration.sql} as read
 * (UTF-8, every byte including comments and line endings), and the relaxed comparison Prisma
 * applies when checking a stored checksum.
 */
public final class MigrationChecksum {
  private MigrationChecksum() {}

  /** The 64-character checksum of a script's text (as Prisma computes it: over its UTF-8 bytes). */
  public static String of(String script) {
    return HexFormat.of().formatHex(sha256(script.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Whether {@code stored} (a {@code _prisma_migrations.checksum}) matches the script: Prisma
   * accepts the text as is, with CRLF turned into LF, and with LF turned into CRLF, so a checkout
   * that converted line endings does not count as an edit; a stored value that is not 64
   * characters is compared in the legacy format that dropped leading zeros of each byte.
   */
  public static boolean matches(String stored, String script) {
    String lf = script.replace("\r\n", "\n");
    String crlf = lf.replace("\n", "\r\n");
    for (String variant : List.of(script, lf, crlf)) {
      byte[] digest = sha256(variant.getBytes(StandardCharsets.UTF_8));
      if (stored.equals(HexFormat.of().formatHex(digest))
          || (!stored.isEmpty() && stored.length() != 64 && stored.equals(legacyHex(digest)))) {
        return true;
      }
    }
    return false;
  }

  /** Each byte as unpadded lowercase hex, the format of early Prisma versions (issue #1887). */
  static String legacyHex(byte[] digest) {
    StringBuilder out = new StringBuilder(64);
    for (byte b : digest) {
      out.append(Integer.toHexString(b & 0xff));
    }
    return out.toString();
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
