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
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
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
 * <p>A run reads the cache's packs once, at its first statement, and writes what it parsed as one
 * new pack at the end ({@link #flush}): one file per run instead of one per statement, whose
 * creation cost more system time than the parsing itself on a first run. A pack is a list of
 * entries; an entry holds the parser's build id, the statement's text, the result, and a SHA-256 of
 * all of it, and is trusted only when the checksum and the build id match (its key, the SHA-256 of
 * the build id and the text, is computed from what it holds, so it cannot be misplaced). A corrupt
 * or truncated pack loses the entries from the damage on; those statements are parsed and written
 * again. A pack is written to a temporary file and renamed into place, so a reader sees a whole
 * pack or none; two runs writing at once write two packs. Past {@value #MAX_PACKS} packs, a run
 * that writes merges every pack it read into its own and deletes them. A cache that cannot be
 * written is only slower: errors are counted, never raised.
 */
public final class ParseCache {
  /** The entry format; part of every key, so a change of format never reads old entries. */
  private static final String FORMAT = "strata-lint-parse 2";
  private static final byte[] MAGIC = "STRATA-LINT-PARSE\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PACK_MAGIC = "STRATA-LINT-PACK\n".getBytes(StandardCharsets.US_ASCII);
  private static final String PACK_SUFFIX = ".pack";
  /** Packs a run may find before the run that writes next merges them into one. */
  static final int MAX_PACKS = 8;
  private static final int DIGEST = 32;
  private static final java.nio.file.attribute.FileAttribute<?>[] OWNER_ONLY = ownerOnly();

  private static volatile String buildId;

  private final Path directory;
  private final String parserId;
  private final boolean enabled;
  private final AtomicInteger hits = new AtomicInteger();
  private final AtomicInteger misses = new AtomicInteger();
  private final AtomicInteger writeErrors = new AtomicInteger();
  /** Every trusted entry, read or parsed by this run: key to its encoded bytes and its result. */
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  /** Keys of the entries this run parsed and has not written yet. */
  private final Set<String> unwritten = ConcurrentHashMap.newKeySet();
  private final List<Path> packsRead = new ArrayList<>();
  private final AtomicLong temporaries = new AtomicLong();
  private volatile boolean loaded;

  private record Entry(byte[] bytes, PgQuery.Result result) {}

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

  /** What the parser makes of {@code sql}: from the cache when a trusted entry is there, else parsed (and written at {@link #flush}). */
  public PgQuery.Result parse(String sql) {
    if (!enabled) {
      misses.incrementAndGet();
      return PgQuery.parseWithAny(sql);
    }
    load();
    byte[] text = sql.getBytes(StandardCharsets.UTF_8);
    String key = key(text);
    Entry cached = entries.get(key);
    if (cached != null) {
      hits.incrementAndGet();
      return cached.result();
    }
    misses.incrementAndGet();
    PgQuery.Result parsed = PgQuery.parseWithAny(sql);
    if (entries.putIfAbsent(key, new Entry(encode(text, parsed), parsed)) == null) {
      unwritten.add(key);
    }
    return parsed;
  }

  /**
   * Writes what this run parsed as one new pack (and, past {@value #MAX_PACKS} packs, merges the
   * packs it read into it). Entries that cannot be written count as {@link #writeErrors}.
   */
  public synchronized void flush() {
    if (!enabled || unwritten.isEmpty()) {
      return;
    }
    boolean merge = packsRead.size() >= MAX_PACKS;
    List<String> keys = new ArrayList<>(merge ? entries.keySet() : unwritten);
    keys.sort(null);
    Path tmp = null;
    try {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(buf);
      out.write(PACK_MAGIC);
      for (String key : keys) {
        byte[] bytes = entries.get(key).bytes();
        out.writeInt(bytes.length);
        out.write(bytes);
      }
      out.flush();
      byte[] pack = buf.toByteArray();
      Files.createDirectories(directory);
      // a name no other writer uses (process, then a counter), created and written in one open,
      // readable by the owner only
      tmp = directory.resolve(".tmp-" + ProcessHandle.current().pid() + "-" + temporaries.incrementAndGet());
      try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(tmp, Set.of(StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE), OWNER_ONLY)) {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(pack);
        while (bytes.hasRemaining()) {
          ch.write(bytes);
        }
      }
      Path target = directory.resolve(packPrefix() + HexFormat.of().formatHex(sha256().digest(pack), 0, 16) + PACK_SUFFIX);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
      unwritten.clear();
      if (merge) {
        for (Path read : packsRead) {
          if (!read.equals(target)) {
            Files.deleteIfExists(read);
          }
        }
        packsRead.clear();
        packsRead.add(target);
      }
    } catch (IOException | UncheckedIOException | SecurityException | UnsupportedOperationException e) {
      writeErrors.addAndGet(unwritten.size());
      unwritten.clear();
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // left behind: a stray temporary file is never read as a pack
        }
      }
    }
  }

  /** The packs of this cache's folder (for tests). */
  List<Path> packs() throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (java.util.stream.Stream<Path> files = Files.list(directory)) {
      String prefix = packPrefix();
      return files.filter(p -> {
        String name = p.getFileName().toString();
        return name.startsWith(prefix) && name.endsWith(PACK_SUFFIX);
      }).sorted().toList();
    }
  }

  /** Packs are named after the build that wrote them, so a run never reads another build's packs. */
  private String packPrefix() {
    return HexFormat.of().formatHex(sha256().digest(parserId.getBytes(StandardCharsets.UTF_8)), 0, 8) + "-";
  }

  private void load() {
    if (loaded) {
      return;
    }
    synchronized (this) {
      if (loaded) {
        return;
      }
      try {
        for (Path pack : packs()) {
          byte[] all;
          try {
            all = Files.readAllBytes(pack);
          } catch (IOException | RuntimeException e) {
            continue; // unreadable: its statements are parsed again
          }
          packsRead.add(pack);
          readPack(all);
        }
      } catch (IOException | UncheckedIOException | SecurityException e) {
        // an unreadable folder: everything is parsed
      }
      loaded = true;
    }
  }

  private void readPack(byte[] all) {
    if (all.length < PACK_MAGIC.length || !Arrays.equals(all, 0, PACK_MAGIC.length, PACK_MAGIC, 0, PACK_MAGIC.length)) {
      return;
    }
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(all, PACK_MAGIC.length, all.length - PACK_MAGIC.length);
    while (in.remaining() >= 4) {
      int n = in.getInt();
      if (n < MAGIC.length + DIGEST || n > in.remaining()) {
        return; // truncated or damaged from here on
      }
      byte[] bytes = new byte[n];
      in.get(bytes);
      decode(bytes);
    }
  }

  /** Trusts an entry whose checksum and build id match, under the key of the text it holds. */
  private void decode(byte[] all) {
    int body = all.length - DIGEST;
    MessageDigest md = sha256();
    md.update(all, 0, body);
    if (!MessageDigest.isEqual(md.digest(), Arrays.copyOfRange(all, body, all.length))) {
      return;
    }
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(all, 0, body))) {
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC) || !in.readUTF().equals(parserId)) {
        return;
      }
      byte[] text = bytes(in);
      int kind = in.readByte();
      PgQuery.Result result;
      if (kind == 0) {
        result = new PgQuery.Result(new String(bytes(in), StandardCharsets.UTF_8), null, 0);
      } else if (kind == 1) {
        String error = new String(bytes(in), StandardCharsets.UTF_8);
        result = new PgQuery.Result(null, error, in.readInt());
      } else {
        return;
      }
      if (in.available() == 0) {
        entries.put(key(text), new Entry(all, result));
      }
    } catch (IOException | RuntimeException e) {
      // not an entry: its statement is parsed again
    }
  }

  private String key(byte[] text) {
    MessageDigest md = sha256();
    md.update(parserId.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
    md.update(text);
    return HexFormat.of().formatHex(md.digest());
  }

  private static byte[] bytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) {
      throw new EOFException();
    }
    return in.readNBytes(n);
  }

  private byte[] encode(byte[] text, PgQuery.Result result) {
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
      return buf.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
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
