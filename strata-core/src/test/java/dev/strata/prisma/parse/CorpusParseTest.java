package dev.strata.prisma.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.diag.Diagnostic;
import dev.strata.diag.Diagnostics;
import dev.strata.diag.SourceFile;
import dev.strata.prisma.ast.PrismaFile;
import dev.strata.embedded.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs the parser over every real-world schema of the corpus and every Prisma fixture. */
class CorpusParseTest {

  static Stream<?> corpusSchemas() {
    return SharedData.casesOrSkip("corpus", CorpusParseTest::prismaFilesUnder);
  }

  static Stream<?> conformanceSchemas() {
    return SharedData.casesOrSkip("conformance/prisma-engines/psl", CorpusParseTest::prismaFilesUnder);
  }

  private static List<Path> prismaFilesUnder(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> files = walk.filter(p -> p.toString().endsWith(".prisma")).sorted().toList();
      assertThat(files).as("schemas under " + root).isNotEmpty();
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SourceFile read(Path path) throws IOException {
    return new SourceFile(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @MethodSource("corpusSchemas")
  void corpus_schema_parses_without_syntax_errors(Path path) throws IOException {
    SharedData.corpus();
    Diagnostics diagnostics = new Diagnostics();
    PrismaFile file = PrismaParser.parse(read(path), diagnostics);
    assertThat(diagnostics.all()).extracting(Diagnostic::toString).isEmpty();
    assertThat(file.declarations()).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("conformanceSchemas")
  void prisma_fixture_parses_with_spans_inside_the_file(Path path) throws IOException {
    SharedData.conformance("prisma-engines/psl");
    SourceFile source = read(path);
    Diagnostics diagnostics = new Diagnostics();
    PrismaFile file = PrismaParser.parse(source, diagnostics);
    assertThat(file.source()).isEqualTo(source);
    assertThat(diagnostics.all()).noneMatch(d -> d.code().equals(ParseCodes.INTERNAL_ERROR));
    for (Diagnostic d : diagnostics.all()) {
      assertThat(d.span().end()).isLessThanOrEqualTo(source.text().length());
    }
  }
}
