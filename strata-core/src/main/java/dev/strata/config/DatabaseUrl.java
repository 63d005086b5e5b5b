package dev.strata.config;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed Prisma-style PostgreSQL connection URL ({@code postgresql://user:password@host:5432/db?schema=app}),
 * and the one place that turns it into a pgjdbc URL with Prisma's meaning.
 *
 * <p>Secrets never leave this class in text form: {@link #toString()} and {@link #masked()} print
 * {@code ****} for the password (and {@code sslpassword}), parse errors quote only the masked URL,
 * and {@link #toJdbcUrl()} carries no credentials ({@link #toJdbcProperties()} does).
 *
 * <p>Parameters, as Prisma reads them for PostgreSQL, and what {@link #toJdbcUrl()} makes of them:
 *
 * <ul>
 *   <li>{@code schema} (default {@code public}) → {@code currentSchema} (quoted when it is not a
 *       plain lower-case identifier, because the server folds unquoted {@code search_path} entries).
 *   <li>{@code sslmode} {@code disable|allow|prefer|require|verify-ca|verify-full} (node-postgres'
 *       {@code no-verify} reads as {@code require}) → {@code sslmode}. Prisma's {@code
 *       sslaccept=strict} turns {@code require} into {@code verify-full}; {@code
 *       accept_invalid_certs} (Prisma's default) keeps pgjdbc's non-validating {@code require}.
 *   <li>{@code sslcert} (in Prisma: the server's CA certificate) and {@code sslrootcert} → {@code
 *       sslrootcert}; {@code sslidentity} (a PKCS#12 client identity) → {@code sslkey}; {@code
 *       sslpassword} → a JDBC property, never the URL. Relative certificate paths are passed on as
 *       written (Prisma resolves them against the schema folder).
 *   <li>{@code connect_timeout} → {@code connectTimeout}, {@code socket_timeout} → {@code
 *       socketTimeout} (both seconds), {@code application_name} → {@code ApplicationName}, {@code
 *       options} → {@code options}, {@code target_session_attrs} → {@code targetServerType}.
 *   <li>{@code pgbouncer=true} means PgBouncer in transaction mode, where server-side prepared
 *       statements break; it becomes {@code prepareThreshold=0}.
 *   <li>Prisma-only settings ({@code connection_limit}, {@code pool_timeout}, {@code
 *       statement_cache_size}, {@code max_connection_lifetime}, …) and unknown parameters stay in
 *       {@link #params()} and are not passed to JDBC.
 *   <li>{@code host=/var/run/postgresql} selects a Unix socket directory: parsed and kept, but pgjdbc
 *       only speaks TCP, so {@link #toJdbcUrl()} refuses it with a clear message.
 * </ul>
 *
 * <p>A missing port is 5432, a missing host {@code localhost}, a missing database {@code postgres}
 * (Prisma's default). Several hosts ({@code h1:5432,h2:5433}) are kept in order.
 */
public record DatabaseUrl(
    String scheme,
    List<Host> hosts,
    Optional<String> socketDirectory,
    Optional<String> database,
    Optional<String> user,
    Optional<String> password,
    Map<String, String> params) {

  /** PostgreSQL's default port. */
  public static final int DEFAULT_PORT = 5432;

  /** The database Prisma connects to when the URL names none. */
  public static final String DEFAULT_DATABASE = "postgres";

  /** The schema Prisma uses when the URL has no {@code schema} parameter. */
  public static final String DEFAULT_SCHEMA = "public";

  /** What replaces a password in every printed form. */
  public static final String MASK = "****";

  private static final Set<String> SECRET_PARAMS = Set.of("password", "sslpassword");
  private static final Set<String> SSL_MODES =
      Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full", "no-verify");
  private static final Map<String, String> TARGET_SERVER_TYPES =
      Map.of(
          "any", "any",
          "read-write", "primary",
          "primary", "primary",
          "read-only", "secondary",
          "standby", "secondary",
          "prefer-standby", "preferSecondary");
  private static final Set<String> NON_NEGATIVE_INT_PARAMS =
      Set.of(
          "connect_timeout",
          "socket_timeout",
          "pool_timeout",
          "statement_cache_size",
          "max_connection_lifetime",
          "max_idle_connection_lifetime");
  private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");

  /** One server address of the URL; IPv6 addresses are held without brackets. */
  public record Host(String name, int port) {
    public Host {
      Objects.requireNonNull(name, "name");
    }

    /** The address as written in a URL: {@code [::1]:5432} or {@code db.example.com:5432}. */
    @Override
    public String toString() {
      return (name.indexOf(':') >= 0 ? "[" + name + "]" : name) + ":" + port;
    }
  }

  public DatabaseUrl {
    Objects.requireNonNull(scheme, "scheme");
    hosts = List.copyOf(hosts);
    if (hosts.isEmpty()) {
      hosts = List.of(new Host("localhost", DEFAULT_PORT));
    }
    Objects.requireNonNull(socketDirectory, "socketDirectory");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    // Insertion order is kept so that masked() prints the parameters as the user wrote them.
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /**
   * Parses a Prisma-style PostgreSQL URL.
   *
   * @throws StrataException with {@link ErrorCode#CONFIG} and a message that quotes only the masked
   *     URL, for anything that is not a usable PostgreSQL URL
   */
  public static DatabaseUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw configError("The database URL is empty.");
    }
    return new Parser(url.strip()).parse();
  }

  // ---------------------------------------------------------------------------------- accessors

  /** The first (usually the only) host name. */
  public String host() {
    return hosts.get(0).name();
  }

  /** The port of the first host. */
  public int port() {
    return hosts.get(0).port();
  }

  /** The PostgreSQL schema Prisma works in: the {@code schema} parameter, else {@code public}. */
  public String schema() {
    String schema = params.get("schema");
    return schema == null || schema.isEmpty() ? DEFAULT_SCHEMA : schema;
  }

  /** The database to connect to: the URL's, else Prisma's default {@code postgres}. */
  public String databaseOrDefault() {
    return database.filter(d -> !d.isEmpty()).orElse(DEFAULT_DATABASE);
  }

  /** A query parameter as written (decoded), if present. */
  public Optional<String> param(String name) {
    return Optional.ofNullable(params.get(name));
  }

  /** Whether {@code pgbouncer=true}: no server-side prepared statements may be used. */
  public boolean pgBouncer() {
    return "true".equalsIgnoreCase(params.getOrDefault("pgbouncer", ""));
  }

  // ---------------------------------------------------------------------------------- withers

  /** The same URL pointing at another database (for shadow and scratch databases). */
  public DatabaseUrl withDatabase(String name) {
    return new DatabaseUrl(scheme, hosts, socketDirectory, Optional.of(name), user, password, params);
  }

  /** The same URL working in another PostgreSQL schema. */
  public DatabaseUrl withSchema(String name) {
    Map<String, String> copy = new LinkedHashMap<>(params);
    copy.put("schema", name);
    return new DatabaseUrl(scheme, hosts, socketDirectory, database, user, password, copy);
  }

  // ---------------------------------------------------------------------------------- JDBC

  /**
   * The pgjdbc URL with Prisma's semantics (see the class comment); it never contains the user or
   * any password: pass {@link #toJdbcProperties()} alongside it.
   *
   * @throws StrataException ({@link ErrorCode#CONFIG}) for a Unix-socket URL, which pgjdbc cannot use
   */
  public String toJdbcUrl() {
    if (socketDirectory.isPresent()) {
      throw configError(
          "The database URL "
              + masked()
              + " connects through a Unix socket (host="
              + socketDirectory.get()
              + "), but the PostgreSQL JDBC driver connects over TCP only."
              + " Use a TCP host, e.g. postgresql://user@localhost:5432/db.");
    }
    StringBuilder url = new StringBuilder("jdbc:postgresql://");
    for (int i = 0; i < hosts.size(); i++) {
      if (i > 0) {
        url.append(',');
      }
      url.append(hosts.get(i));
    }
    url.append('/').append(encodePath(databaseOrDefault()));
    Map<String, String> jdbc = jdbcParameters();
    char separator = '?';
    for (Map.Entry<String, String> e : jdbc.entrySet()) {
      url.append(separator).append(e.getKey()).append('=').append(encodeQuery(e.getValue()));
      separator = '&';
    }
    return url.toString();
  }

  /** The credentials for {@link #toJdbcUrl()}: {@code user}, {@code password}, {@code sslpassword}. */
  public Properties toJdbcProperties() {
    Properties props = new Properties();
    user.ifPresent(u -> props.setProperty("user", u));
    password.ifPresent(p -> props.setProperty("password", p));
    param("sslpassword").ifPresent(p -> props.setProperty("sslpassword", p));
    return props;
  }

  private Map<String, String> jdbcParameters() {
    Map<String, String> out = new LinkedHashMap<>();
    String schema = schema();
    out.put("currentSchema", PLAIN_IDENTIFIER.matcher(schema).matches() ? schema : quoteIdentifier(schema));
    param("sslmode").map(m -> m.toLowerCase(Locale.ROOT)).ifPresent(mode -> {
      String jdbcMode = mode.equals("no-verify") ? "require" : mode;
      if (jdbcMode.equals("require") && "strict".equals(params.get("sslaccept"))) {
        jdbcMode = "verify-full";
      }
      out.put("sslmode", jdbcMode);
    });
    Optional<String> rootCert = param("sslrootcert").or(() -> param("sslcert"));
    rootCert.ifPresent(c -> out.put("sslrootcert", c));
    param("sslidentity").ifPresent(c -> out.put("sslkey", c));
    param("connect_timeout").ifPresent(v -> out.put("connectTimeout", v));
    param("socket_timeout").ifPresent(v -> out.put("socketTimeout", v));
    param("application_name").ifPresent(v -> out.put("ApplicationName", v));
    param("options").ifPresent(v -> out.put("options", v));
    param("target_session_attrs")
        .map(v -> TARGET_SERVER_TYPES.get(v.toLowerCase(Locale.ROOT)))
        .ifPresent(v -> out.put("targetServerType", v));
    if (pgBouncer()) {
      out.put("prepareThreshold", "0");
    }
    return out;
  }

  private static String quoteIdentifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  // ---------------------------------------------------------------------------------- printing

  /** The URL with the password (and {@code sslpassword}) replaced by {@code ****}. */
  public String masked() {
    StringBuilder out = new StringBuilder(scheme).append("://");
    if (user.isPresent() || password.isPresent()) {
      out.append(encodeUserInfo(user.orElse("")));
      if (password.isPresent()) {
        out.append(':').append(MASK);
      }
      out.append('@');
    }
    boolean implicitHost = socketDirectory.isPresent();
    if (!implicitHost) {
      for (int i = 0; i < hosts.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(hosts.get(i));
      }
    }
    database.ifPresent(d -> out.append('/').append(encodePath(d)));
    char separator = '?';
    for (Map.Entry<String, String> e : params.entrySet()) {
      String value = SECRET_PARAMS.contains(e.getKey()) ? MASK : encodeQuery(e.getValue());
      out.append(separator).append(encodeQuery(e.getKey())).append('=').append(value);
      separator = '&';
    }
    return out.toString();
  }

  /** Same as {@link #masked()}: a URL is never printed with its password. */
  @Override
  public String toString() {
    return masked();
  }

  /**
   * Masks credentials in arbitrary text (a driver's error message, a log line): every {@code
   * scheme://user:password@} gets {@code ****} for its password, and every {@code password=} or
   * {@code sslpassword=} parameter value is masked. It errs on the side of hiding too much: a
   * password with unencoded {@code @ / ? #} is still covered, because everything up to the last
   * {@code @} of the URL is treated as credentials.
   */
  public static String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text == null ? "" : text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    int n = text.length();
    while (i < n) {
      int schemeEnd = text.indexOf("://", i);
      if (schemeEnd < 0) {
        out.append(maskSecretParams(text.substring(i)));
        break;
      }
      int schemeStart = schemeEnd;
      while (schemeStart > i && isSchemeChar(text.charAt(schemeStart - 1))) {
        schemeStart--;
      }
      out.append(maskSecretParams(text.substring(i, schemeStart)));
      int tokenStart = schemeEnd + 3;
      int tokenEnd = tokenStart;
      while (tokenEnd < n && !isUrlTerminator(text.charAt(tokenEnd))) {
        tokenEnd++;
      }
      out.append(text, schemeStart, tokenStart);
      out.append(maskAuthority(text.substring(tokenStart, tokenEnd)));
      i = tokenEnd;
    }
    return out.toString();
  }

  /** The part after {@code scheme://}: masks between the first ':' and the last '@'. */
  private static String maskAuthority(String token) {
    // Password parameters first, so that an '@' inside one is not taken for the end of the user info.
    String paramsMasked = maskSecretParams(token);
    int at = paramsMasked.lastIndexOf('@');
    if (at < 0) {
      return paramsMasked;
    }
    String userInfo = paramsMasked.substring(0, at);
    int colon = userInfo.indexOf(':');
    return (colon < 0 ? userInfo : userInfo.substring(0, colon) + ":" + MASK) + paramsMasked.substring(at);
  }

  private static final Pattern SECRET_PARAM =
      Pattern.compile("(?i)((?:^|[?&;\\s,])(?:ssl)?password\\s*=\\s*)([^&\\s,;'\"]*)");

  private static String maskSecretParams(String text) {
    Matcher m = SECRET_PARAM.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    int last = 0;
    do {
      out.append(text, last, m.start(2)).append(MASK);
      last = m.end(2);
    } while (m.find());
    return out.append(text.substring(last)).toString();
  }

  private static boolean isSchemeChar(char c) {
    return Character.isLetterOrDigit(c) || c == '+' || c == '.' || c == '-';
  }

  private static boolean isUrlTerminator(char c) {
    return Character.isWhitespace(c) || c == '"' || c == '\'' || c == '`' || c == '<' || c == '>';
  }

  // ---------------------------------------------------------------------------------- encoding

  private static String encodeUserInfo(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String encodePath(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String encodeQuery(String s) {
    // Keep the characters that commonly appear in values readable (paths, options like -c a=b).
    return URLEncoder.encode(s, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("%2F", "/")
        .replace("%3A", ":")
        .replace("%2C", ",");
  }

  static StrataException configError(String message) {
    return new StrataException(ErrorCode.CONFIG, message);
  }

  // ---------------------------------------------------------------------------------- parser

  /** A hand-written parser: java.net.URI rejects multi-host authorities and throws unfriendly errors. */
  private static final class Parser {
    private final String raw;
    private final String masked;
    private final List<String> secrets;

    Parser(String raw) {
      this.raw = raw;
      this.masked = maskLoose(raw);
      this.secrets = secretsOf(raw);
    }

    DatabaseUrl parse() {
      Matcher schemeMatch = SCHEME.matcher(raw);
      if (!schemeMatch.find()) {
        throw configError(
            "The database URL must start with postgresql:// or postgres:// (got "
                + describeStart()
                + ").");
      }
      String scheme = schemeMatch.group(1).toLowerCase(Locale.ROOT);
      int afterScheme = schemeMatch.end();
      if (scheme.equals("prisma+postgres") || scheme.equals("prisma")) {
        throw configError(
            "The database URL "
                + masked
                + " is a Prisma Accelerate / Prisma Postgres URL ("
                + scheme
                + "://), which Strata does not support: it needs a direct connection."
                + " Use the direct PostgreSQL URL (postgresql://…) of the same database.");
      }
      if (scheme.equals("jdbc")) {
        throw configError(
            "The database URL "
                + masked
                + " is a JDBC URL; Strata expects a Prisma-style URL such as"
                + " postgresql://user:password@host:5432/db?schema=public.");
      }
      if (!scheme.equals("postgresql") && !scheme.equals("postgres")) {
        throw configError(
            "The database URL must start with postgresql:// or postgres:// (got "
                + scheme
                + "://…).");
      }
      if (!raw.startsWith("//", afterScheme)) {
        throw configError(
            "The database URL " + masked + " must start with " + scheme + "://, followed by the host.");
      }
      int start = afterScheme + 2;
      int hashAt = raw.indexOf('#', start);
      int end = hashAt < 0 ? raw.length() : hashAt;
      int authorityEnd = start;
      while (authorityEnd < end && raw.charAt(authorityEnd) != '/' && raw.charAt(authorityEnd) != '?') {
        authorityEnd++;
      }
      // A later '@' means the password (or user) contains an unencoded '/', '?' or '#'.
      boolean strayAt = raw.indexOf('@', authorityEnd) >= 0;

      String authority = raw.substring(start, authorityEnd);
      int at = authority.lastIndexOf('@');
      Optional<String> user = Optional.empty();
      Optional<String> password = Optional.empty();
      if (at >= 0) {
        String userInfo = authority.substring(0, at);
        int colon = userInfo.indexOf(':');
        String rawUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
        user = Optional.of(decodeOrFail(rawUser, "user name", false)).filter(u -> !u.isEmpty());
        if (colon >= 0) {
          password =
              Optional.of(decodeOrFail(userInfo.substring(colon + 1), "password", false))
                  .filter(p -> !p.isEmpty());
        }
      }
      String hostPart = authority.substring(at + 1);
      List<Host> hosts = parseHosts(hostPart, strayAt);

      Optional<String> database = Optional.empty();
      int queryStart = raw.indexOf('?', authorityEnd);
      if (queryStart < 0 || queryStart > end) {
        queryStart = end;
      }
      if (authorityEnd < queryStart && raw.charAt(authorityEnd) == '/') {
        String path = raw.substring(authorityEnd + 1, queryStart);
        if (path.indexOf('@') >= 0 || strayAt && path.indexOf('/') >= 0) {
          throw specialCharacters();
        }
        if (path.indexOf('/') >= 0) {
          throw configError(
              "The database URL "
                  + masked
                  + " has a path with more than one segment; the path is the database name"
                  + " (encode a '/' in it as %2F).");
        }
        if (!path.isEmpty()) {
          database = Optional.of(decodeOrFail(path, "database name", false));
        }
      }
      Map<String, String> params = new LinkedHashMap<>();
      if (queryStart < end) {
        String query = raw.substring(queryStart + 1, end);
        if (strayAt && query.indexOf('@') < 0) {
          throw specialCharacters();
        }
        for (String pair : query.split("&", -1)) {
          if (pair.isEmpty()) {
            continue;
          }
          int eq = pair.indexOf('=');
          String key = decodeOrFail(eq < 0 ? pair : pair.substring(0, eq), "parameter name", true);
          String value = eq < 0 ? "" : decodeOrFail(pair.substring(eq + 1), "value of " + key, true);
          params.remove(key); // last one wins, and moves to where it was last written
          params.put(key, value);
        }
      } else if (strayAt) {
        throw specialCharacters();
      }

      Optional<String> socketDirectory = Optional.empty();
      String hostParam = params.get("host");
      if (hostParam != null && !hostParam.isEmpty()) {
        if (hostParam.startsWith("/")) {
          socketDirectory = Optional.of(hostParam);
        } else {
          // libpq semantics: the host parameter overrides the host in the authority.
          hosts = List.of(new Host(hostParam, hosts.get(0).port()));
        }
      }
      if (user.isEmpty() && params.containsKey("user")) {
        user = Optional.of(params.get("user")).filter(u -> !u.isEmpty());
      }
      if (password.isEmpty() && params.containsKey("password")) {
        password = Optional.of(params.get("password")).filter(p -> !p.isEmpty());
      }
      validateParams(params);
      return new DatabaseUrl(scheme, hosts, socketDirectory, database, user, password, params);
    }

    private List<Host> parseHosts(String hostPart, boolean strayAt) {
      List<Host> hosts = new ArrayList<>();
      if (hostPart.isEmpty()) {
        return hosts;
      }
      for (String item : hostPart.split(",", -1)) {
        String name;
        String portText = null;
        if (item.startsWith("[")) {
          int close = item.indexOf(']');
          if (close < 0) {
            throw configError("The database URL " + masked + " has an IPv6 host without its closing ']'.");
          }
          name = item.substring(1, close);
          String after = item.substring(close + 1);
          if (!after.isEmpty()) {
            if (!after.startsWith(":")) {
              throw configError(
                  "The database URL " + masked + " has unexpected text after the IPv6 host [" + name + "].");
            }
            portText = after.substring(1);
          }
          if (name.isEmpty() || !name.matches("[0-9A-Fa-f:.%a-zA-Z]+")) {
            throw configError("The database URL " + masked + " has an invalid IPv6 host.");
          }
        } else {
          int colon = item.lastIndexOf(':');
          name = colon < 0 ? item : item.substring(0, colon);
          portText = colon < 0 ? null : item.substring(colon + 1);
          if (name.isEmpty()) {
            if (strayAt) {
              throw specialCharacters();
            }
            throw configError("The database URL " + masked + " has an empty host name.");
          }
          if (!name.matches("[A-Za-z0-9._~%-]+")) {
            if (strayAt || name.indexOf(':') >= 0) {
              throw specialCharacters();
            }
            throw configError(
                "The database URL " + masked + " has an invalid host name" + quoteIfVisible(name) + ".");
          }
          name = decodeOrFail(name, "host name", false);
        }
        int port = DEFAULT_PORT;
        if (portText != null && !portText.isEmpty()) {
          if (!portText.matches("[0-9]{1,5}") || Integer.parseInt(portText) < 1 || Integer.parseInt(portText) > 65535) {
            if (strayAt) {
              throw specialCharacters();
            }
            throw configError(
                "The database URL "
                    + masked
                    + " has an invalid port"
                    + quoteIfVisible(portText)
                    + ": it must be a number from 1 to 65535.");
          }
          port = Integer.parseInt(portText);
        }
        hosts.add(new Host(name, port));
      }
      return hosts;
    }

    private void validateParams(Map<String, String> params) {
      String sslmode = params.get("sslmode");
      if (sslmode != null && !SSL_MODES.contains(sslmode.toLowerCase(Locale.ROOT))) {
        throw configError(
            "The database URL "
                + masked
                + " has an unknown sslmode"
                + quoteIfVisible(sslmode)
                + "; use disable, prefer, require, verify-ca or verify-full.");
      }
      String sslaccept = params.get("sslaccept");
      if (sslaccept != null && !sslaccept.equals("strict") && !sslaccept.equals("accept_invalid_certs")) {
        throw configError(
            "The database URL "
                + masked
                + " has an unknown sslaccept"
                + quoteIfVisible(sslaccept)
                + "; use strict or accept_invalid_certs.");
      }
      for (String name : NON_NEGATIVE_INT_PARAMS) {
        String value = params.get(name);
        if (value != null && !value.matches("[0-9]{1,9}")) {
          throw configError(
              "The database URL "
                  + masked
                  + " sets "
                  + name
                  + quoteIfVisible(value)
                  + ": it must be a whole number of seconds (or a count) of 0 or more.");
        }
      }
      String limit = params.get("connection_limit");
      if (limit != null && (!limit.matches("[0-9]{1,9}") || Integer.parseInt(limit) < 1)) {
        throw configError(
            "The database URL " + masked + " sets connection_limit" + quoteIfVisible(limit) + ": it must be a number of 1 or more.");
      }
      String pgbouncer = params.get("pgbouncer");
      if (pgbouncer != null && !pgbouncer.equalsIgnoreCase("true") && !pgbouncer.equalsIgnoreCase("false")) {
        throw configError(
            "The database URL " + masked + " sets pgbouncer" + quoteIfVisible(pgbouncer) + ": it must be true or false.");
      }
      String tsa = params.get("target_session_attrs");
      if (tsa != null && !TARGET_SERVER_TYPES.containsKey(tsa.toLowerCase(Locale.ROOT))) {
        throw configError(
            "The database URL "
                + masked
                + " sets target_session_attrs"
                + quoteIfVisible(tsa)
                + "; use any, read-write, read-only, primary, standby or prefer-standby.");
      }
      String schema = params.get("schema");
      if (schema != null && schema.isEmpty()) {
        throw configError("The database URL " + masked + " has an empty schema parameter.");
      }
    }

    private StrataException specialCharacters() {
      return configError(
          "The database URL "
              + masked
              + " could not be read: its user name or password seems to contain characters that"
              + " must be percent-encoded (@ as %40, : as %3A, / as %2F, ? as %3F, # as %23).");
    }

    /** A fragment of the raw URL in quotes, or nothing when it may overlap the credentials. */
    private String quoteIfVisible(String fragment) {
      for (String secret : secrets) {
        if (!secret.isEmpty() && (secret.contains(fragment) || fragment.contains(secret))) {
          return "";
        }
      }
      return " \"" + fragment + "\"";
    }

    /** Everything mask() would hide: the text between the user's ':' and the last '@', and password params. */
    private static List<String> secretsOf(String raw) {
      List<String> secrets = new ArrayList<>();
      int sep = raw.indexOf("://");
      int start = sep < 0 ? 0 : sep + 3;
      int at = raw.lastIndexOf('@');
      if (at >= start) {
        int colon = raw.indexOf(':', start);
        if (colon >= 0 && colon < at) {
          secrets.add(raw.substring(colon + 1, at));
        }
      }
      Matcher m = SECRET_PARAM.matcher(raw);
      while (m.find()) {
        secrets.add(m.group(2));
      }
      return secrets;
    }

    private String describeStart() {
      int sep = raw.indexOf("://");
      if (sep > 0 && sep < 40) {
        return raw.substring(0, sep + 3) + "…";
      }
      // No scheme: show nothing that could be a credential.
      if (raw.indexOf('@') >= 0 || raw.indexOf(':') >= 0) {
        return "a value without a scheme";
      }
      return "\"" + (raw.length() > 30 ? raw.substring(0, 30) + "…" : raw) + "\"";
    }

    private String decodeOrFail(String s, String what, boolean plusIsSpace) {
      Optional<String> decoded = percentDecode(s, plusIsSpace);
      if (decoded.isEmpty()) {
        boolean secret = what.contains("password") || what.equals("user name");
        throw configError(
            "The database URL "
                + masked
                + " has an invalid percent-encoding in the "
                + what
                + (secret ? "" : quoteIfVisible(s))
                + " (a '%' must be followed by two hex digits; write a literal % as %25).");
      }
      return decoded.get();
    }
  }

  /** Masks a single configured value that should be a URL, even one without a scheme. */
  static String maskLoose(String raw) {
    if (raw == null) {
      return "";
    }
    if (raw.contains("://")) {
      return mask(raw);
    }
    return maskAuthority(raw);
  }

  /** Percent-decodes UTF-8; empty for a malformed escape or invalid UTF-8. */
  static Optional<String> percentDecode(String s, boolean plusIsSpace) {
    if (s.indexOf('%') < 0 && !(plusIsSpace && s.indexOf('+') >= 0)) {
      return Optional.of(s);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          return Optional.empty();
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return Optional.empty();
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        bytes.write(' ');
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          encoded = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.write(encoded, 0, encoded.length);
      }
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray()))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
