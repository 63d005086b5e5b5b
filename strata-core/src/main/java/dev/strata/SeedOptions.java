package dev.strata;

import java.io.Writer;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether and how the seed runs after a reset ({@link Strata#reset(ResetPreview, Consent,
 * SeedOptions)}, {@link Strata#migrateDev(DevRequest, DevConsole, SeedOptions)}), as {@code db
 * seed} with no arguments: the configured seed command, else {@code seed.sql} beside the schema;
 * nothing when the project has neither.
 *
 * @param skip do not seed ({@code --skip-seed})
 * @param environment the variables the seed command gets
 * @param databaseUrl its {@code DATABASE_URL} (never masked); empty: the project's configured URL
 * @param inheritInput whether the command reads this process's standard input (else /dev/null)
 * @param out where the command's standard output goes, as it comes
 * @param err where its standard error goes
 */
public record SeedOptions(
    boolean skip, Map<String, String> environment, Optional<String> databaseUrl, boolean inheritInput, Writer out, Writer err) {
  public SeedOptions {
    environment = Map.copyOf(environment);
    Objects.requireNonNull(databaseUrl, "databaseUrl");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
  }

  /** No seed. */
  public static SeedOptions none() {
    Writer discard = Writer.nullWriter();
    return new SeedOptions(true, Map.of(), Optional.empty(), false, discard, discard);
  }

  /** Seed, the command's output to these writers, with this process's environment and the configured URL. */
  public static SeedOptions to(Writer out, Writer err) {
    return new SeedOptions(false, System.getenv(), Optional.empty(), false, out, err);
  }

  public SeedOptions withEnvironment(Map<String, String> value) {
    return new SeedOptions(skip, value, databaseUrl, inheritInput, out, err);
  }

  public SeedOptions withDatabaseUrl(Optional<String> value) {
    return new SeedOptions(skip, environment, value, inheritInput, out, err);
  }

  public SeedOptions withInheritInput(boolean value) {
    return new SeedOptions(skip, environment, databaseUrl, value, out, err);
  }
}
