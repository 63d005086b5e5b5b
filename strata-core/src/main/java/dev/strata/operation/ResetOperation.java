package dev.strata.operation;

import dev.strata.Cancellation;
import dev.strata.Consent;
import dev.strata.ErrorCode;
import dev.strata.ResetPreview;
import dev.strata.ResetResult;
import dev.strata.StrataConfig;
import dev.strata.StrataEvent;
import dev.strata.SeedOptions;
import dev.strata.StrataException;
import dev.strata.TableRows;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.ProjectConfig;
import dev.strata.migrate.MigrateCodes;
import dev.strata.migrate.MigrationRunner;
import dev.strata.migrate.MigrationsDirectory;
import dev.strata.migrate.dev.DatabaseReset;
import dev.strata.migrate.run.DeployListener;
import dev.strata.migrate.run.DeployResult;
import dev.strata.migrate.run.Interruption;
import dev.strata.postgres.exec.PgConnections;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.prisma.lower.PrismaLowering;
import dev.strata.schema.DatabaseSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code migrate reset}, in two phases: {@link #preview()} lists what is dropped (tables with their
 * row counts); {@link #reset} drops the project's schemas and the history, then applies every
 * migration again — only with {@link Consent#dropData()} and only if the preview still holds.
 */
public final class ResetOperation {
  private final StrataConfig config;

  public ResetOperation(StrataConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public ResetPreview preview() {
    DatabaseUrl url = DevOperation.url(config, "migrate reset");
    List<String> schemas = schemas(url);
    MigrationsDirectory directory = directory();
    try (Connection connection = PgConnections.open(url)) {
      List<TableRows> dropped = DatabaseReset.contents(connection, schemas);
      return new ResetPreview(url.masked(), url.schema(), schemas, dropped,
          directory.folders().stream().map(f -> f.name()).toList());
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Closing the connection to " + url.masked() + " failed: " + e.getMessage(), e);
    }
  }

  public ResetResult reset(ResetPreview preview, Consent consent, SeedOptions seed, Cancellation cancellation) {
    Objects.requireNonNull(preview, "preview");
    Objects.requireNonNull(consent, "consent");
    if (!consent.dropData()) {
      throw new StrataException(ErrorCode.INVALID_INPUT, "The reset drops every table of " + String.join(", ", preview.schemas())
          + " (" + preview.dropped().size() + " table" + (preview.dropped().size() == 1 ? "" : "s")
          + "); nothing was dropped: the reset needs the consent to drop data (Consent.reset()).");
    }
    DatabaseUrl url = DevOperation.url(config, "migrate reset");
    List<String> schemas = schemas(url);
    MigrationsDirectory directory = directory();
    try (Connection connection = PgConnections.open(url)) {
      List<TableRows> dropped = DatabaseReset.contents(connection, schemas);
      ResetPreview now = new ResetPreview(url.masked(), url.schema(), schemas, dropped,
          directory.folders().stream().map(f -> f.name()).toList());
      if (!now.equals(preview)) {
        throw new StrataException(ErrorCode.INVALID_INPUT,
            "The database or the migrations changed since the reset was previewed; nothing was dropped: preview it again.");
      }
      DatabaseReset.reset(connection, schemas, url.schema());
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "Closing the connection to " + url.masked() + " failed: " + e.getMessage(), e);
    }
    emit(new StrataEvent.DatabaseWasReset(preview.database(), preview.schemas()));
    DeployResult result = MigrationRunner.of(url, directory).withListener(new DeployListener() {
      @Override
      public void applying(String name) {
        emit(new StrataEvent.Applying(name));
      }
    }).withCancellation(cancellation).deploy();
    if (result.interrupted()) {
      throw Interruption.of("migrate reset", result);
    }
    if (result.failure().isPresent()) {
      throw new StrataException(ErrorCode.DATABASE, "P3018: A migration failed to apply.\n\n" + result.failure().get().message(),
          result.failure().get().details("P3018"));
    }
    List<String> applied = result.applied().stream().map(m -> m.name()).toList();
    return new ResetResult(preview.dropped(), applied, new SeedOperation(config).afterReset(seed));
  }

  /** The migrations, refused before anything is dropped when the deploy after the reset would refuse a file. */
  private MigrationsDirectory directory() {
    MigrationsDirectory directory = MigrationsDirectory.read(DevOperation.migrations(config));
    List<String> notUtf8 = directory.allProblems().stream()
        .filter(d -> d.isError() && d.code().equals(MigrateCodes.NOT_UTF8)).map(d -> d.message()).toList();
    if (!notUtf8.isEmpty()) {
      throw new StrataException(ErrorCode.INVALID_INPUT, "Nothing was reset: the migrations could not be applied again:\n- "
          + String.join("\n- ", notUtf8));
    }
    return directory;
  }

  /** The schemas Prisma resets: the Prisma schema's {@code schemas = [...]}, else the URL's schema. */
  private List<String> schemas(DatabaseUrl url) {
    Optional<DatabaseSchema> lowered = Optional.empty();
    boolean hasSchema = config.project().flatMap(ProjectConfig::schema).isPresent() || config.schema().isPresent();
    if (hasSchema) {
      try {
        PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(DevOperation.readSchema(config).sources());
        lowered = checked.hasErrors() ? Optional.empty() : Optional.of(PrismaLowering.lower(checked.schema(), url.schema()));
      } catch (StrataException e) {
        lowered = Optional.empty();
      }
    }
    return lowered.filter(s -> !s.explicitSchemas().isEmpty()).map(s -> s.explicitSchemas().stream().sorted().toList())
        .orElse(List.of(url.schema()));
  }

  private void emit(StrataEvent event) {
    try {
      config.listener().on(event);
    } catch (RuntimeException e) {
      // Reporting must not change what the operation does.
    }
  }
}
