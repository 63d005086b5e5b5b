package dev.strata.prisma.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.diag.Diagnostic;
import dev.strata.diag.Diagnostics;
import dev.strata.diag.SourceFile;
import dev.strata.prisma.ast.PrismaSchema;
import dev.strata.prisma.parse.PrismaParser;
import dev.strata.embedded.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Validates the relations of every real-world schema of the shared corpus (a folder of several
 * {@code .prisma} files is one schema); Prisma accepts them all, so no relation error may appear.
 */
class RelationCorpusTest {

  @Test
  void corpus_schemas_have_no_relation_errors() throws IOException {
    Map<Path, List<Path>> schemas = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(SharedData.corpus())) {
      for (Path p : files.filter(f -> f.toString().endsWith(".prisma")).sorted().toList()) {
        schemas.computeIfAbsent(schemaRoot(p), k -> new ArrayList<>()).add(p);
      }
    }
    List<String> problems = new ArrayList<>();
    int relations = 0;
    for (List<Path> files : schemas.values()) {
      List<SourceFile> sources = new ArrayList<>();
      for (Path f : files) {
        sources.add(new SourceFile(f.toString(), Files.readString(f)));
      }
      PrismaSchema schema = PrismaParser.parse(sources, new Diagnostics());
      relations += RelationGraph.of(schema).relations().size();
      Diagnostics diagnostics = new Diagnostics();
      RelationValidator.validate(schema, diagnostics);
      diagnostics.all().stream().filter(Diagnostic::isError)
          .forEach(d -> problems.add(d.span() + " " + d.code() + " " + d.message()));
    }
    System.out.printf("[relations] corpus: %d schemas, %d relations, %d relation errors%n", schemas.size(), relations, problems.size());
    assertThat(schemas).hasSizeGreaterThanOrEqualTo(8);
    assertThat(relations).isPositive();
    assertThat(problems).isEmpty();
  }

  /** A schema folder (one with a {@code schema.prisma} above nested model files) counts as one schema. */
  private static Path schemaRoot(Path file) {
    for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
      if (dir.getFileName() != null && dir.getFileName().toString().equals("prisma")) {
        return dir;
      }
    }
    return file;
  }
}
