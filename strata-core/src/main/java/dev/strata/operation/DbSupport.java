package dev.strata.operation;

import dev.strata.ErrorCode;
import dev.strata.InvalidSchemaException;
import dev.strata.StrataConfig;
import dev.strata.StrataEvent;
import dev.strata.StrataException;
import dev.strata.config.ProjectConfig;
import dev.strata.config.SchemaLocation;
import dev.strata.config.SchemaLocator;
import dev.strata.config.SchemaSources;
import dev.strata.diag.Diagnostic;
import dev.strata.postgres.exec.PgConnections;
import dev.strata.prisma.PrismaFrontEnd;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** What the {@code db} operations share: the configured database and schema, and reporting. */
final class DbSupport {
  private DbSupport() {}

  /** Hands an event to the listener; a listener's exception never interrupts the operation. */
  static void emit(StrataConfig config, StrataEvent event) {
    try {
      config.listener().on(event);
    } catch (RuntimeException e) {
      // Reporting must not change what the operation does.
    }
  }

  /** The database as a message names it: the masked URL, or the data source's class. */
  static String database(StrataConfig config) {
    return config.dataSource().map(d -> "the data source " + d.getClass().getSimpleName())
        .or(() -> config.url().map(u -> u.masked()))
        .orElse("(no database)");
  }

  /** A connection to the configured database (the data source's, or a new one to the URL). */
  static Connection connection(StrataConfig config) {
    if (config.dataSource().isPresent()) {
      try {
        return config.dataSource().get().getConnection();
      } catch (SQLException e) {
        throw new StrataException(ErrorCode.DATABASE, "Could not get a connection from the data source: " + e.getMessage(), e);
      }
    }
    return PgConnections.open(config.url().orElseThrow(() -> new StrataException(ErrorCode.CONFIG,
        "No database is configured: call dataSource(…) or url(\"postgresql://…\") on the builder.")));
  }

  /** Closing a connection failed. */
  static StrataException closing(StrataConfig config, SQLException e) {
    return new StrataException(ErrorCode.DATABASE, "Closing the connection to " + database(config) + " failed: " + e.getMessage(), e);
  }

  /** The configured schema's location, or empty when none is configured. */
  static Optional<SchemaLocation> schemaLocation(StrataConfig config) {
    Optional<ProjectConfig> project = config.project();
    if (project.isPresent() && project.get().schema().isPresent()
        && config.schema().map(p -> p.equals(project.get().schema().get().path())).orElse(true)) {
      return project.get().schema();
    }
    return config.schema().map(p -> SchemaLocator.explicit(config.workingDirectory(), p.toString()));
  }

  /** Reads the configured schema's files. */
  static SchemaSources readSchema(StrataConfig config) {
    Optional<ProjectConfig> project = config.project();
    if (project.isPresent() && (config.schema().isEmpty()
        || project.get().schema().map(s -> s.path().equals(config.schema().get())).orElse(false))) {
      return project.get().readSchema(); // the project's own errors (the places looked at) when it has none
    }
    SchemaLocation location = schemaLocation(config).orElseThrow(() -> new StrataException(ErrorCode.CONFIG,
        "No Prisma schema is configured: call schema(Path) or project(Path) on the builder."));
    return SchemaLocator.read(config.workingDirectory(), location);
  }

  /**
   * The configured schema, checked with Prisma's rules.
   *
   * @throws InvalidSchemaException with its diagnostics when it has errors
   */
  static PrismaFrontEnd.Checked checkedSchema(StrataConfig config, SchemaSources sources) {
    PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(sources.sources());
    if (checked.hasErrors()) {
      Path location = sources.location().path();
      List<String> first = checked.diagnostics().stream().filter(Diagnostic::isError).limit(5).map(Diagnostic::message).toList();
      throw new InvalidSchemaException(ErrorCode.INVALID_INPUT, location.toString(), "The schema at " + location + " is invalid ("
          + dev.strata.diag.Plural.of(checked.errorCount(), "error") + "):\n  " + String.join("\n  ", first), checked.diagnostics());
    }
    return checked;
  }
}
