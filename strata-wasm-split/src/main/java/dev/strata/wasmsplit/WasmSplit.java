package dev.strata.wasmsplit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A build tool that splits the oversized functions of a WebAssembly module into pieces small
 * enough for Chicory's ahead-of-time compiler to turn each into a JIT-compilable JVM method,
 * without changing what the module computes (see docs/lint.md, "How the parser is built").
 *
 * <p>Usage: {@code WasmSplit IN.wasm OUT.wasm [--limit BYTES] [--id-file FILE]}: {@code FILE}
 * receives the output's SHA-256 in hex (strata-core's parse cache keys entries by it).
 */
public final class WasmSplit {
  /** The splitter's version, for the log (the build id is the output's own hash, so it needs no version). */
  public static final String VERSION = "2";
  /** Default largest body, in bytes of WebAssembly code, that a function is cut down to. */
  public static final int DEFAULT_LIMIT = 3000;
  private static final int MIN_RUN = 48;
  /**
   * A function still larger than this after the first pass (a switch whose dispatch table alone
   * exceeds the limit) is cut into pieces of about this size, each with its part of the switch.
   */
  private static final int HARD_LIMIT = 24_000;

  private WasmSplit() {}

  /**
   * What a split did: the module and counts for the log ({@code switchGroups}: the functions that
   * hold groups of a switch's cases, see {@code SwitchSplitter}).
   */
  public record Result(byte[] wasm, int functionsSplit, int functionsAdded, int largestBefore, int largestAfter,
      int switchGroups) {}

  /** Splits every function of {@code wasm} whose body is larger than {@code limit} bytes. */
  public static Result split(byte[] wasm, int limit) {
    if (limit < 256) {
      throw new IllegalArgumentException("limit must be at least 256 bytes");
    }
    return split(wasm, limit, Math.max(HARD_LIMIT, 8 * limit));
  }

  /** As {@link #split(byte[], int)}, with the size above which a function's switch is cut into pieces (tests make it small). */
  static Result split(byte[] wasm, int limit, int hardLimit) {
    ModuleBinary module = ModuleBinary.read(wasm);
    int largestBefore = largest(module);
    int defined = module.bodies.size();
    Outliner outliner = new Outliner(module, limit, hardLimit, MIN_RUN);
    int split = 0;
    for (int i = 0; i < defined; i++) {
      if (outliner.split(module.importedFunctions + i)) {
        split++;
      }
    }
    return new Result(module.write(), split, outliner.outlined, largestBefore, largest(module), outliner.switchGroups);
  }

  private static int largest(ModuleBinary module) {
    int max = 0;
    for (byte[] b : module.bodies) {
      max = Math.max(max, b.length);
    }
    return max;
  }

  public static void main(String[] args) throws Exception {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      throw new IllegalStateException("wasm split failed (exit " + code + ")");
    }
  }

  private static void write(Path file, byte[] content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Files.write(file, content);
  }

  /** Runs the command line; returns the exit code (0 ok, 2 usage, 1 failure). */
  static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
    int limit = DEFAULT_LIMIT;
    Path idFile = null;
    for (int i = 2; i < args.length; i += 2) {
      if (i + 1 >= args.length || !(args[i].equals("--limit") || args[i].equals("--id-file"))) {
        err.println("usage: WasmSplit IN.wasm OUT.wasm [--limit BYTES] [--id-file FILE]");
        return 2;
      }
      if (args[i].equals("--id-file")) {
        idFile = Path.of(args[i + 1]);
        continue;
      }
      try {
        limit = Integer.parseInt(args[i + 1]);
      } catch (NumberFormatException e) {
        err.println("error: --limit needs a number of bytes, not '" + args[i + 1] + "'");
        return 2;
      }
      if (limit < 256) {
        err.println("error: --limit must be at least 256 bytes");
        return 2;
      }
    }
    if (args.length < 2) {
      err.println("usage: WasmSplit IN.wasm OUT.wasm [--limit BYTES] [--id-file FILE]");
      return 2;
    }
    int max = limit;
    Path id = idFile;
    int[] exit = {1};
    // deeply nested code (a parser's switch) recurses deeply: run on a thread with a large stack
    Thread worker = new Thread(null, () -> exit[0] = splitFile(Path.of(args[0]), Path.of(args[1]), max, id, out, err),
        "wasm-split", 1L << 28);
    worker.start();
    worker.join();
    return exit[0];
  }

  private static int splitFile(Path in, Path outFile, int limit, Path idFile, PrintStream out, PrintStream err) {
    try {
      byte[] wasm = Files.readAllBytes(in);
      Result r = split(wasm, limit);
      write(outFile, r.wasm());
      if (idFile != null) {
        write(idFile, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(r.wasm()))
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      }
      out.printf("wasm-split %s: %s -> %s: %d functions split into %d new ones (%d of them groups of a switch's cases);"
          + " largest body %d -> %d bytes (limit %d)%n", VERSION, in.getFileName(), outFile.getFileName(),
          r.functionsSplit(), r.functionsAdded(), r.switchGroups(), r.largestBefore(), r.largestAfter(), limit);
      return 0;
    } catch (WasmFormatException e) {
      err.println("error: " + in + ": " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return 1;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
