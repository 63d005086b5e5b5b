package dev.strata.backup.run;

import dev.strata.ByteSizes;
import dev.strata.ErrorCode;
import dev.strata.StrataEvent;
import dev.strata.StrataException;
import dev.strata.StrataListener;
import dev.strata.backup.BackupFormat;
import dev.strata.backup.BackupSettings;
import dev.strata.backup.crypto.OpenPgp;
import dev.strata.backup.dump.ClientProcess;
import dev.strata.backup.dump.CopyProgress;
import dev.strata.backup.dump.Libpq;
import dev.strata.backup.dump.PgClient;
import dev.strata.backup.dump.TableStats;
import dev.strata.backup.manifest.Manifest;
import dev.strata.backup.manifest.ManifestIo;
import dev.strata.backup.manifest.Permissions;
import dev.strata.backup.storage.LocalStore;
import dev.strata.backup.storage.S3Store;
import dev.strata.config.DatabaseUrl;
import dev.strata.migrate.run.AdvisoryLock;
import dev.strata.postgres.PgIdentifiers;
import dev.strata.postgres.exec.PgConnections;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.util.function.Supplier;
import java.security.MessageDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/** Taking a backup: the lock, the exported snapshot, pg_dump and the table statistics in it, the manifest. */
public final class Dumps {
  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private Dumps() {}

  /** The server's version: {@code server_version_num} and {@code server_version}. */
  record Server(int versionNum, String version) {
    int major() {
      return PgClient.majorOf(versionNum);
    }
  }

  static Server server(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT current_setting('server_version_num')::int, current_setting('server_version')")) {
      row.next();
      return new Server(row.getInt(1), row.getString(2));
    }
  }

  /** A new backup id: the UTC time and 4 random hex digits ({@code 20261207-035512-3f2a}). */
  static String newId(Instant at) {
    byte[] random = new byte[2];
    RANDOM.nextBytes(random);
    return ID_TIME.format(at) + "-" + HexFormat.of().formatHex(random);
  }

  /**
   * Dumps {@code url}'s database into a new backup of {@code store}.
   *
   * @param migrationsSchema where {@code _prisma_migrations} lives, for the migration head
   * @param lockTimeout how long to wait for a running migration's advisory lock
   */
  public static Manifest create(DatabaseUrl url, String migrationsSchema, String label, BackupSettings settings, LocalStore store,
      Duration lockTimeout, StrataListener listener, Map<String, String> env) {
    return create(url, migrationsSchema, label, settings, store, Optional.empty(), lockTimeout, listener, env);
  }

  /**
   * Dumps {@code url}'s database straight into object storage when {@code remote} is given: a
   * custom-format dump is pg_dump's standard output streamed into a multipart upload (encrypted on
   * the way when the settings say so) and hashed on the way, with no local file; an unencrypted
   * directory-format dump is written in {@code store}'s staging folder, each table's file uploaded
   * and deleted as soon as pg_dump finished it. The manifest is uploaded last; a run that fails
   * deletes what it uploaded. Locally, an encrypted custom-format dump is encrypted on its way from
   * pg_dump too: no clear copy is written.
   */
  public static Manifest create(DatabaseUrl url, String migrationsSchema, String label, BackupSettings settings, LocalStore store,
      Optional<S3Store> remote, Duration lockTimeout, StrataListener listener, Map<String, String> env) {
    if (remote.isPresent() && settings.encryption().isPresent() && settings.format() == BackupFormat.DIRECTORY) {
      throw new StrataException(ErrorCode.INTERNAL, "an encrypted directory-format backup is encrypted locally before its upload");
    }
    // Before the lock and the snapshot: keys that cannot encrypt stop the run before it starts.
    Optional<OpenPgp.Sealing> sealing = settings.encryption().map(OpenPgp::sealing);
    Instant started = Instant.now();
    long startedNanos = System.nanoTime();
    String id = newId(started);
    try (Connection main = PgConnections.open(url)) {
      Server server = server(main);
      PgClient client = PgClient.choose(server.major(), settings.pgBin(), env);
      AdvisoryLock.acquire(main, lockTimeout,
          () -> emit(listener, "lock", "a migration is running on " + url.masked() + "; waiting up to " + lockTimeout.toSeconds() + " s for it to finish"));
      try {
        main.setAutoCommit(false);
        main.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        main.setReadOnly(true);
        String snapshot;
        try (Statement statement = main.createStatement(); ResultSet row = statement.executeQuery("SELECT pg_export_snapshot()")) {
          row.next();
          snapshot = row.getString(1);
        }
        emit(listener, "start", id + " of " + url.masked() + " (PostgreSQL " + server.version() + ", pg_dump " + client.version() + ", snapshot " + snapshot + ")");
        Path partial = store.startPartial(id);
        try {
          Manifest manifest = dumpInSnapshot(url, main, migrationsSchema, label, settings, sealing, remote, listener, id, started, startedNanos,
              server, client, snapshot, partial);
          if (remote.isPresent()) {
            // The backup is complete in the bucket: a leftover empty staging folder must not undo it.
            store.deleteQuietly(partial);
          } else {
            store.complete(partial, id);
          }
          emit(listener, "done", id + " (" + ByteSizes.human(manifest.sizeBytes()) + ", " + manifest.tables().size() + " tables)");
          return manifest;
        } catch (RuntimeException | Error e) {
          store.deleteQuietly(partial);
          remote.ifPresent(r -> r.deleteQuietly(id));
          throw e;
        }
      } finally {
        try {
          main.rollback();
        } catch (SQLException ignored) {
          // Closing the session ends the transaction and frees the lock anyway.
        }
      }
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "The backup failed: " + DatabaseUrl.mask(String.valueOf(e.getMessage())), e);
    }
  }

  /** What the manifest says of the database, read in the snapshot's own transaction while pg_dump runs. */
  private record Catalog(long databaseSize, String head, List<TableStats.Estimate> tables) {
    static Catalog read(Connection main, String migrationsSchema) {
      try (Statement statement = main.createStatement()) {
        long size;
        try (ResultSet row = statement.executeQuery("SELECT pg_database_size(current_database())")) {
          row.next();
          size = row.getLong(1);
        }
        String head = migrationHead(statement, migrationsSchema);
        return new Catalog(size, head, TableStats.estimates(main));
      } catch (SQLException e) {
        throw new StrataException(ErrorCode.DATABASE, "The backup failed: " + DatabaseUrl.mask(String.valueOf(e.getMessage())), e);
      }
    }
  }

  /**
   * Runs pg_dump in {@code snapshot}; meanwhile, on other threads, the catalogue (size, migration
   * head, tables) is read on {@code main} and, with hashing on, every table counted and hashed.
   * With {@code --no-hash} nothing scans a table: the manifest records estimates and says so.
   */
  private static Manifest dumpInSnapshot(DatabaseUrl url, Connection main, String migrationsSchema, String label, BackupSettings settings,
      Optional<OpenPgp.Sealing> sealing, Optional<S3Store> remote, StrataListener listener, String id, Instant started, long startedNanos,
      Server server, PgClient client, String snapshot, Path partial) {
    ExecutorService side = Executors.newFixedThreadPool(2, daemon("strata-backup-side"));
    // Uploads of finished tables run beside pg_dump's jobs; hashing alone keeps up on one thread.
    ExecutorService hasher = remote.isPresent() ? Executors.newFixedThreadPool(Math.max(1, settings.jobs()), daemon("strata-backup-upload"))
        : Executors.newSingleThreadExecutor(daemon("strata-backup-sha256"));
    try {
      return dumpInSnapshot(url, main, migrationsSchema, label, settings, sealing, remote, listener, id, started, startedNanos, server, client,
          snapshot, partial, side, hasher);
    } finally {
      side.shutdownNow();
      hasher.shutdownNow();
      if (remote.isPresent()) {
        // A failed run deletes what it uploaded: no upload may still be under way then.
        try {
          hasher.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  private static Manifest dumpInSnapshot(DatabaseUrl url, Connection main, String migrationsSchema, String label, BackupSettings settings,
      Optional<OpenPgp.Sealing> sealing, Optional<S3Store> remote, StrataListener listener, String id, Instant started, long startedNanos,
      Server server, PgClient client, String snapshot, Path partial, ExecutorService side, ExecutorService hasher) {
    Progress progress = new Progress(listener, 0, settings.format() == BackupFormat.DIRECTORY ? settings.jobs() : 1, "dumped");
    CompletableFuture<Catalog> catalog = CompletableFuture.supplyAsync(() -> {
      Catalog read = Catalog.read(main, migrationsSchema);
      progress.sizes(read.tables().stream().collect(java.util.stream.Collectors.toMap(TableStats.Estimate::qualified,
          t -> new Progress.Weight(t.bytes(), t.rows().orElse(0L)), (a, b) -> a, java.util.LinkedHashMap::new)));
      return read;
    }, side);
    CompletableFuture<List<TableStats.Table>> stats = settings.hash()
        ? CompletableFuture.supplyAsync(() -> TableStats.read(url, Optional.of(snapshot), true, settings.jobs(), settings.lockWaitTimeout()), side)
        : CompletableFuture.completedFuture(List.of());
    String dataName = settings.format() == BackupFormat.DIRECTORY ? "data" : "data.dump";
    // A custom-format archive is one stream: into object storage, or through the encryption, with no clear file.
    boolean toStdout = settings.format() == BackupFormat.CUSTOM && (remote.isPresent() || sealing.isPresent());
    List<String> command = new ArrayList<>(List.of(client.pgDump().toString(), "--verbose", "--no-password",
        "--format=" + (settings.format() == BackupFormat.DIRECTORY ? "directory" : "custom"), "--snapshot=" + snapshot));
    if (!toStdout) {
      command.add("--file=" + partial.resolve(dataName));
    }
    if (settings.format() == BackupFormat.DIRECTORY) {
      command.add("--jobs=" + settings.jobs());
    }
    settings.compression().ifPresent(level -> command.add("--compress=" + level));
    settings.lockWaitTimeout().ifPresent(t -> command.add("--lock-wait-timeout=" + t.toMillis()));
    // Directory format: each table's file is hashed (encrypted on the way, and with object storage
    // uploaded, the clear or local file then deleted) as soon as pg_dump says it is finished,
    // beside the dump, rather than all of them in a second pass afterwards.
    Checksums early = settings.format() == BackupFormat.DIRECTORY
        ? new Checksums(partial, partial.resolve(dataName), hasher, remote.map(r -> new Upload(r, id)), sealing) : null;
    if (early != null && sealing.isPresent()) {
      emit(listener, "encrypt", id + " (" + sealing.get() + "), each file as pg_dump finishes it");
    }
    java.util.concurrent.atomic.AtomicReference<Manifest.FileEntry> streamed = new java.util.concurrent.atomic.AtomicReference<>();
    String streamedName = sealing.isPresent() ? dataName + OpenPgp.SUFFIX : dataName;
    ClientProcess.Output output = !toStdout ? null : (stdout, finish) -> {
      String how = sealing.map(s -> ", encrypted on the way (" + s + ")").orElse("");
      if (remote.isPresent()) {
        emit(listener, "upload", id + " to " + remote.get().describe(id) + " (streamed from pg_dump" + how + ")");
      } else {
        emit(listener, "encrypt", id + " (streamed from pg_dump" + how + ")");
      }
      streamed.set(streamArchive(stdout, finish, remote, id, partial, streamedName, sealing));
    };
    ClientProcess.Outcome outcome;
    try (CopyProgress copying = CopyProgress.watch(url, 1000, progress::copied)) {
      outcome = ClientProcess.run(command, Libpq.env(url, url.databaseOrDefault()), line -> {
        int at = line.indexOf("dumping contents of table ");
        if (at >= 0) {
          progress.table(line.substring(at + "dumping contents of table ".length()).replace("\"", ""));
        }
        progress.line(line);
        if (early != null) {
          early.finished(line);
        }
      }, null, output);
    }
    List<TableStats.Table> tables;
    Catalog read;
    try {
      read = catalog.join();
      tables = stats.join();
    } catch (CompletionException e) {
      if (!outcome.ok()) {
        throw pgDumpFailed(outcome);
      }
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    if (!outcome.ok()) {
      throw pgDumpFailed(outcome);
    }
    progress.finished();
    try {
      if (toStdout) {
        dataName = streamedName;
      }
      Permissions.privateTree(partial);
      if (remote.isPresent() && !toStdout) {
        if (early != null) {
          early.awaitEarly();
        }
        emit(listener, "upload", id + " to " + remote.get().describe(id) + " (the table of contents and what was not uploaded yet)");
      }
      List<Manifest.FileEntry> files = toStdout ? List.of(streamed.get())
          : early != null ? early.all() : checksums(partial, partial.resolve(dataName));
      long size = files.stream().mapToLong(Manifest.FileEntry::size).sum();
      Instant finished = Instant.now();
      DatabaseUrl.Host host = url.hosts().get(0);
      Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, id, label,
          new Manifest.Source(url.socketDirectory().orElse(host.name()), host.port(), url.databaseOrDefault(), url.user().orElse(null),
              server.version(), server.versionNum()),
          new Manifest.Dump(client.version(), settings.format().name().toLowerCase(), settings.compression().orElse(null),
              settings.format() == BackupFormat.DIRECTORY ? settings.jobs() : 1, snapshot, dataName),
          started.toString(), finished.toString(), Duration.ofNanos(System.nanoTime() - startedNanos).toMillis(), size, read.databaseSize(),
          read.head(), settings.hash(), settings.hash()
              ? tables.stream().map(t -> new Manifest.TableEntry(t.schema(), t.name(), t.rows(), t.hash().orElse(null), null,
                  progress.bytes(t.schema() + "." + t.name()))).toList()
              : read.tables().stream().map(t -> new Manifest.TableEntry(t.schema(), t.name(), null, null, t.rows().orElse(null), t.bytes())).toList(),
          files, null, sealing.map(OpenPgp.Sealing::method).orElse(null), settings.hash() ? Manifest.PROOF_HASHES : Manifest.PROOF_NONE,
          sealing.map(s -> s.recipients().stream().map(r -> new Manifest.Recipient(r.fingerprint(), r.keyId(), r.userId().orElse(null)))
              .toList()).orElse(null));
      if (remote.isPresent()) {
        remote.get().writeManifest(id, manifest);
      } else {
        ManifestIo.write(partial, manifest);
      }
      return manifest;
    } catch (IOException e) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "Could not finish the backup in " + partial + ": " + e.getMessage()
          + " Nothing of it is kept.", e);
    }
  }

  /**
   * pg_dump's archive from its standard output into {@code name}: uploaded to {@code remote}, else
   * written in {@code partial}; encrypted on the way with {@code sealing}, and hashed as stored. Once
   * the output ended, pg_dump's outcome decides: a failed dump is never committed.
   */
  private static Manifest.FileEntry streamArchive(InputStream stdout, Supplier<ClientProcess.Outcome> finish, Optional<S3Store> remote,
      String id, Path partial, String name, Optional<OpenPgp.Sealing> sealing) throws IOException {
    MessageDigest digest = sha256();
    long size;
    if (remote.isPresent()) {
      try (S3Store.Upload upload = remote.get().openUpload(id, name)) {
        writeArchive(stdout, new DigestOutputStream(upload, digest), sealing);
        succeeded(finish);
        size = upload.commit();
      }
    } else {
      Path file = partial.resolve(name);
      try (OutputStream out = Files.newOutputStream(file)) {
        writeArchive(stdout, new DigestOutputStream(out, digest), sealing);
      }
      succeeded(finish);
      size = Files.size(file);
    }
    return new Manifest.FileEntry(name, size, HexFormat.of().formatHex(digest.digest()));
  }

  /** Copies the archive into {@code out}, through the encryption when there is one; leaves {@code out} open. */
  private static void writeArchive(InputStream archive, OutputStream out, Optional<OpenPgp.Sealing> sealing) throws IOException {
    if (sealing.isEmpty()) {
      archive.transferTo(out);
      return;
    }
    try (OutputStream encrypted = OpenPgp.encrypting(out, "data.dump", sealing.get())) {
      archive.transferTo(encrypted);
    }
  }

  private static void succeeded(Supplier<ClientProcess.Outcome> finish) {
    ClientProcess.Outcome ended = finish.get();
    if (!ended.ok()) {
      throw pgDumpFailed(ended);
    }
  }

  private static StrataException pgDumpFailed(ClientProcess.Outcome outcome) {
    // pg_dump's --lock-wait-timeout is a statement timeout on its LOCK TABLE: say what it means
    String why = outcome.errors().contains("statement timeout") && outcome.errors().contains("LOCK TABLE")
        ? " (another session held a lock on a table longer than --lock-wait-timeout allows)" : "";
    return new StrataException(ErrorCode.DATABASE, "pg_dump failed (exit code " + outcome.exitCode() + ")" + why
        + "; nothing of the backup is kept:\n" + outcome.errors());
  }

  /**
   * The checksums of a directory-format dump taken while pg_dump writes it: on its {@code finished
   * item N …} line (verbose, parallel mode) the files {@code N.dat*} are complete and are hashed on
   * {@code pool}; {@link #all()} hashes what is left (the table of contents, and every file of a
   * non-parallel dump) and any file whose size changed since.
   */
  static final class Checksums {
    private static final java.util.regex.Pattern FINISHED = java.util.regex.Pattern.compile("finished item (\\d+) ");
    private final Path folder;
    private final Path data;
    private final ExecutorService pool;
    private final Optional<Upload> upload;
    private final Optional<OpenPgp.Sealing> sealing;
    private final Map<Path, CompletableFuture<Manifest.FileEntry>> hashed = new java.util.concurrent.ConcurrentHashMap<>();

    Checksums(Path folder, Path data, ExecutorService pool) {
      this(folder, data, pool, Optional.empty(), Optional.empty());
    }

    /**
     * With {@code upload}, each file is hashed while it is uploaded, then deleted here; with {@code
     * sealing}, each is encrypted ({@code X} → {@code X.pgp}) on its way, and the clear file deleted
     * as soon as it is done: the hash is of what is stored.
     */
    Checksums(Path folder, Path data, ExecutorService pool, Optional<Upload> upload, Optional<OpenPgp.Sealing> sealing) {
      this.folder = folder;
      this.data = data;
      this.pool = pool;
      this.upload = upload;
      this.sealing = sealing;
    }

    /** Whether a file, once done, is gone from the folder (uploaded, or replaced by its encrypted copy). */
    private boolean transforms() {
      return upload.isPresent() || sealing.isPresent();
    }

    void finished(String line) {
      java.util.regex.Matcher m = FINISHED.matcher(line);
      if (!m.find()) {
        return;
      }
      String prefix = m.group(1) + ".dat";
      try (Stream<Path> files = Files.list(data)) {
        files.filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isRegularFile(p))
            .forEach(p -> hashed.computeIfAbsent(p, f -> CompletableFuture.supplyAsync(() -> entry(f), pool)));
      } catch (IOException | RuntimeException e) {
        // Hashed in the final pass instead.
      }
    }

    /** Waits for the files hashed (and uploaded) early; those that failed are done again by {@link #all()}. */
    Map<Path, Manifest.FileEntry> awaitEarly() {
      Map<Path, Manifest.FileEntry> early = new java.util.HashMap<>();
      hashed.forEach((p, future) -> {
        try {
          early.put(p, future.join());
        } catch (CompletionException e) {
          // Done again in all(): the file is still there (it is deleted only once uploaded).
        }
      });
      return early;
    }

    /**
     * Every file's entry, sorted by path: the early ones (waited for first, so that no file is
     * still being uploaded), and what is left in the folder, hashed (and uploaded) now.
     */
    List<Manifest.FileEntry> all() throws IOException {
      Map<Path, Manifest.FileEntry> early = awaitEarly();
      List<Path> paths;
      try (Stream<Path> walk = Files.walk(data)) {
        paths = walk.filter(Files::isRegularFile).sorted().toList();
      }
      Map<String, Manifest.FileEntry> files = new java.util.TreeMap<>();
      if (transforms()) {
        early.forEach((p, entry) -> {
          if (!Files.exists(p)) {
            files.put(entry.path(), entry);
          }
        });
      }
      for (Path p : paths) {
        if (files.containsKey(relative(p))) {
          continue; // the encrypted copy of a file done early
        }
        Manifest.FileEntry before = early.get(p);
        Manifest.FileEntry entry = !transforms() && before != null && before.size() == Files.size(p) ? before : entry(p);
        files.put(entry.path(), entry);
      }
      return List.copyOf(files.values());
    }

    private String relative(Path p) {
      return folder.relativize(p).toString().replace('\\', '/');
    }

    private Manifest.FileEntry entry(Path p) {
      try {
        if (!transforms()) {
          return fileEntry(folder, p);
        }
        String path = relative(p) + (sealing.isPresent() ? OpenPgp.SUFFIX : "");
        MessageDigest digest = sha256();
        long size;
        if (upload.isPresent()) {
          try (S3Store.Upload out = upload.get().store().openUpload(upload.get().id(), path)) {
            copy(p, new DigestOutputStream(out, digest));
            size = out.commit();
          }
        } else {
          Path sealed = p.resolveSibling(p.getFileName() + OpenPgp.SUFFIX);
          try (OutputStream out = new DigestOutputStream(Files.newOutputStream(sealed), digest)) {
            copy(p, out);
          }
          size = Files.size(sealed);
        }
        Files.delete(p);
        return new Manifest.FileEntry(path, size, HexFormat.of().formatHex(digest.digest()));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    /** {@code p}'s bytes into {@code out} (left open), encrypted on the way when sealing. */
    private void copy(Path p, OutputStream out) throws IOException {
      try (InputStream in = Files.newInputStream(p)) {
        if (sealing.isEmpty()) {
          in.transferTo(out);
        } else {
          try (OutputStream encrypted = OpenPgp.encrypting(out, p.getFileName().toString(), sealing.get())) {
            in.transferTo(encrypted);
          }
        }
      }
    }
  }

  /** Where a backup's files go as they are finished: backup {@code id} in object storage. */
  record Upload(S3Store store, String id) {}

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Manifest.FileEntry fileEntry(Path folder, Path p) throws IOException {
    return new Manifest.FileEntry(folder.relativize(p).toString().replace('\\', '/'), Files.size(p), ManifestIo.sha256(p));
  }

  /** Every file under {@code data}, relative to {@code folder}, with its size and SHA-256. */
  static List<Manifest.FileEntry> checksums(Path folder, Path data) throws IOException {
    List<Manifest.FileEntry> files = new ArrayList<>();
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(data)) {
      paths = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path p : paths) {
      files.add(fileEntry(folder, p));
    }
    return files;
  }

  static String migrationHead(Statement statement, String schema) throws SQLException {
    String table = PgIdentifiers.quote(schema) + "." + PgIdentifiers.quote("_prisma_migrations");
    try (ResultSet exists = statement.executeQuery("SELECT to_regclass('" + table.replace("'", "''") + "') IS NOT NULL")) {
      exists.next();
      if (!exists.getBoolean(1)) {
        return null;
      }
    }
    try (ResultSet row = statement.executeQuery("SELECT migration_name FROM " + table
        + " WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY finished_at DESC, migration_name DESC LIMIT 1")) {
      return row.next() ? row.getString(1) : null;
    }
  }

  /**
   * Per-table progress of a dump or a restore, from the client's {@code --verbose} lines: {@code
   * [3/12] public.orders · 41.0 MiB of 120.0 MiB (34%) · ~4 s left}, with a {@link
   * StrataEvent.BackupProgress.Transfer} for a bar. With parallel jobs the client says when each
   * table's data is finished ({@code finished item N TABLE DATA name}); with one job it does not,
   * and a table is finished when the next one begins. Within a table, the rows copied so far
   * ({@link #copied}, from {@code pg_stat_progress_copy}) over its rows count its bytes in part, so
   * a long table moves the bar while it is copied. The time left is the pace so far over what
   * remains, by bytes when the tables' sizes are known, else by tables.
   */
  static final class Progress {
    private static final java.util.regex.Pattern FINISHED = java.util.regex.Pattern.compile("finished item \\d+ TABLE DATA (.+)$");
    private final StrataListener listener;
    private final boolean parallel;
    private final String done;
    private final long started = System.nanoTime();
    private volatile Map<String, Weight> sizes = Map.of();
    private volatile int total;
    private long bytesTotal;
    private int begun;
    private int finished;
    private long bytesFinished;
    private final Map<String, Weight> inFlight = new java.util.LinkedHashMap<>();
    private Map<String, Long> copied = Map.of();
    private long lastPercent = -1;
    private String current = "";

    /** A table's size on disk and its rows (0 when unknown), what its part of the progress weighs. */
    record Weight(long bytes, long rows) {
      static final Weight NONE = new Weight(0, 0);
    }

    /**
     * {@code total} tables, sizes unknown (until {@link #sizes}); {@code jobs} the client's; {@code
     * done} names the last step ({@code dumped}, {@code restored}).
     */
    Progress(StrataListener listener, int total, int jobs, String done) {
      this.listener = listener;
      this.total = total;
      this.parallel = jobs > 1;
      this.done = done;
    }

    /** The tables (as {@code schema.name}) with their sizes and rows, once known: the total and the weights. */
    synchronized void sizes(Map<String, Weight> weights) {
      sizes = Map.copyOf(weights);
      total = weights.size();
      bytesTotal = weights.values().stream().mapToLong(Weight::bytes).sum();
    }

    /** The size of {@code qualified} as {@link #sizes} gave it, or null. */
    Long bytes(String qualified) {
      Weight w = sizes.get(qualified);
      return w == null ? null : w.bytes();
    }

    /**
     * The rows copied so far of the tables being copied ({@code schema.name} → rows); reported as
     * a {@code progress} step when the part done has grown by a percent.
     */
    synchronized void copied(Map<String, Long> rowsByTable) {
      copied = Map.copyOf(rowsByTable);
      if (bytesTotal > 0 && !inFlight.isEmpty() && Math.round(fraction() * 100) > lastPercent) {
        report("progress", current);
      }
    }

    private double fraction() {
      return bytesTotal == 0 ? 0 : Math.min(1, (double) bytesDone() / bytesTotal);
    }

    /** The bytes of the finished tables, and of the ones in flight the part their rows copied say. */
    private long bytesDone() {
      long partial = 0;
      for (var table : inFlight.entrySet()) {
        Long rows = copied.get(table.getKey());
        if (rows != null && table.getValue().rows() > 0) {
          partial += Math.round(table.getValue().bytes() * Math.min(1, (double) rows / table.getValue().rows()));
        }
      }
      return bytesFinished + partial;
    }

    /** A line of the client's {@code --verbose} output that may say a table's data is finished. */
    synchronized void line(String line) {
      java.util.regex.Matcher m = FINISHED.matcher(line);
      if (!parallel || !m.find()) {
        return;
      }
      String tag = m.group(1);
      for (var table : inFlight.entrySet()) {
        if (table.getKey().endsWith("." + tag)) {
          inFlight.remove(table.getKey());
          finish(table.getValue().bytes());
          report("table", table.getKey());
          return;
        }
      }
    }

    /** {@code qualified}'s data begins (with one job, the one before it is finished). */
    synchronized void table(String qualified) {
      begun++;
      if (!parallel) {
        inFlight.values().forEach(w -> finish(w.bytes()));
        inFlight.clear();
      }
      inFlight.put(qualified, sizes.getOrDefault(qualified, Weight.NONE));
      current = qualified;
      report("table", qualified);
    }

    private void finish(long bytes) {
      finished++;
      bytesFinished += bytes;
    }

    private void report(String step, String qualified) {
      long elapsed = System.nanoTime() - started;
      long bytesDone = bytesDone();
      Optional<Duration> left = Optional.empty();
      if (bytesTotal > 0 && bytesDone > 0 && bytesDone < bytesTotal) {
        left = Optional.of(Duration.ofNanos(Math.round(elapsed * (double) (bytesTotal - bytesDone) / bytesDone)));
      } else if (bytesTotal == 0 && finished > 0 && total > finished) {
        left = Optional.of(Duration.ofNanos(Math.round(elapsed * (double) (total - finished) / finished)));
      }
      StrataEvent.BackupProgress.Transfer transfer =
          new StrataEvent.BackupProgress.Transfer(finished, Math.max(total, begun), bytesDone, bytesTotal, left);
      lastPercent = Math.round(transfer.fraction() * 100);
      StringBuilder detail = new StringBuilder();
      if (total > 0) {
        detail.append('[').append(Math.min(begun, total)).append('/').append(total).append("] ");
      }
      detail.append(qualified);
      if (bytesTotal > 0) {
        detail.append(" · ").append(ByteSizes.human(bytesDone)).append(" of ").append(ByteSizes.human(bytesTotal))
            .append(" (").append(Math.round(transfer.fraction() * 100)).append("%)");
      }
      left.ifPresent(d -> detail.append(" · ~").append(Math.max(1, Math.round(d.toMillis() / 1000.0))).append(" s left"));
      emit(listener, new StrataEvent.BackupProgress(step, detail.toString(), Optional.of(transfer)));
    }

    /** The client ended well: every table is finished. */
    synchronized void finished() {
      double seconds = (System.nanoTime() - started) / 1e9;
      emit(listener, new StrataEvent.BackupProgress(done, begun + (begun == 1 ? " table" : " tables")
          + (bytesTotal > 0 ? ", " + ByteSizes.human(bytesTotal) : "") + String.format(java.util.Locale.ROOT, " in %.1f s", seconds)));
    }
  }

  static void emit(StrataListener listener, String step, String detail) {
    emit(listener, new StrataEvent.BackupProgress(step, detail));
  }

  private static void emit(StrataListener listener, StrataEvent.BackupProgress event) {
    try {
      listener.on(event);
    } catch (RuntimeException ignored) {
      // A broken listener cannot stop a backup.
    }
  }
}
