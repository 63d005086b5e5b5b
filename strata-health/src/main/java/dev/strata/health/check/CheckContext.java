package dev.strata.health.check;

import dev.strata.Strata;
import dev.strata.health.config.HealthSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** What a check runs with: the connection, its thresholds, the role's powers and the project. */
public final class CheckContext {
  private final Connection connection;
  private final HealthSettings settings;
  private final Optional<Strata> strata;
  private final Path projectDir;
  private final Map<String, Boolean> roles;
  private Check check;

  public CheckContext(Connection connection, HealthSettings settings, Optional<Strata> strata, Path projectDir, Map<String, Boolean> roles) {
    this.connection = connection;
    this.settings = settings;
    this.strata = strata;
    this.projectDir = projectDir;
    this.roles = Map.copyOf(roles);
  }

  CheckContext on(Check value) {
    this.check = value;
    return this;
  }

  /** The threshold {@code key} of the running check: from {@code strata.toml}, else the check's default. */
  public double threshold(String key) {
    Double fallback = check.defaults().get(key);
    return settings.threshold(check.id(), key).or(() -> Optional.ofNullable(fallback))
        .orElseThrow(() -> new IllegalStateException(check.id() + " has no threshold " + key));
  }

  /** Runs {@code sql} with {@code params} bound to its {@code ?}s. */
  public Rows query(String sql, Object... params) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        return Rows.read(rs);
      }
    }
  }

  /** Whether the role is a superuser or a member of the predefined role {@code role}. */
  public boolean hasRole(String role) {
    return roles.getOrDefault("superuser", false) || roles.getOrDefault(role, false);
  }

  public Connection connection() {
    return connection;
  }

  public HealthSettings settings() {
    return settings;
  }

  /** The Strata the report runs for, when it has a project (migration state). */
  public Optional<Strata> strata() {
    return strata;
  }

  public Path projectDir() {
    return projectDir;
  }

  public Instant now() {
    return Instant.now();
  }
}
