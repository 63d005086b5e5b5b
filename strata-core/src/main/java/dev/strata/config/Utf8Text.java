package dev.strata.config;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Strict UTF-8 reading of the text files Strata sends to a database or parses (schemas, migration
 * scripts, {@code down.sql}, {@code db execute} scripts), which says where a file that is not UTF-8
 * goes wrong instead of replacing what it cannot read.
 */
public final class Utf8Text {
  private Utf8Text() {}

  /** The text of {@code bytes} (a UTF-8 byte order mark kept), or why it is not UTF-8 text. */
  public static Decoded decode(byte[] bytes) {
    if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
        || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
      return new Decoded(Optional.empty(), Optional.of(
          "it is not UTF-8: it starts with a UTF-16 byte order mark (byte offset 0)"));
    }
    boolean ascii = true;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return new Decoded(Optional.empty(), Optional.of(
            "it is not UTF-8 text: it contains a NUL byte at byte offset " + i + " (is it UTF-16, or binary?)"));
      }
      ascii &= bytes[i] >= 0;
    }
    if (ascii) {
      // Most files: the String constructor's fast path, no decoder needed.
      return new Decoded(Optional.of(new String(bytes, StandardCharsets.US_ASCII)), Optional.empty());
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      return new Decoded(Optional.of(decoder.decode(in).toString()), Optional.empty());
    } catch (CharacterCodingException e) {
      int at = in.position();
      String shown = at < bytes.length ? String.format(" (byte 0x%02X)", bytes[at] & 0xFF) : "";
      return new Decoded(Optional.empty(), Optional.of(
          "it is not valid UTF-8 at byte offset " + at + shown + "; save it as UTF-8 (it may be Latin-1 or Windows-1252)"));
    }
  }

  /** A file's text, or the reason it could not be read as UTF-8 (exactly one of the two is present). */
  public record Decoded(Optional<String> text, Optional<String> problem) {}
}
