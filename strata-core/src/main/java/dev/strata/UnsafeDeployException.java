package dev.strata;

import java.util.List;
import java.util.Objects;

/**
 * A guarded deploy refused before applying anything: its preflight linted the pending migrations
 * and found error-level findings, and {@link DeploySettings#allowUnsafe()} was not set. Its
 * {@link #preflight()} holds the lint; {@link ErrorCode#CHECK_FAILED} (exit code 3, as {@code
 * strata migrate lint} on an error).
 */
public final class UnsafeDeployException extends StrataException {
  private static final long serialVersionUID = 1L;
  private final transient DeployPreflight preflight;

  public UnsafeDeployException(DeployPreflight preflight) {
    super(ErrorCode.CHECK_FAILED, message(Objects.requireNonNull(preflight, "preflight").lintErrors()));
    this.preflight = preflight;
  }

  /** The preflight that refused, with every pending migration's lint. */
  public DeployPreflight preflight() {
    return preflight;
  }

  private static String message(List<LintFinding> errors) {
    StringBuilder text = new StringBuilder("The deploy was refused before applying anything: the pending migrations have ")
        .append(dev.strata.diag.Plural.of(errors.size(), "error-level lint finding")).append(':');
    for (LintFinding f : errors) {
      text.append("\n  ").append(f.location()).append(' ').append(f.code()).append(' ').append(f.message());
    }
    return text.append("\nFix the migration, silence a finding with `-- strata-lint-ignore LNxxx: reason` above its statement"
        + " (or [lint] in strata.toml), or deploy anyway with --allow-unsafe (DeploySettings.withAllowUnsafe(true)).").toString();
  }
}
