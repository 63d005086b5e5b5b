package dev.strata.operation;

import dev.strata.ConfigResult;
import dev.strata.ErrorCode;
import dev.strata.StrataConfig;
import dev.strata.StrataException;
import dev.strata.config.ConfiguredUrl;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.PrismaConfigFile;
import dev.strata.config.ProjectConfig;
import dev.strata.config.SchemaSources;
import dev.strata.diag.SourceFile;
import dev.strata.prisma.PrismaFrontEnd;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code config}: the project's resolved configuration with where each part came from. What is
 * wrong (an unreadable schema, a malformed URL) is reported in the result, not thrown; every
 * password is masked.
 */
public final class ConfigOperation {
  private ConfigOperation() {}

  /** @throws StrataException ({@code CONFIG}) when the settings came from no project */
  public static ConfigResult run(StrataConfig settings) {
    ProjectConfig config = settings.project().orElseThrow(() -> new StrataException(ErrorCode.CONFIG,
        "No project is configured: call project(Path) on the builder."));
    List<String> problems = new ArrayList<>();

    Optional<SchemaSources> schema = Optional.empty();
    try {
      schema = Optional.of(config.readSchema());
      Optional<String> ref = PrismaFrontEnd.datasourceUrlReference(PrismaFrontEnd.parse(schema.get().sources()).schema());
      if (ref.isPresent()) {
        config = config.withSchemaDatasourceUrl(ref.get());
      }
    } catch (StrataException e) {
      problems.add(e.getMessage());
    }

    Optional<ConfigResult.Database> database = Optional.empty();
    if (config.url().isPresent()) {
      ConfiguredUrl configured = config.url().get();
      try {
        DatabaseUrl parsed = configured.parse();
        database = Optional.of(new ConfigResult.Database(parsed.masked(), configured.origin(),
            Optional.of(DatabaseUrl.mask(parsed.toJdbcUrl())), Optional.of(parsed.schema())));
      } catch (StrataException e) {
        database = Optional.of(new ConfigResult.Database(DatabaseUrl.mask(configured.value()), configured.origin(),
            Optional.empty(), Optional.empty()));
        problems.add(e.getMessage());
      }
    }

    Optional<String> window = Optional.empty();
    try {
      window = dev.strata.DeployWindow.configured(settings).map(dev.strata.DeployWindow::describe);
    } catch (StrataException e) {
      problems.add(e.getMessage());
    }

    return new ConfigResult(
        config.workingDir(),
        config.projectDir(),
        config.inParentFolder(),
        config.configFile().map(PrismaConfigFile::path),
        schema.map(s -> new ConfigResult.Schema(s.location().path(), s.location().origin(),
            s.sources().stream().map(SourceFile::path).toList())),
        config.migrationsDir(),
        database,
        config.urlLookup(),
        config.shadowUrl().map(u -> new ConfigResult.Setting(DatabaseUrl.mask(u.value()), u.origin())),
        window,
        config.warnings().stream().map(DatabaseUrl::mask).toList(),
        problems.stream().map(DatabaseUrl::mask).toList());
  }
}
