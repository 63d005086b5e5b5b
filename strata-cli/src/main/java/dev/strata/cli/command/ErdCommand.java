package dev.strata.cli.command;

import dev.strata.ErrorCode;
import dev.strata.SchemaDocs;
import dev.strata.StrataException;
import dev.strata.StrataListener;
import dev.strata.cli.BaseCommand;
import dev.strata.cli.CommandStrata;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.SchemaInput;
import dev.strata.cli.SchemaOptions;
import dev.strata.cli.output.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code strata erd}: the schema's entity-relationship diagram, as Mermaid or Graphviz DOT, on stdout. */
@Command(
    name = "erd",
    header = "Print the schema's ER diagram (Mermaid or Graphviz DOT).",
    description =
        "Print the entity-relationship diagram of the Prisma schema: every model with its columns (PK, FK, UK marked) and " +
        "every relation with its cardinality. Mermaid's erDiagram renders in GitHub Markdown; DOT renders with Graphviz " +
        "(dot -Tsvg). Needs no database.")
public final class ErdCommand extends BaseCommand {
  @Mixin SchemaOptions schemaOptions;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "mermaid", description = "mermaid (default) or dot.")
  String format;

  @Override
  protected int run() {
    SchemaDocs.ErdFormat erd = switch (format) {
      case "mermaid" -> SchemaDocs.ErdFormat.MERMAID;
      case "dot" -> SchemaDocs.ErdFormat.DOT;
      default -> throw new StrataException(ErrorCode.USAGE, "--format " + format + " is not one of mermaid, dot.");
    };
    SchemaDocs docs = CommandStrata.offline(SchemaInput.project(context(), schemaOptions, null), StrataListener.NONE).schemaDocs();
    String diagram = erd == SchemaDocs.ErdFormat.MERMAID ? docs.mermaid() : docs.dot();
    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", true);
      doc.put("format", format);
      doc.put("models", docs.models().size());
      doc.put("diagram", diagram);
      terminal().out().println(Json.write(doc));
    } else {
      terminal().out().print(diagram);
    }
    terminal().out().flush();
    return ExitCodes.OK;
  }
}
