package dev.strata.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An embedded PostgreSQL server (zonky's Linux x86-64 binaries, no Docker) started by this JVM on a
 * free port, with its data in a temporary directory or in a persistent one such as
 * {@code .strata/dev-db}.
 *
 * <p>Temporary servers are tuned for tests (no fsync, no synchronous commit, no full-page writes)
 * and leave nothing behind: {@link #close()} stops the server and deletes the data, and a JVM
 * shutdown hook does the same if nobody called it. Persistent servers keep their data and use
 * crash-safe settings. Running as root works through {@code unshare -U}; when that is impossible
 * the start fails with a message naming the cause.
 *
 * <p>{@link #shared()} is the one temporary server per JVM that tests, shadow databases and
 * commands share; it is started on first use and stopped when the JVM exits.
 */
public final class LocalPostgres implements PostgresServer, AutoCloseable {
  /** The empty database {@link #createDatabase(String)} copies (created on first use). */
  public static final String TEMPLATE_DATABASE = "strata_template";

  private static final String HOST = "127.0.0.1";
  private static final String USER = "postgres";
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(90);
  private static final int PORT_ATTEMPTS = 3;

  private static final Object SHARED_LOCK = new Object();
  private static LocalPostgres sharedInstance;
  private static EmbeddedPostgresException sharedFailure;

  private final EmbeddedPostgres server;
  private final int port;
  private final Path dataDirectory;
  private final Path logFile;
  private final boolean persistent;
  private final boolean shared;
  private final OptionalLong postmasterPid;
  private final Thread shutdownHook;
  private final Object lifecycleLock = new Object();
  private final Object templateLock = new Object();
  private boolean closed;
  private volatile boolean templateReady;
  private final CachedVersion versions = new CachedVersion(this);

  private LocalPostgres(EmbeddedPostgres server, int port, Path dataDirectory, Path logFile, boolean persistent,
      boolean shared) {
    this.server = server;
    this.port = port;
    this.dataDirectory = dataDirectory;
    this.logFile = logFile;
    this.persistent = persistent;
    this.shared = shared;
    this.postmasterPid = readPostmasterPid(dataDirectory);
    this.shutdownHook = new Thread(this::stop, "strata-postgres-" + port + "-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * The JVM-wide temporary server, started on the first call (thread-safe, at most once per JVM)
   * and stopped by a shutdown hook; its {@link #close()} does nothing, so that one user cannot
   * stop it under the others. A failed start is remembered and reported again on later calls.
   */
  public static LocalPostgres shared() {
    synchronized (SHARED_LOCK) {
      if (sharedInstance != null) {
        return sharedInstance;
      }
      if (sharedFailure != null) {
        throw new EmbeddedPostgresException(sharedFailure.getMessage(), sharedFailure);
      }
      try {
        sharedInstance = builder().startShared();
        return sharedInstance;
      } catch (EmbeddedPostgresException e) {
        sharedFailure = e;
        throw e;
      }
    }
  }

  /** Starts a new temporary server on a free port; the caller closes it. */
  public static LocalPostgres start() {
    return builder().start();
  }

  /** A builder for a server with a persistent data directory, a fixed port or extra settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** Options for starting a {@link LocalPostgres}; every option is optional. */
  public static final class Builder {
    private Optional<Path> dataDirectory = Optional.empty();
    private int port;
    private final Map<String, String> settings = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Keeps the data in {@code directory} (created and initialised on first start, reused
     * afterwards, never deleted), e.g. {@code .strata/dev-db} for {@code strata dev}.
     */
    public Builder dataDirectory(Path directory) {
      this.dataDirectory = Optional.of(directory.toAbsolutePath().normalize());
      return this;
    }

    /** Listens on {@code port}; 0 (the default) picks a free port. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new EmbeddedPostgresException("Port " + port + " is not a TCP port.");
      }
      this.port = port;
      return this;
    }

    /** Sets a server setting ({@code postgres -c name=value}), overriding Strata's defaults. */
    public Builder serverSetting(String name, String value) {
      settings.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Starts the server; throws {@link EmbeddedPostgresException} with the cause when it cannot. */
    public LocalPostgres start() {
      return launch(this, false);
    }

    private LocalPostgres startShared() {
      return launch(this, true);
    }
  }

  @Override
  public String host() {
    return HOST;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String user() {
    return USER;
  }

  @Override
  public String version() {
    return versions.text();
  }

  @Override
  public int majorVersion() {
    return versions.major();
  }

  /** Creates an empty database as a copy of {@link #TEMPLATE_DATABASE}. */
  @Override
  public void createDatabase(String name) {
    ensureTemplate();
    ServerOps.createDatabase(this, name, TEMPLATE_DATABASE);
  }

  /** The data directory (temporary unless {@link Builder#dataDirectory} was given). */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** The server's log (initdb, pg_ctl and PostgreSQL output); deleted with a temporary server. */
  public Path logFile() {
    return logFile;
  }

  /** Whether the data survives {@link #close()}. */
  public boolean isPersistent() {
    return persistent;
  }

  /** Whether the server process is still running. */
  public boolean isRunning() {
    synchronized (lifecycleLock) {
      if (closed) {
        return false;
      }
    }
    return postmasterPid.isEmpty()
        || ProcessHandle.of(postmasterPid.getAsLong()).map(LocalPostgres::isRunning).orElse(false);
  }

  /**
   * Stops the server and, unless it is persistent, deletes its data; idempotent. Does nothing on
   * the {@link #shared()} server, which stops when the JVM exits.
   */
  @Override
  public void close() {
    if (shared) {
      return;
    }
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook runs stop(), which is idempotent.
    }
  }

  @Override
  public String toString() {
    return "embedded PostgreSQL at " + HOST + ":" + port + " (" + dataDirectory + ")";
  }

  private void stop() {
    synchronized (lifecycleLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      server.close();
    } catch (IOException | RuntimeException e) {
      // Checked below: the process must be gone whatever pg_ctl reported.
    }
    // pg_ctl stop gives up after 5 s; on a loaded machine the postmaster can outlive it, and it must
    // never survive us, so end it by signal if needed.
    if (postmasterPid.isPresent()) {
      ProcessHandle.of(postmasterPid.getAsLong()).filter(LocalPostgres::isRunning).filter(LocalPostgres::isPostgres)
          .ifPresent(LocalPostgres::terminate);
    }
    if (!persistent) {
      FileTrees.deleteQuietly(dataDirectory);
      FileTrees.deleteQuietly(logFile);
    }
  }

  private void ensureTemplate() {
    if (templateReady) {
      return;
    }
    synchronized (templateLock) {
      if (templateReady) {
        return;
      }
      if (!databaseExists(TEMPLATE_DATABASE)) {
        ServerOps.createDatabase(this, TEMPLATE_DATABASE, "template0");
        // No connections: CREATE DATABASE ... TEMPLATE fails while anyone is connected to the source.
        ServerOps.execute(this, "ALTER DATABASE " + DatabaseNames.quote(TEMPLATE_DATABASE)
            + " WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
      }
      templateReady = true;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Starting

  private static LocalPostgres launch(Builder builder, boolean shared) {
    StartupCheck.requireRunnable();
    Path workingDirectory = workingDirectory();
    boolean persistent = builder.dataDirectory.isPresent();
    Path dataDirectory;
    Path logFile;
    try {
      Files.createDirectories(workingDirectory);
      if (persistent) {
        dataDirectory = builder.dataDirectory.get();
        Files.createDirectories(dataDirectory);
        logFile = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
        rotateLargeLog(logFile);
        stopOrphanedServer(dataDirectory);
      } else {
        // Temporary data lives directly under zonky's working directory so that zonky's stale-data
        // sweep stops the server of a JVM that was killed before its shutdown hook could run.
        sweepOrphanedLogs(workingDirectory);
        dataDirectory = Files.createTempDirectory(workingDirectory, "strata-");
        logFile = workingDirectory.resolve(dataDirectory.getFileName() + ".log");
      }
    } catch (IOException e) {
      throw new EmbeddedPostgresException("Could not prepare the embedded PostgreSQL directories: " + e.getMessage(), e);
    }

    Map<String, String> settings = new LinkedHashMap<>(persistent ? durableSettings() : testSettings());
    settings.putAll(builder.settings);
    InitdbCache cache = InitdbCache.forBinaries(workingDirectory);
    boolean seeded = !persistent && cache.seed(dataDirectory);

    EmbeddedPostgresException lastFailure = null;
    int attempts = builder.port == 0 ? PORT_ATTEMPTS : 1;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      int port = builder.port == 0 ? freePort() : builder.port;
      long logOffset = size(logFile);
      try {
        EmbeddedPostgres.Builder zonky = EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory.toFile())
            // We delete temporary data ourselves: cleaning here would force initdb on every start.
            .setCleanDataDirectory(false)
            .setPort(port)
            .setRegisterShutdownHook(false)
            .setPGStartupWait(STARTUP_WAIT)
            .setLocaleConfig("locale", "C")
            .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
            .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        if (!persistent && !seeded) {
          zonky.setDataDirectoryCustomizer(cache::store);
        }
        settings.forEach(zonky::setServerConfig);
        EmbeddedPostgres started = zonky.start();
        return new LocalPostgres(started, port, dataDirectory, logFile, persistent, shared);
      } catch (Exception e) {
        String newLog = readFrom(logFile, logOffset);
        lastFailure = startFailure(e, dataDirectory, logFile, newLog);
        boolean portTaken = newLog.contains("could not bind") || newLog.contains("Address already in use");
        if (!portTaken) {
          break;
        }
      }
    }
    if (!persistent) {
      FileTrees.deleteQuietly(dataDirectory);
      FileTrees.deleteQuietly(logFile);
    }
    throw lastFailure;
  }

  private static Map<String, String> testSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    // Throw-away data: durability buys nothing and costs most of the time of DDL-heavy tests.
    settings.put("fsync", "off");
    settings.put("synchronous_commit", "off");
    settings.put("full_page_writes", "off");
    settings.put("listen_addresses", HOST);
    settings.put("max_connections", "200");
    settings.put("timezone", "UTC");
    return settings;
  }

  private static Map<String, String> durableSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    // A developer's database should survive a crash: fsync back on (zonky passes -F, fsync off,
    // and -c options come after it). Losing the last commits is fine.
    settings.put("fsync", "on");
    settings.put("synchronous_commit", "off");
    // 'localhost' also binds ::1, since tools such as Node resolve localhost to IPv6 first.
    settings.put("listen_addresses", "localhost");
    settings.put("max_connections", "100");
    settings.put("timezone", "UTC");
    return settings;
  }

  private static EmbeddedPostgresException startFailure(Exception e, Path dataDirectory, Path logFile, String newLog) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (reason.startsWith("could not lock")) {
      return new EmbeddedPostgresException("The PostgreSQL data directory " + dataDirectory
          + " is in use by another process (is `strata dev` already running?).", e);
    }
    String tail = lastLines(newLog, 15);
    return new EmbeddedPostgresException("The embedded PostgreSQL did not start: " + reason
        + (tail.isEmpty() ? "" : "\nLast lines of " + logFile + ":\n" + tail), e);
  }

  /**
   * A server from an earlier run that was killed (kill -9, power loss of the JVM only) may still
   * run on a persistent directory; pg_ctl would then refuse to start. If no live process holds the
   * directory's lock, that server is an orphan and is stopped.
   */
  private static void stopOrphanedServer(Path dataDirectory) throws IOException {
    OptionalLong pid = readPostmasterPid(dataDirectory);
    if (pid.isEmpty()) {
      return;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid.getAsLong()).filter(LocalPostgres::isRunning)
        .filter(LocalPostgres::isPostgres);
    if (process.isEmpty()) {
      return;
    }
    try (FileChannel channel = FileChannel.open(dataDirectory.resolve("epg-lock"), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock()) {
      if (lock == null) {
        throw new EmbeddedPostgresException("The PostgreSQL data directory " + dataDirectory
            + " is in use by another process (is `strata dev` already running?).");
      }
      terminate(process.get());
    } catch (OverlappingFileLockException e) {
      throw new EmbeddedPostgresException("The PostgreSQL data directory " + dataDirectory
          + " is already in use by a server of this process.", e);
    }
  }

  private static boolean isPostgres(ProcessHandle process) {
    return process.info().command().map(c -> c.endsWith("/postgres") || c.endsWith("/postgres.exe")).orElse(false);
  }

  private static void terminate(ProcessHandle process) {
    // SIGTERM is PostgreSQL's "smart" shutdown; its clients are gone, so it ends at once.
    process.destroy();
    if (!awaitExit(process, Duration.ofSeconds(15))) {
      process.destroyForcibly();
      awaitExit(process, Duration.ofSeconds(5));
    }
  }

  /**
   * Waits until the process has ended. Not onExit(): for a process that is not our child it polls
   * isAlive(), which stays true for a zombie until init reaps it, and some container inits reap late.
   */
  private static boolean awaitExit(ProcessHandle process, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (isRunning(process)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return !isRunning(process);
      }
    }
    return true;
  }

  /** Alive and not a zombie (state Z or X in /proc/PID/stat). */
  static boolean isRunning(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"), StandardCharsets.UTF_8);
      // Format: pid (comm) state ...; comm may contain spaces and parentheses, so look after the last ')'.
      int close = stat.lastIndexOf(')');
      char state = close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
      return state != 'Z' && state != 'X';
    } catch (IOException | RuntimeException e) {
      return process.isAlive();
    }
  }

  /** A persistent server appends to its log on every start; keep one previous generation. */
  private static void rotateLargeLog(Path logFile) throws IOException {
    if (Files.isRegularFile(logFile) && Files.size(logFile) > 5L * 1024 * 1024) {
      Files.move(logFile, logFile.resolveSibling(logFile.getFileName() + ".old"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * zonky's sweep removes the data of killed JVMs but not our logs beside it; remove logs whose
   * data directory is gone (and that are old enough not to belong to a server now starting).
   */
  private static void sweepOrphanedLogs(Path workingDirectory) {
    long cutoff = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
    try (var entries = Files.newDirectoryStream(workingDirectory, "strata-*.log")) {
      for (Path log : entries) {
        String name = log.getFileName().toString();
        Path data = log.resolveSibling(name.substring(0, name.length() - ".log".length()));
        if (!Files.exists(data) && Files.getLastModifiedTime(log).toMillis() < cutoff) {
          Files.deleteIfExists(log);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Housekeeping only.
    }
  }

  static OptionalLong readPostmasterPid(Path dataDirectory) {
    try {
      List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
      if (!lines.isEmpty() && lines.get(0).trim().matches("[0-9]+")) {
        return OptionalLong.of(Long.parseLong(lines.get(0).trim()));
      }
    } catch (IOException | RuntimeException e) {
      // No pid file: the server is not running (or was never started).
    }
    return OptionalLong.empty();
  }

  /** zonky's working directory: unpacked binaries, and (here) temporary data directories. */
  static Path workingDirectory() {
    String fallback = new File(System.getProperty("java.io.tmpdir"), "embedded-pg").getPath();
    return Path.of(System.getProperty("ot.epg.working-dir", fallback)).toAbsolutePath();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free TCP port on " + HOST, e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static String readFrom(Path file, long offset) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      int from = (int) Math.min(Math.max(offset, 0), bytes.length);
      return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static String lastLines(String text, int count) {
    List<String> lines = text.strip().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
  }
}
