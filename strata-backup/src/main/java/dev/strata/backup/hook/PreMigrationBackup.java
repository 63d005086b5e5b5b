package dev.strata.backup.hook;

import dev.strata.DeployHook;
import dev.strata.ErrorCode;
import dev.strata.StrataConfig;
import dev.strata.StrataException;
import dev.strata.backup.BackupInfo;
import dev.strata.backup.BackupEnvironment;
import dev.strata.backup.BackupSettings;
import dev.strata.backup.Backups;
import dev.strata.backup.ObjectStorage;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.StrataToml;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tomlj.TomlParseResult;

/**
 * The backup before every deploy: a {@code pre-migration:<first pending migration>} backup, taken
 * when {@code STRATA_BACKUP_BEFORE_DEPLOY} says so ({@code true}/{@code false}; unset or {@code
 * auto}: on for a database that is not on this machine), into {@code STRATA_BACKUP_DIR} (default
 * {@code backups/} of the project). Both are read from the project's environment ({@code .env}
 * included), else from {@code strata.toml}'s {@code [backup]} table ({@code beforeDeploy = true |
 * false | "auto"}, {@code dir = "backups"}). A failed backup stops the deploy before anything is applied.
 */
public final class PreMigrationBackup implements DeployHook {
  static final String SETTING = "STRATA_BACKUP_BEFORE_DEPLOY";
  static final String DIRECTORY = "STRATA_BACKUP_DIR";
  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "::1");

  @Override
  public boolean wanted(StrataConfig config) {
    String setting = env(config, SETTING).or(() -> toml(config, "beforeDeploy")).orElse("auto").strip().toLowerCase(Locale.ROOT);
    return switch (setting) {
      case "true", "on", "1", "yes" -> true;
      case "false", "off", "0", "no" -> false;
      case "auto" -> config.url().map(u -> !isLocal(u)).orElse(false);
      default -> throw new StrataException(ErrorCode.CONFIG, SETTING + " (or beforeDeploy in strata.toml's [backup]) must be true, false"
          + " or auto, not \"" + setting + "\"; nothing was applied.");
    };
  }

  @Override
  public Optional<Outcome> beforeDeploy(StrataConfig config, List<String> pending) {
    if (!wanted(config)) {
      return Optional.empty();
    }
    if (config.url().isEmpty()) {
      throw new StrataException(ErrorCode.CONFIG, SETTING + " asks for a backup before deploying, which needs the database's URL"
          + " (pg_dump connects by itself); nothing was applied.");
    }
    Path base = config.project().map(p -> p.projectDir()).orElse(config.workingDirectory());
    Path folder = env(config, DIRECTORY).or(() -> toml(config, "dir")).map(base::resolve).orElse(base.resolve("backups"));
    BackupInfo taken;
    BackupSettings settings;
    try {
      // Object storage and encryption as `strata backup` reads them from the project's environment.
      settings = BackupEnvironment.apply(BackupSettings.defaults(folder), BackupEnvironment.Overrides.NONE, projectEnv(config), base);
      taken = Backups.of(config, settings, processEnv(config)).create("pre-migration:" + pending.get(0));
    } catch (StrataException e) {
      throw new StrataException(e.code(), "The backup before deploying failed, so nothing was applied (" + SETTING
          + "=false deploys without it): " + e.getMessage(), e);
    }
    // In object storage the command finds it through the same environment (STRATA_BACKUP_S3), keys included.
    String where = settings.objectStorage().map(ObjectStorage::location).orElse(folder.toString());
    String restore = "strata backup restore " + taken.id() + (settings.objectStorage().isPresent() ? "" : " --dir " + folder)
        + " --target-url " + config.url().get().masked() + " --force";
    return Optional.of(new Outcome("backup " + taken.id() + " (" + taken.label() + ") in " + where
        + (settings.encryption().isPresent() ? ", encrypted" : ""), Optional.of(restore)));
  }

  static boolean isLocal(DatabaseUrl url) {
    return url.socketDirectory().isPresent() || url.hosts().stream().allMatch(h -> isLoopback(h.name()));
  }

  /** localhost, the whole 127.0.0.0/8, and ::1 (bracketed or not, as a URL writes it). */
  private static boolean isLoopback(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    return LOCAL_HOSTS.contains(name) || name.equals("0:0:0:0:0:0:0:1") || name.matches("127(\\.\\d{1,3}){3}");
  }

  static Optional<String> env(StrataConfig config, String name) {
    return config.project().flatMap(p -> p.environment().get(name)).or(() -> Optional.ofNullable(System.getenv(name)))
        .filter(v -> !v.isBlank());
  }

  /** Where the project's settings live: {@code [backup]} in this file. */
  static final String TOML = StrataToml.FILE;

  /** {@code key} of strata.toml's {@code [backup]} table, as text (a boolean as {@code true}/{@code false}); empty when absent. */
  static Optional<String> toml(StrataConfig config, String key) {
    Optional<TomlParseResult> toml = StrataToml.read(config.project().map(p -> p.projectDir()).orElse(config.workingDirectory()));
    if (toml.isEmpty()) {
      return Optional.empty();
    }
    Object value = toml.get().get(List.of("backup", key));
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String) && !(value instanceof Boolean)) {
      throw new StrataException(ErrorCode.CONFIG, TOML + ": [backup] " + key + " must be "
          + (key.equals("dir") ? "a folder path" : "true, false or \"auto\"") + "; nothing was applied.");
    }
    return Optional.of(String.valueOf(value)).filter(v -> !v.isBlank());
  }

  /** The project's environment ({@code .env} files over the process's), or the process's without a project. */
  private static Map<String, String> projectEnv(StrataConfig config) {
    if (config.project().isEmpty()) {
      return System.getenv();
    }
    dev.strata.config.Environment env = config.project().get().environment();
    Map<String, String> out = new java.util.HashMap<>();
    env.names().forEach(n -> env.get(n).ifPresent(v -> out.put(n, v)));
    return out;
  }

  private static Map<String, String> processEnv(StrataConfig config) {
    return System.getenv();
  }
}
