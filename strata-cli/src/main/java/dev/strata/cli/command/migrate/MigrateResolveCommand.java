package dev.strata.cli.command.migrate;

import dev.strata.cli.BaseCommand;
import dev.strata.cli.ConnectionOptions;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.SchemaOptions;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.DeploySettings;
import dev.strata.ResolveResult;
import dev.strata.Strata;
import dev.strata.StrataEvent;
import dev.strata.StrataListener;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code strata migrate resolve}: records a migration as applied (baselining, or a failed
 * migration completed by hand) or a failed one as rolled back, with Prisma's rules and errors.
 */
@Command(
    name = "resolve",
    header = "Mark a migration applied or rolled back without running it.",
    description =
        "Resolve the history of a migration (Prisma's migrate resolve). Exactly one of: --applied " +
        "NAME: record it as applied without running it (baselining, or a failed migration completed " +
        "by hand); --rolled-back NAME: set a failed migration aside so deploy runs it again.")
public final class MigrateResolveCommand extends BaseCommand {
  @Mixin SchemaOptions schemaOptions;
  @Mixin ConnectionOptions connectionOptions;
  @Mixin MigrationsOption migrationsOption;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Which which;

  /** The two mutually exclusive actions. */
  static final class Which {
    @Option(names = "--applied", paramLabel = "NAME", description = "Record the migration (a folder name) as applied.")
    String applied;

    @Option(names = "--rolled-back", paramLabel = "NAME", description = "Record the failed migration as rolled back.")
    String rolledBack;
  }

  @Option(names = "--lock-timeout", paramLabel = "DUR", converter = DurationOption.class, defaultValue = "10s",
      description = "How long to wait for another migration's advisory lock. Default: ${DEFAULT-VALUE}.")
  Duration lockTimeout;

  @Override
  protected int run() {
    Terminal term = terminal();
    MigrateTarget target = MigrateTarget.resolve(context(), schemaOptions, connectionOptions, migrationsOption, 1);
    boolean json = output.json();
    Strata strata = target.strata(json ? StrataListener.NONE : event -> {
      if (event instanceof StrataEvent.WaitingForLock) {
        term.err().println("Waiting for another migration to finish (advisory lock held)…");
        term.err().flush();
      }
    });
    String name = which.applied != null ? which.applied : which.rolledBack;
    ResolveResult.Resolution resolution = which.applied != null ? ResolveResult.Resolution.APPLIED : ResolveResult.Resolution.ROLLED_BACK;
    String marked = strata.resolve(name, resolution, DeploySettings.of(strata.config()).withAdvisoryLockTimeout(lockTimeout))
        .resolution().label();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", true);
      doc.put("migration", name);
      doc.put("marked", marked);
      term.out().println(Json.write(doc));
    } else {
      target.warnings().forEach(w -> term.err().println(term.yellow("warning: ") + w));
      term.out().println("Migration " + name + " marked as " + marked + ".");
    }
    return ExitCodes.OK;
  }
}
