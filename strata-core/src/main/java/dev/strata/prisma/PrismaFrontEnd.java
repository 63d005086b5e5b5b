package dev.strata.prisma;

import dev.strata.diag.Diagnostic;
import dev.strata.diag.Diagnostics;
import dev.strata.diag.SourceFile;
import dev.strata.prisma.ast.ConfigProperty;
import dev.strata.prisma.ast.FunctionCall;
import dev.strata.prisma.ast.PrismaSchema;
import dev.strata.prisma.ast.StringLiteral;
import dev.strata.prisma.format.PrismaFormatter;
import dev.strata.prisma.parse.PrismaParser;
import dev.strata.prisma.validate.PrismaValidator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Prisma schema front end in one call: parse, validate, format. Never throws for bad input. */
public final class PrismaFrontEnd {
  private PrismaFrontEnd() {}

  /** A parsed schema and everything found wrong with it (syntax and validation). */
  public record Checked(PrismaSchema schema, List<Diagnostic> diagnostics) {
    public Checked {
      diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public long errorCount() {
      return diagnostics.stream().filter(Diagnostic::isError).count();
    }

    public long warningCount() {
      return diagnostics.size() - errorCount();
    }
  }

  /** A parsed schema with its syntax diagnostics only (what formatting needs). */
  public record Parsed(PrismaSchema schema, List<Diagnostic> syntaxDiagnostics) {
    public Parsed {
      syntaxDiagnostics = List.copyOf(syntaxDiagnostics);
    }

    public boolean hasSyntaxErrors() {
      return syntaxDiagnostics.stream().anyMatch(Diagnostic::isError);
    }
  }

  public static Parsed parse(List<SourceFile> files) {
    Diagnostics diagnostics = new Diagnostics();
    PrismaSchema schema = PrismaParser.parse(files, diagnostics);
    return new Parsed(schema, diagnostics.sorted());
  }

  /**
   * Parses and validates; diagnostics come back in Prisma's order: syntax errors first, then each
   * validation stage in turn, each in source order.
   */
  public static Checked check(List<SourceFile> files) {
    Diagnostics diagnostics = new Diagnostics();
    PrismaSchema schema = PrismaParser.parse(files, diagnostics);
    PrismaValidator.validate(schema, diagnostics);
    return new Checked(schema, diagnostics.inReportOrder());
  }

  /** The name of the schema's datasource block ({@code db} in {@code datasource db { … }}), if it has one. */
  public static Optional<String> datasourceName(PrismaSchema schema) {
    return schema.datasource().map(ds -> ds.name().name());
  }

  /**
   * The datasource's {@code url} as written in the schema (Prisma 6 style): the variable name of
   * {@code env("X")}, or a literal URL. Empty when there is none (Prisma 7 keeps it in the config).
   */
  public static Optional<String> datasourceUrlReference(PrismaSchema schema) {
    return schema
        .datasource()
        .flatMap(ds -> ds.property("url"))
        .flatMap(ConfigProperty::value)
        .flatMap(
            value -> {
              if (value instanceof StringLiteral literal) {
                return Optional.of(literal.value());
              }
              if (value instanceof FunctionCall call
                  && call.name().name().equals("env")
                  && call.arguments().arguments().size() == 1
                  && call.arguments().arguments().get(0).value().orElse(null) instanceof StringLiteral name) {
                return Optional.of(name.value());
              }
              return Optional.empty();
            });
  }

  /**
   * What {@code prisma format} does with a schema: the formatted text of every file (keyed by
   * path, in input order), and the errors of the formatted schema. Prisma writes nothing when
   * there are errors; formatting may itself fix a schema (it adds missing back-relation fields).
   * The errors point into the formatted text, as Prisma's do.
   */
  public record Formatted(Map<String, String> files, List<Diagnostic> errors) {
    public Formatted {
      files = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(files));
      errors = List.copyOf(errors);
    }

    /** Whether the formatted schema is valid, i.e. whether {@code prisma format} would write it. */
    public boolean writable() {
      return errors.isEmpty();
    }
  }

  /** Formats the files and validates the result, as {@code prisma format} does before writing. */
  public static Formatted formatChecked(List<SourceFile> files) {
    Parsed parsed = parse(files);
    Map<String, String> formatted = format(parsed.schema());
    List<SourceFile> after = new java.util.ArrayList<>();
    for (SourceFile file : files) {
      after.add(new SourceFile(file.path(), formatted.getOrDefault(file.path(), file.text())));
    }
    List<Diagnostic> errors = check(after).diagnostics().stream().filter(Diagnostic::isError).toList();
    if (errors.isEmpty() && parsed.hasSyntaxErrors()) {
      // A line our parser could not read may have been dropped by formatting: never write that,
      // even where Prisma would (it reads some such lines, e.g. text after a block's `{`).
      errors = parsed.syntaxDiagnostics().stream().filter(Diagnostic::isError).toList();
    }
    return new Formatted(formatted, errors);
  }

  /** The formatted text of every file, keyed by path, in input order. */
  public static Map<String, String> format(PrismaSchema schema) {
    return PrismaFormatter.format(schema);
  }
}
