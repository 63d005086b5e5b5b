package dev.strata.cli.command.migrate;

import dev.strata.Consent;
import dev.strata.DownPreview;
import dev.strata.DownTarget;
import dev.strata.ErrorCode;
import dev.strata.Projects;
import dev.strata.Strata;
import dev.strata.StrataEvent;
import dev.strata.StrataException;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.CliContext;
import dev.strata.cli.CommandStrata;
import dev.strata.cli.ConnectionOptions;
import dev.strata.cli.DevDatabase;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.SchemaInput;
import dev.strata.cli.SchemaOptions;
import dev.strata.cli.TerminalConsole;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.ProjectConfig;
import java.util.List;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code strata migrate down}: runs the down.sql of the last applied migrations and marks them rolled back. */
@Command(
    name = "down",
    header = "Undo the last applied migration(s) with their down.sql.",
    description =
        "Undo the last applied migration(s) with their down.sql (written by strata migrate dev), " +
        "newest first, and mark them rolled back in _prisma_migrations so that they can be applied " +
        "again. Refuses when a down.sql is missing or marked irreversible. Downs that drop tables or " +
        "columns list them and ask for confirmation (or --force); non-interactive without --force: " +
        "exit 1.")
public final class MigrateDownCommand extends BaseCommand {
  @Mixin SchemaOptions schemaOptions;
  @Mixin ConnectionOptions connectionOptions;

  @Option(names = "--steps", paramLabel = "N", description = "How many migrations to undo (default 1).")
  Integer steps;

  @Option(names = "--to", paramLabel = "NAME", description = "Undo every migration applied after NAME (NAME stays applied).")
  String to;

  @Option(names = {"-f", "--force"}, description = "Do not ask before dropping data.")
  boolean force;

  @Override
  protected int run() {
    Terminal term = terminal();
    CliContext ctx = context();
    if (steps != null && to != null) {
      throw new StrataException(ErrorCode.USAGE, "Give --steps or --to, not both.");
    }
    ProjectConfig config = Projects.withSchemaDatasourceUrl(SchemaInput.project(ctx, schemaOptions, connectionOptions));
    DatabaseUrl url = DevDatabase.url(ctx, config);
    TerminalConsole console = new TerminalConsole(ctx, term, output.json());
    Strata strata = CommandStrata.of(config, url, event -> {
      if (event instanceof StrataEvent.WaitingForLock) {
        console.say("Waiting for another migration command to release the advisory lock…");
      } else if (event instanceof StrataEvent.RolledBack rolledBack) {
        console.say("Rolled back `" + rolledBack.migration() + "`");
      }
    });
    DownTarget target = to != null ? DownTarget.after(to) : DownTarget.last(steps == null ? 1 : steps);
    DownPreview preview = strata.previewDown(target);
    List<String> rolledBack = List.of();
    Optional<String> refusal = preview.refusal();
    if (refusal.isEmpty() && preview.steps().isEmpty()) {
      console.say("No applied migration to roll back.");
    } else if (refusal.isEmpty()) {
      console.say("Rolling back, newest first: " + String.join(", ", preview.migrations()));
      boolean confirmed = true;
      if (!preview.dataLoss().isEmpty()) {
        console.say("This drops data:");
        preview.dataLoss().forEach(d -> console.say("  - " + d));
        if (!force && !(console.interactive() && console.confirm("Roll back and drop these?"))) {
          confirmed = false;
          refusal = Optional.of(console.interactive()
              ? "Rollback cancelled: nothing was changed."
              : "The rollback drops data (listed above). Nothing was changed: this shell is non-interactive. Run again with"
                  + " --force to go ahead.");
        }
      }
      if (confirmed) {
        rolledBack = strata.down(preview, Consent.dataLoss()).rolledBack();
      }
    }
    DownOutcome result = new DownOutcome(rolledBack, refusal);
    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", result.refusal().isEmpty());
      doc.put("rolledBack", result.rolledBack());
      doc.put("refusal", result.refusal().orElse(null));
      term.out().print(Json.write(doc) + "\n");
    }
    if (result.refusal().isPresent()) {
      if (!output.json()) {
        term.err().println(term.red("Error: ") + result.refusal().get());
      }
      return ExitCodes.ERROR;
    }
    return ExitCodes.OK;
  }

  private record DownOutcome(List<String> rolledBack, Optional<String> refusal) {}
}
