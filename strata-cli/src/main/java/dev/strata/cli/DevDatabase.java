package dev.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.PrismaConfigFile;
import dev.strata.config.ProjectConfig;
import dev.strata.config.ProjectOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Strata dev database of a project: a persistent embedded PostgreSQL that {@code strata dev}
 * keeps in {@code .strata/dev-db} and announces in {@code .strata/dev-db.json}, and the "embedded
 * default" through which dev-side commands ({@code db push}, {@code db pull}, {@code db execute},
 * {@code db seed}, {@code migrate dev | status | down | reset}) use it when no database URL is
 * configured.
 *
 * <p>The project root is the folder of the Prisma config file when there is one, else the working
 * directory. The state file is written once the server accepts connections and deleted when it
 * stops; deleting it is also how {@code strata dev --stop} asks a running {@code strata dev} to
 * stop (it works across processes and inside one JVM alike). A state file whose owner process is
 * gone, or whose port no longer answers, is stale and ignored. Production-side commands ({@code
 * migrate deploy}, {@code migrate resolve}) never use it: they take {@link #productionUrl}, which
 * only mentions a running dev database in its error.
 */
public final class DevDatabase {
  /** The data directory, relative to the project root. */
  public static final String DATA_DIRECTORY = ".strata/dev-db";
  /** The state file of a running {@code strata dev}, relative to the project root. */
  public static final String STATE_FILE = ".strata/dev-db.json";
  /** The database and user of the dev server's URL. */
  public static final String DATABASE = "postgres";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DevDatabase() {}

  /**
   * A running dev server as announced in the state file.
   *
   * @param port the TCP port on 127.0.0.1
   * @param pid the process running {@code strata dev} (it stops the server when it ends)
   * @param postmasterPid the PostgreSQL server process, when known (0 otherwise)
   * @param dataDirectory the data directory
   * @param startedAt when it started (ISO-8601)
   */
  public record State(int port, long pid, long postmasterPid, Path dataDirectory, String startedAt) {
    public State {
      Objects.requireNonNull(dataDirectory, "dataDirectory");
      Objects.requireNonNull(startedAt, "startedAt");
    }

    /** {@code postgresql://postgres@127.0.0.1:PORT/postgres}. */
    public String urlText() {
      return "postgresql://postgres@127.0.0.1:" + port + "/" + DATABASE;
    }

    public DatabaseUrl url() {
      return DatabaseUrl.parse(urlText());
    }
  }

  /**
   * The database a dev-side command resolved, and whether it is the dev server.
   *
   * @param note what to tell the user when the dev server was chosen for them
   */
  public record Resolved(DatabaseUrl url, boolean devServer, Optional<String> note) {
    public Resolved {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(note, "note");
    }
  }

  // ---------------------------------------------------------------------------------- the embedded default

  /**
   * The database URL for a dev-side command in the working directory: the configured one ({@code
   * DATABASE_URL}, {@code prisma.config.ts}, …), else the running dev server, whose use is announced
   * on standard error.
   *
   * @throws StrataException ({@link ErrorCode#CONFIG}) when neither exists, naming every place looked at
   */
  public static DatabaseUrl url(CliContext ctx) {
    return url(ctx, ProjectConfig.resolve(ProjectOptions.of(ctx.workingDir(), ctx.env())));
  }

  /** As {@link #url(CliContext)}, for a configuration the command resolved itself (with its flags). */
  public static DatabaseUrl url(CliContext ctx, ProjectConfig config) {
    Resolved resolved = resolve(config);
    resolved.note().ifPresent(note -> ctx.err().println(note));
    return resolved.url();
  }

  /** As {@link #url(CliContext, ProjectConfig)} without printing: the caller shows the note. */
  public static Resolved resolve(ProjectConfig config) {
    return find(config).orElseThrow(() -> noDatabase(config));
  }

  /** The configured URL, else the running dev server; empty when there is neither. */
  public static Optional<Resolved> find(ProjectConfig config) {
    if (config.url().isPresent()) {
      return Optional.of(new Resolved(config.databaseUrl(), false, Optional.empty()));
    }
    Path root = projectRoot(config);
    return running(root).map(state -> new Resolved(state.url(), true, Optional.of(
        "Using the Strata dev database at " + state.urlText() + " (no DATABASE_URL set)")));
  }

  /**
   * The database URL for a production-side command ({@code migrate deploy}, {@code migrate
   * resolve}): the configured one only. A running dev database is never used, but the error names
   * it, so that "why not?" has its answer.
   *
   * @throws StrataException ({@link ErrorCode#CONFIG}) when no URL is configured
   */
  public static DatabaseUrl productionUrl(ProjectConfig config) {
    if (config.url().isPresent()) {
      return config.databaseUrl();
    }
    Optional<State> dev = running(projectRoot(config));
    if (dev.isEmpty()) {
      return config.databaseUrl();
    }
    throw new StrataException(
        ErrorCode.CONFIG,
        "No database URL is configured. Looked at:\n  "
            + String.join("\n  ", config.urlLookup())
            + "\nA Strata dev database is running at " + dev.get().urlText() + ", but `migrate deploy` and `migrate resolve`"
            + " do not use it, on purpose: they are for production databases and take only an explicit URL."
            + "\nSet DATABASE_URL (in the environment or .env) or pass --url (--url " + dev.get().urlText()
            + " to use the dev database).");
  }

  private static StrataException noDatabase(ProjectConfig config) {
    Path root = projectRoot(config);
    return new StrataException(
        ErrorCode.CONFIG,
        "No database URL is configured, and no Strata dev database is running. Looked at:\n  "
            + String.join("\n  ", config.urlLookup())
            + "\n  the Strata dev database: " + root.resolve(STATE_FILE) + " does not name a running server"
            + "\nStart one with `strata dev` (in another terminal), or set DATABASE_URL (in the environment or .env) or pass --url.");
  }

  // ---------------------------------------------------------------------------------- state

  /** The folder the dev database belongs to: the config file's folder, else the working directory. */
  public static Path projectRoot(ProjectConfig config) {
    return config.configFile().map(PrismaConfigFile::directory).orElse(config.projectDir());
  }

  public static Path dataDirectory(Path projectRoot) {
    return projectRoot.resolve(DATA_DIRECTORY);
  }

  public static Path stateFile(Path projectRoot) {
    return projectRoot.resolve(STATE_FILE);
  }

  /** The running dev server of a project: the state file, if its process lives and its port answers. */
  public static Optional<State> running(Path projectRoot) {
    return read(projectRoot).filter(DevDatabase::alive);
  }

  /** The state file as written, whether or not the server still runs; empty when missing or unreadable. */
  public static Optional<State> read(Path projectRoot) {
    Path file = stateFile(projectRoot);
    try {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      JsonNode node = MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
      int port = node.path("port").asInt(0);
      long pid = node.path("pid").asLong(0);
      if (port <= 0 || port > 65535 || pid <= 0) {
        return Optional.empty();
      }
      return Optional.of(new State(port, pid, node.path("postmasterPid").asLong(0),
          Path.of(node.path("dataDirectory").asText(dataDirectory(projectRoot).toString())),
          node.path("startedAt").asText("")));
    } catch (IOException | RuntimeException e) {
      // A half-written or hand-edited file: treat as absent; `strata dev` writes a new one.
      return Optional.empty();
    }
  }

  /** Writes the state file atomically (readers never see half a file). */
  public static void write(Path projectRoot, State state) {
    Path file = stateFile(projectRoot);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("url", state.urlText());
    doc.put("port", state.port());
    doc.put("pid", state.pid());
    doc.put("postmasterPid", state.postmasterPid());
    doc.put("dataDirectory", state.dataDirectory().toString());
    doc.put("startedAt", state.startedAt().isEmpty() ? Instant.now().toString() : state.startedAt());
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), ".dev-db-", ".tmp");
      try {
        Files.writeString(tmp, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "Could not write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Deletes the state file (which also asks a running {@code strata dev} to stop). */
  public static void clear(Path projectRoot) {
    try {
      Files.deleteIfExists(stateFile(projectRoot));
    } catch (IOException e) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "Could not delete " + stateFile(projectRoot) + ": " + e.getMessage(), e);
    }
  }

  /** Whether the state's owner process lives and the port accepts connections. */
  public static boolean alive(State state) {
    boolean owner = ProcessHandle.of(state.pid()).map(ProcessHandle::isAlive).orElse(false);
    return owner && portAnswers(state.port());
  }

  static boolean portAnswers(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
