package dev.strata.prisma.pull;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.diag.DiagnosticRenderer;
import dev.strata.diag.Diagnostics;
import dev.strata.diag.SourceFile;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.prisma.ast.ConfigBlock;
import dev.strata.prisma.ast.Declaration;
import dev.strata.prisma.ast.PrismaSchema;
import dev.strata.prisma.lower.PrismaLowering;
import dev.strata.prisma.parse.PrismaParser;
import dev.strata.schema.ColumnType;
import dev.strata.schema.DatabaseSchema;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.Index;
import dev.strata.schema.Table;
import dev.strata.embedded.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Database-free round trips over the eight corpus schemas. First pull: lower each to the IR, render the IR
 * back as a Prisma schema (from the schema's configuration blocks alone, as a first {@code db
 * pull} would), and check that the result validates without errors, is stable under formatting,
 * and lowers to the same IR.
 *
 * <p>"The same" is compared with two documented allowances: object order is not compared (Prisma
 * lists tables by name, lowering by model order), and a date-time type without precision equals
 * one with precision 6 (PostgreSQL's default, which is how Prisma reads such columns back). Views
 * are left out: the IR does not carry their columns. Re-introspection: render the IR with the
 * schema itself as the existing schema; every model, view and enum keeps its name and order and the
 * IR stays the same.
 */
class CorpusRoundTripTest {

  @Test
  void every_corpus_schema_renders_back_to_a_valid_schema_with_the_same_ir() throws IOException {
    Map<String, List<SourceFile>> projects = corpus();
    assertThat(projects).hasSize(8);
    Map<String, String> failures = new TreeMap<>();
    int tables = 0;
    for (Map.Entry<String, List<SourceFile>> project : projects.entrySet()) {
      PrismaSchema original = PrismaParser.parse(project.getValue(), new Diagnostics());
      DatabaseSchema before = PrismaLowering.lower(original);
      tables += before.tables().size();
      PullResult result = PrismaIntrospection.render(before, Optional.of(configOnly(original)), PullOptions.defaults());
      List<SourceFile> rendered = new ArrayList<>();
      result.files().forEach((path, text) -> rendered.add(new SourceFile(path, text)));
      PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(rendered);
      if (checked.hasErrors()) {
        failures.put(project.getKey(), "invalid:\n" + new DiagnosticRenderer(false).render(checked.diagnostics()) + "\n" + result.text());
        continue;
      }
      if (!PrismaFrontEnd.format(checked.schema()).equals(result.files())) {
        failures.put(project.getKey(), "not stable under formatting");
        continue;
      }
      DatabaseSchema after = PrismaLowering.lower(checked.schema());
      String expected = normalized(before);
      String actual = normalized(after);
      if (!expected.equals(actual)) {
        failures.put(project.getKey(), "IR differs:\n" + firstDifference(expected, actual));
      }
    }
    System.out.printf("[strata] corpus round trip: %d/%d schemas (%d tables)%n", projects.size() - failures.size(), projects.size(), tables);
    assertThat(failures).as("corpus schemas that do not round-trip").isEmpty();
  }

  @Test
  void re_introspecting_each_corpus_schema_keeps_its_names_and_its_ir() throws IOException {
    Map<String, List<SourceFile>> projects = corpus();
    Map<String, String> failures = new TreeMap<>();
    for (Map.Entry<String, List<SourceFile>> project : projects.entrySet()) {
      PrismaSchema original = PrismaParser.parse(project.getValue(), new Diagnostics());
      DatabaseSchema before = PrismaLowering.lower(original);
      PullResult result = PrismaIntrospection.render(before, Optional.of(original), PullOptions.defaults());
      assertThat(result.files().keySet()).as(project.getKey() + " keeps its files")
          .containsAll(original.files().stream().map(f -> f.source().path()).toList());
      List<SourceFile> rendered = new ArrayList<>();
      result.files().forEach((path, text) -> rendered.add(new SourceFile(path, text)));
      PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(rendered);
      if (checked.hasErrors()) {
        failures.put(project.getKey(), "invalid:\n" + new DiagnosticRenderer(false).render(checked.diagnostics()));
        continue;
      }
      // Prisma writes each file's models before its enums, so each kind is compared in its own order.
      List<String> names = byKind(original);
      List<String> renderedNames = byKind(checked.schema());
      if (!renderedNames.equals(names)) {
        failures.put(project.getKey(), "declarations differ:\n  " + names + "\n  " + renderedNames);
        continue;
      }
      String expected = normalized(before);
      String actual = normalized(PrismaLowering.lower(checked.schema()));
      if (!expected.equals(actual)) {
        failures.put(project.getKey(), "IR differs:\n" + firstDifference(expected, actual));
      }
    }
    System.out.printf("[strata] corpus re-introspection: %d/%d schemas%n", projects.size() - failures.size(), projects.size());
    assertThat(failures).as("corpus schemas that change on re-introspection").isEmpty();
  }

  private static List<String> byKind(PrismaSchema schema) {
    List<String> out = new ArrayList<>();
    for (String kind : List.of("generator", "datasource", "model", "view", "enum")) {
      schema.declarations().filter(d -> d.keyword().equals(kind)).forEach(d -> out.add(kind + " " + d.name().name()));
    }
    return out;
  }

  static Map<String, List<SourceFile>> corpus() throws IOException {
    Path corpus = SharedData.corpus();
    Map<String, List<SourceFile>> projects = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(corpus)) {
      for (Path p : walk.filter(p -> p.toString().endsWith(".prisma")).sorted().toList()) {
        projects.computeIfAbsent(corpus.relativize(p).getName(0).toString(), k -> new ArrayList<>())
            .add(new SourceFile(corpus.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8)));
      }
    }
    return projects;
  }

  /** The configuration blocks of a schema, each in its own file, as the starting point of a first pull. */
  static PrismaSchema configOnly(PrismaSchema schema) {
    List<SourceFile> files = new ArrayList<>();
    for (var file : schema.files()) {
      StringBuilder text = new StringBuilder();
      for (Declaration d : file.declarations()) {
        if (d instanceof ConfigBlock c) {
          text.append(c.span().text()).append("\n\n");
        }
      }
      if (text.length() > 0) {
        files.add(new SourceFile(file.source().path(), text.toString()));
      }
    }
    return PrismaParser.parse(files, new Diagnostics());
  }

  /** The IR as text, order-insensitive where Prisma's and lowering's orders legitimately differ. */
  static String normalized(DatabaseSchema db) {
    StringBuilder out = new StringBuilder();
    out.append("schemas ").append(new java.util.TreeSet<>(db.explicitSchemas())).append('\n');
    for (Table t : db.tables().stream().sorted(Comparator.comparing(Table::schema).thenComparing(Table::name)).toList()) {
      out.append("table ").append(t.schema()).append('.').append(t.name()).append('\n');
      t.columns().forEach(c -> out.append("  ").append(c.withType(precision(c.type()))).append('\n'));
      out.append("  pk ").append(t.primaryKey()).append('\n');
      t.indexes().stream().sorted(Comparator.comparing(Index::name)).forEach(i -> out.append("  ").append(i).append('\n'));
      t.foreignKeys().stream().sorted(Comparator.comparing(ForeignKey::name)).forEach(f -> out.append("  ").append(f).append('\n'));
    }
    db.enums().stream().sorted(Comparator.comparing(e -> e.schema() + "." + e.name())).forEach(e -> out.append(e).append('\n'));
    out.append("extensions ").append(db.extensions()).append('\n');
    return out.toString();
  }

  private static ColumnType precision(ColumnType type) {
    if (type.kind() == ColumnType.Kind.BUILTIN && type.args().isEmpty()
        && List.of("TIMESTAMP", "TIMESTAMPTZ", "TIME", "TIMETZ").contains(type.name())) {
      return new ColumnType(type.kind(), type.name(), List.of(6), type.enumSchema(), type.array());
    }
    return type;
  }

  static String firstDifference(String expected, String actual) {
    List<String> a = expected.lines().toList();
    List<String> b = actual.lines().toList();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      String x = i < a.size() ? a.get(i) : "<end>";
      String y = i < b.size() ? b.get(i) : "<end>";
      if (!x.equals(y)) {
        return "  line " + (i + 1) + "\n  lowered:  " + x + "\n  rendered: " + y;
      }
    }
    return "(none)";
  }
}
