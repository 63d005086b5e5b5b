package dev.strata.backup.run;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** The streams around an archive read from a store into pg_restore: counted, and kept open for the rest to be hashed. */
final class ArchiveStreams {
  private ArchiveStreams() {}

  /** Counts the bytes read through it. */
  static final class Counting extends FilterInputStream {
    private long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      int n = super.read(buffer, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // Skipped bytes must be hashed too: read them.
      return Math.max(0, read(new byte[(int) Math.max(0, Math.min(n, 1 << 16))]));
    }

    long count() {
      return count;
    }
  }

  /** {@code in}, whose {@code close()} leaves it open: pg_restore's feeder closes its input, the rest is still to be read. */
  static InputStream unclosed(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read(byte[] buffer, int off, int len) throws IOException {
        return in.read(buffer, off, len);
      }

      @Override
      public void close() {
        // The caller closes the store's stream once it has read it to the end.
      }
    };
  }

  /** pg_restore failed on an archive that differs from its manifest: the difference is the finding, the failure its consequence. */
  static final class Altered extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String problem;
    private final String restoreFailure;

    Altered(String problem, String restoreFailure) {
      super(problem);
      this.problem = problem;
      this.restoreFailure = restoreFailure;
    }

    String problem() {
      return problem;
    }

    String restoreFailure() {
      return restoreFailure;
    }
  }
}
