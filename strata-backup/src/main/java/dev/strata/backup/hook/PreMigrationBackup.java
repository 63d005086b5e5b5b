package dev.strata.backup.hook;

import dev.strata.DeployHook;
import dev.strata.ErrorCode;
import dev.strata.StrataConfig;
import dev.strata.StrataException;
import dev.strata.backup.BackupInfo;
import dev.strata.backup.BackupSettings;
import dev.strata.backup.Backups;
import dev.strata.config.DatabaseUrl;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The backup before every deploy: a {@code pre-migration:<first pending migration>} backup, taken
 * when {@code STRATA_BACKUP_BEFORE_DEPLOY} says so ({@code true}/{@code false}; unset or {@code
 * auto}: on for a database that is not on this machine), into {@code STRATA_BACKUP_DIR} (default
 * {@code backups/} of the project). Both are read from the project's environment ({@code .env}
 * included). A failed backup stops the deploy before anything is applied.
 */
public final class PreMigrationBackup implements DeployHook {
  static final String SETTING = "STRATA_BACKUP_BEFORE_DEPLOY";
  static final String DIRECTORY = "STRATA_BACKUP_DIR";
  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "::1");

  @Override
  public boolean wanted(StrataConfig config) {
    String setting = env(config, SETTING).orElse("auto").strip().toLowerCase(Locale.ROOT);
    return switch (setting) {
      case "true", "on", "1", "yes" -> true;
      case "false", "off", "0", "no" -> false;
      case "auto" -> config.url().map(u -> !isLocal(u)).orElse(false);
      default -> throw new StrataException(ErrorCode.CONFIG, SETTING + " must be true, false or auto, not \"" + setting + "\"; nothing was applied.");
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
    Path folder = env(config, DIRECTORY).map(base::resolve).orElse(base.resolve("backups"));
    BackupInfo taken;
    try {
      taken = Backups.of(config, BackupSettings.defaults(folder), processEnv(config)).create("pre-migration:" + pending.get(0));
    } catch (StrataException e) {
      throw new StrataException(e.code(), "The backup before deploying failed, so nothing was applied (" + SETTING
          + "=false deploys without it): " + e.getMessage(), e);
    }
    String restore = "strata backup restore " + taken.id() + " --dir " + folder + " --target-url " + config.url().get().masked() + " --force";
    return Optional.of(new Outcome("backup " + taken.id() + " (" + taken.label() + ") in " + folder, Optional.of(restore)));
  }

  static boolean isLocal(DatabaseUrl url) {
    return url.socketDirectory().isPresent() || url.hosts().stream().allMatch(h -> LOCAL_HOSTS.contains(h.name().toLowerCase(Locale.ROOT)));
  }

  static Optional<String> env(StrataConfig config, String name) {
    return config.project().flatMap(p -> p.environment().get(name)).or(() -> Optional.ofNullable(System.getenv(name)))
        .filter(v -> !v.isBlank());
  }

  private static Map<String, String> processEnv(StrataConfig config) {
    return System.getenv();
  }
}
