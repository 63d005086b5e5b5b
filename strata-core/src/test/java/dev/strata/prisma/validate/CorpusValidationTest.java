package dev.strata.prisma.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.diag.DiagnosticRenderer;
import dev.strata.diag.Diagnostics;
import dev.strata.diag.SourceFile;
import dev.strata.prisma.ast.PrismaSchema;
import dev.strata.prisma.parse.PrismaParser;
import dev.strata.embedded.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Validates the schemas of eight real projects: each must come out with zero errors. All
 * {@code .prisma} files of one project form one schema (rallly splits its schema over a folder
 * of 13 files; the others have one file).
 */
class CorpusValidationTest {

  @Test
  void every_corpus_schema_validates_without_errors() throws IOException {
    Path corpus = SharedData.corpus();
    Map<String, List<Path>> projects = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(corpus)) {
      walk.filter(p -> p.toString().endsWith(".prisma")).sorted().forEach(p ->
          projects.computeIfAbsent(corpus.relativize(p).getName(0).toString(), k -> new ArrayList<>()).add(p));
    }
    assertThat(projects).hasSize(8);
    assertThat(projects.get("lukevella__rallly")).hasSize(13);

    Map<String, String> failures = new TreeMap<>();
    long models = 0;
    for (Map.Entry<String, List<Path>> project : projects.entrySet()) {
      List<SourceFile> sources = new ArrayList<>();
      for (Path p : project.getValue()) {
        sources.add(new SourceFile(corpus.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8)));
      }
      Diagnostics diagnostics = new Diagnostics();
      PrismaSchema schema = PrismaParser.parse(sources, diagnostics);
      PrismaValidator.validate(schema, diagnostics);
      models += schema.models().size();
      if (diagnostics.hasErrors()) {
        failures.put(project.getKey(), new DiagnosticRenderer(false).render(diagnostics.sorted()));
      }
    }
    System.out.printf("corpus: %d/%d schemas valid (%d models and views)%n", projects.size() - failures.size(), projects.size(), models);
    assertThat(failures).as("corpus schemas with validation errors").isEmpty();
    assertThat(models).as("the corpus schemas were read").isGreaterThan(100);
  }
}
