package dev.strata.cli.command.health;

import dev.strata.cli.BaseCommand;
import dev.strata.cli.ConnectionOptions;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.SchemaOptions;
import dev.strata.cli.output.Json;
import dev.strata.cli.output.Terminal;
import dev.strata.health.IndexCoverage;
import dev.strata.health.IndexCoverage.ForeignKeyInfo;
import dev.strata.health.IndexCoverage.IndexInfo;
import dev.strata.health.IndexCoverage.TableIndexes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code strata health indexes}: index coverage per model/table (seed 001's report). */
@Command(
    name = "indexes",
    header = "Show index coverage per model: indexed columns, composite indexes, foreign keys covered or not.",
    description = "For every table (named by its Prisma model and fields when the project has a schema): the columns that lead "
        + "an index, the composite indexes, each foreign key and whether an index supports it, unused and duplicate indexes, and "
        + "a coverage figure (primary key and foreign keys with an index, out of those that need one).")
public final class HealthIndexesCommand extends BaseCommand {
  @Mixin SchemaOptions schemaOptions;
  @Mixin ConnectionOptions connectionOptions;

  @Override
  protected int run() {
    Terminal term = terminal();
    IndexCoverage coverage = HealthTarget.resolve(context(), schemaOptions, connectionOptions).indexes();
    if (output.json()) {
      term.out().println(Json.write(coverage));
      return ExitCodes.OK;
    }
    for (TableIndexes table : coverage.tables()) {
      String name = table.model().isEmpty() ? table.schema() + "." + table.table() : table.model() + " (" + table.table() + ")";
      term.out().println(term.bold(name) + String.format(Locale.ROOT, "  coverage %.0f %%, ~%d rows", table.coverage(), table.estimatedRows())
          + (table.hasPrimaryKey() ? "" : "  " + term.yellow("no primary key")));
      term.out().println("  indexed columns: " + (table.indexedColumns().isEmpty() ? "none" : String.join(", ", table.indexedColumns())));
      for (IndexInfo index : table.indexes()) {
        List<String> notes = new ArrayList<>();
        if (index.primary()) {
          notes.add("primary key");
        } else if (index.unique()) {
          notes.add("unique");
        }
        if (index.composite()) {
          notes.add("composite");
        }
        if (!index.valid()) {
          notes.add(term.red("invalid"));
        }
        if (index.unused()) {
          notes.add(term.yellow("unused"));
        }
        if (!index.duplicateOf().isEmpty()) {
          notes.add(term.yellow("duplicate of " + index.duplicateOf()));
        }
        term.out().println("  index " + index.name() + " (" + String.join(", ", index.columns()) + ") " + index.size() + ", "
            + index.scans() + " scans" + (notes.isEmpty() ? "" : "; " + String.join(", ", notes)));
      }
      for (ForeignKeyInfo fk : table.foreignKeys()) {
        term.out().println("  foreign key (" + String.join(", ", fk.columns()) + ") → " + fk.references() + ": "
            + (fk.covered() ? term.green("covered") : term.yellow("no index")));
      }
    }
    term.out().println();
    term.out().println(String.format(Locale.ROOT, "Coverage: %.1f %% of primary keys and foreign keys have an index (%d tables%s).",
        coverage.coverage(), coverage.tables().size(), coverage.prismaNames() ? ", Prisma names" : ""));
    return ExitCodes.OK;
  }
}
