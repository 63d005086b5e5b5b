package dev.strata.lint.parse;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A persistent, content-addressed cache of what {@link PgQuery} made of a statement (the JSON tree
 * or PostgreSQL's error), so a statement already parsed once is never parsed again (see
 * {@code docs/lint.md}, "Parse cache").
 *
 * <p>An entry's name is the SHA-256 of the parser's build id and the statement's text; the entry
 * holds both again, the result, and a SHA-256 of all of it. A read trusts an entry only when the
 * checksum, the parser id and the statement's text all match: anything else (truncated, corrupt,
 * unreadable, written by another parser build) is a miss, and the statement is parsed and the entry
 * written again. Writes go to a temporary file in the same folder, then an atomic rename: a reader
 * sees a whole entry or none, and two processes writing the same entry both write the same bytes.
 * A cache that cannot be written is only slower: errors are counted, never raised.
 */
public final class ParseCache {
  /** The entry format; part of every key, so a change of format never reads old entries. */
  private static final String FORMAT = "strata-lint-parse 1";
  private static final byte[] MAGIC = "STRATA-LINT-PARSE\n".getBytes(StandardCharsets.US_ASCII);
  private static final int DIGEST = 32;
  private static final java.nio.file.attribute.FileAttribute<?>[] OWNER_ONLY = ownerOnly();

  private static volatile String buildId;

  private final Path directory;
  private final String parserId;
  private final boolean enabled;
  private final AtomicInteger hits = new AtomicInteger();
  private final AtomicInteger misses = new AtomicInteger();
  private final AtomicInteger writeErrors = new AtomicInteger();
  /** Subfolders this cache made or found, so that a write does not ask for them again. */
  private final Set<Path> folders = ConcurrentHashMap.newKeySet();
  /** Entries this cache wrote; when its folder did not exist at the first look, no other can be there. */
  private final Set<String> written = ConcurrentHashMap.newKeySet();
  private final AtomicLong temporaries = new AtomicLong();
  private volatile Boolean startedEmpty;

  private ParseCache(Path directory, String parserId, boolean enabled) {
    this.directory = directory;
    this.parserId = parserId;
    this.enabled = enabled;
  }

  /** A cache in {@code directory} for the parser build {@code parserId}. */
  public static ParseCache at(Path directory, String parserId) {
    return new ParseCache(directory, FORMAT + "\n" + parserId, true);
  }

  /** A cache in {@code directory} for this build's parser ({@link #parserBuildId()}); none when that is unknown. */
  public static ParseCache at(Path directory) {
    return parserBuildId().map(id -> at(directory, id)).orElseGet(ParseCache::none);
  }

  /** No cache: every statement is parsed. */
  public static ParseCache none() {
    return new ParseCache(null, null, false);
  }

  /**
   * Where the cache lives by default: {@code $STRATA_LINT_CACHE_DIR}, else
   * {@code $XDG_CACHE_HOME/strata/lint-parse}, else {@code ~/.cache/strata/lint-parse}.
   */
  public static Path defaultDirectory(Map<String, String> env) {
    String own = env.get("STRATA_LINT_CACHE_DIR");
    if (own != null && !own.isBlank()) {
      return Path.of(own);
    }
    String xdg = env.get("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
        ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("strata").resolve("lint-parse");
  }

  /**
   * The parser's build id: the SHA-256 of the libpg_query {@code .wasm} the build compiled (the
   * module after strata-wasm-split), written by the build beside the compiled module; empty when
   * the resource is missing (then no cache).
   */
  public static Optional<String> parserBuildId() {
    String id = buildId;
    if (id == null) {
      try (InputStream in = ParseCache.class.getResourceAsStream("libpg-query.wasm.sha256")) {
        id = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
      } catch (IOException e) {
        id = "";
      }
      buildId = id;
    }
    return id.matches("[0-9a-f]{64}") ? Optional.of(id) : Optional.empty();
  }

  public boolean enabled() {
    return enabled;
  }

  public Optional<Path> directory() {
    return Optional.ofNullable(directory);
  }

  /** Statements answered from the cache. */
  public int hits() {
    return hits.get();
  }

  /** Statements parsed (not in the cache, or the entry was not trusted). */
  public int misses() {
    return misses.get();
  }

  /** Entries that could not be written. */
  public int writeErrors() {
    return writeErrors.get();
  }

  /** What the parser makes of {@code sql}: from the cache when a trusted entry is there, else parsed and stored. */
  public PgQuery.Result parse(String sql) {
    if (!enabled) {
      misses.incrementAndGet();
      return PgQuery.parseWithAny(sql);
    }
    byte[] text = sql.getBytes(StandardCharsets.UTF_8);
    String key = key(text);
    Path entry = entryPath(key);
    // a cache whose folder was not there when this run began holds only what this run wrote: a
    // first run (the slow one) does not look for a thousand entries that cannot exist
    if (!startedEmpty() || written.contains(key)) {
      PgQuery.Result cached = read(entry, text);
      if (cached != null) {
        hits.incrementAndGet();
        return cached;
      }
    }
    misses.incrementAndGet();
    PgQuery.Result parsed = PgQuery.parseWithAny(sql);
    if (write(entry, text, parsed)) {
      written.add(key);
    }
    return parsed;
  }

  private boolean startedEmpty() {
    Boolean empty = startedEmpty;
    if (empty == null) {
      empty = !Files.isDirectory(directory);
      startedEmpty = empty;
    }
    return empty;
  }

  /** The entry's file for a statement (for tests). */
  Path entryFor(String sql) {
    return entryPath(key(sql.getBytes(StandardCharsets.UTF_8)));
  }

  private Path entryPath(String key) {
    return directory.resolve(key.substring(0, 2)).resolve(key.substring(2));
  }

  private String key(byte[] text) {
    MessageDigest md = sha256();
    md.update(parserId.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
    md.update(text);
    return HexFormat.of().formatHex(md.digest());
  }

  private PgQuery.Result read(Path entry, byte[] text) {
    byte[] all;
    try {
      all = Files.readAllBytes(entry);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | RuntimeException e) {
      return null; // unreadable: parse again
    }
    if (all.length < MAGIC.length + DIGEST) {
      return null;
    }
    int body = all.length - DIGEST;
    MessageDigest md = sha256();
    md.update(all, 0, body);
    if (!MessageDigest.isEqual(md.digest(), Arrays.copyOfRange(all, body, all.length))) {
      return null;
    }
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(all, 0, body))) {
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC) || !in.readUTF().equals(parserId)) {
        return null;
      }
      if (!Arrays.equals(bytes(in), text)) {
        return null;
      }
      int kind = in.readByte();
      PgQuery.Result result;
      if (kind == 0) {
        result = new PgQuery.Result(new String(bytes(in), StandardCharsets.UTF_8), null, 0);
      } else if (kind == 1) {
        String error = new String(bytes(in), StandardCharsets.UTF_8);
        result = new PgQuery.Result(null, error, in.readInt());
      } else {
        return null;
      }
      return in.available() == 0 ? result : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static byte[] bytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) {
      throw new EOFException();
    }
    return in.readNBytes(n);
  }

  private boolean write(Path entry, byte[] text, PgQuery.Result result) {
    Path tmp = null;
    try {
      ByteArrayOutputStream buf = new ByteArrayOutputStream(text.length * 4 + 256);
      DataOutputStream out = new DataOutputStream(buf);
      out.write(MAGIC);
      out.writeUTF(parserId);
      out.writeInt(text.length);
      out.write(text);
      byte[] payload = (result.ok() ? result.json() : result.error()).getBytes(StandardCharsets.UTF_8);
      out.writeByte(result.ok() ? 0 : 1);
      out.writeInt(payload.length);
      out.write(payload);
      if (!result.ok()) {
        out.writeInt(result.errorPosition());
      }
      out.flush();
      MessageDigest md = sha256();
      md.update(buf.toByteArray());
      out.write(md.digest());
      Path folder = entry.getParent();
      if (!folders.contains(folder)) {
        Files.createDirectories(folder);
        folders.add(folder);
      }
      // a name no other writer uses (process, then a counter), created and written in one open,
      // readable by the owner only
      tmp = folder.resolve(".tmp-" + ProcessHandle.current().pid() + "-" + temporaries.incrementAndGet());
      try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(tmp, Set.of(StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE), OWNER_ONLY)) {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(buf.toByteArray());
        while (bytes.hasRemaining()) {
          ch.write(bytes);
        }
      }
      try {
        Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, entry, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
      return true;
    } catch (IOException | UncheckedIOException | SecurityException | UnsupportedOperationException e) {
      writeErrors.incrementAndGet();
      folders.remove(entry.getParent());
      return false;
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // left behind: a stray temporary file is never read as an entry
        }
      }
    }
  }

  private static java.nio.file.attribute.FileAttribute<?>[] ownerOnly() {
    boolean posix = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    return posix
        ? new java.nio.file.attribute.FileAttribute<?>[] {
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))}
        : new java.nio.file.attribute.FileAttribute<?>[0];
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
