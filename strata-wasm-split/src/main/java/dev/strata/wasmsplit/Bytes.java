package dev.strata.wasmsplit;

import java.io.ByteArrayOutputStream;

/** LEB128 reading and writing over a byte array, as the WebAssembly binary format encodes numbers. */
final class Bytes {
  private Bytes() {}

  /** A cursor over a byte array. */
  static final class Reader {
    final byte[] data;
    int pos;
    final int end;

    Reader(byte[] data, int pos, int end) {
      this.data = data;
      this.pos = pos;
      this.end = end;
    }

    boolean more() {
      return pos < end;
    }

    int u8() {
      if (pos >= end) {
        throw new WasmFormatException("unexpected end of data at byte " + pos);
      }
      return data[pos++] & 0xff;
    }

    int peek() {
      if (pos >= end) {
        throw new WasmFormatException("unexpected end of data at byte " + pos);
      }
      return data[pos] & 0xff;
    }

    int u32() {
      long result = 0;
      int shift = 0;
      while (true) {
        int b = u8();
        result |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          break;
        }
        shift += 7;
        if (shift > 35) {
          throw new WasmFormatException("LEB128 number too long at byte " + pos);
        }
      }
      if (result > 0xffffffffL) {
        throw new WasmFormatException("u32 out of range at byte " + pos);
      }
      return (int) result;
    }

    long s64() {
      long result = 0;
      int shift = 0;
      int b;
      do {
        b = u8();
        result |= (long) (b & 0x7f) << shift;
        shift += 7;
      } while ((b & 0x80) != 0 && shift < 70);
      if (shift < 64 && (b & 0x40) != 0) {
        result |= -1L << shift;
      }
      return result;
    }

    void skip(int n) {
      if (pos + n > end) {
        throw new WasmFormatException("unexpected end of data at byte " + pos);
      }
      pos += n;
    }

    String name() {
      int n = u32();
      skip(n);
      return new String(data, pos - n, n, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** A growable output buffer with LEB128 writers. */
  static final class Writer extends ByteArrayOutputStream {
    Writer() {
      super(256);
    }

    Writer u8(int b) {
      write(b);
      return this;
    }

    Writer u32(long v) {
      do {
        int b = (int) (v & 0x7f);
        v >>>= 7;
        write(v != 0 ? b | 0x80 : b);
      } while (v != 0);
      return this;
    }

    Writer s64(long v) {
      while (true) {
        int b = (int) (v & 0x7f);
        v >>= 7;
        boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
        write(done ? b : b | 0x80);
        if (done) {
          return this;
        }
      }
    }

    Writer bytes(byte[] b) {
      write(b, 0, b.length);
      return this;
    }

    /** Writes {@code b} preceded by its length. */
    Writer sized(byte[] b) {
      return u32(b.length).bytes(b);
    }
  }

  static int u32Size(long v) {
    int n = 1;
    while ((v >>>= 7) != 0) {
      n++;
    }
    return n;
  }
}
