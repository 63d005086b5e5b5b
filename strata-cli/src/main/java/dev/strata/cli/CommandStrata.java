package dev.strata.cli;

import dev.strata.Strata;
import dev.strata.StrataConfig;
import dev.strata.StrataListener;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.ProjectConfig;
import java.util.Optional;

/**
 * The {@link Strata} a command drives: the project configuration its flags resolved, the database
 * it chose (the dev database or the production URL, see {@link DevDatabase}), the CLI's shadow
 * databases (the embedded PostgreSQL, or {@code --shadow-database-url}) and a listener that
 * renders progress. Commands call operations on it and render the results; they never open
 * connections or run SQL themselves.
 */
public final class CommandStrata {
  private CommandStrata() {}

  /** For a command that works on {@code url}. */
  public static Strata of(ProjectConfig project, DatabaseUrl url, StrataListener listener) {
    return of(project, Optional.of(url), listener);
  }

  /**
   * For a command that needs no database ({@code validate}, {@code format}, {@code config}, a diff
   * between files): the project's URLs are not parsed (a malformed {@code DATABASE_URL} does not
   * stop {@code validate}), and the shadow database is only resolved if an operation asks for one.
   */
  public static Strata offline(ProjectConfig project, StrataListener listener) {
    return Strata.of(Strata.configure().project(project).listener(listener).withoutDatabase()
        .shadowDatabases(() -> Shadows.of(project.shadowDatabaseUrl()).open()).build());
  }

  private static Strata of(ProjectConfig project, Optional<DatabaseUrl> url, StrataListener listener) {
    StrataConfig.Builder builder = Strata.configure().project(project).listener(listener)
        .shadowDatabases(Shadows.of(project.shadowDatabaseUrl()));
    url.ifPresent(builder::url);
    return Strata.of(builder.build());
  }
}
