package dev.strata.prisma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.strata.diag.Diagnostic;
import dev.strata.diag.SourceFile;
import dev.strata.testkit.SchemaMutator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random mutations of real schemas through the whole front end: parsing, validation (models,
 * attributes, relations) and formatting never throw; every problem ends as a diagnostic inside
 * the file, and formatting keeps every file.
 */
class FrontEndFuzzTest {
  private static final int ITERATIONS_PER_SEED = 150;

  @ParameterizedTest
  @ValueSource(longs = {7L, 11L, 2026L, 31337L, 5551212L, -99L})
  void mutated_schemas_end_in_diagnostics_never_in_exceptions(long seed) {
    List<String> texts = SchemaMutator.corpusTexts();
    Random random = new Random(seed);
    for (int i = 0; i < ITERATIONS_PER_SEED; i++) {
      String mutated = SchemaMutator.mutate(texts.get(random.nextInt(texts.size())), random, 1 + random.nextInt(6));
      SourceFile source = new SourceFile("fuzz-" + seed + "-" + i + ".prisma", mutated);
      String where = "seed " + seed + " iteration " + i;

      PrismaFrontEnd.Checked[] checked = new PrismaFrontEnd.Checked[1];
      assertThatCode(() -> checked[0] = PrismaFrontEnd.check(List.of(source))).as(where).doesNotThrowAnyException();
      for (Diagnostic d : checked[0].diagnostics()) {
        assertThat(d.span().file()).as(where).isEqualTo(source);
        assertThat(d.span().end()).as(where + ": " + d.message()).isBetween(d.span().start(), mutated.length());
        assertThat(d.message()).as(where).isNotBlank();
      }

      @SuppressWarnings("unchecked")
      Map<String, String>[] formatted = new Map[1];
      assertThatCode(() -> formatted[0] = PrismaFrontEnd.format(checked[0].schema())).as(where).doesNotThrowAnyException();
      assertThat(formatted[0]).as(where).containsOnlyKeys(source.path());
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {3L, 17L})
  void mutated_multi_file_schemas_never_throw(long seed) {
    List<String> texts = SchemaMutator.corpusTexts();
    Random random = new Random(seed);
    for (int i = 0; i < 40; i++) {
      SourceFile a = new SourceFile("a.prisma", SchemaMutator.mutate(texts.get(random.nextInt(texts.size())), random, 2));
      SourceFile b = new SourceFile("b.prisma", SchemaMutator.mutate(texts.get(random.nextInt(texts.size())), random, 2));
      assertThatCode(() -> PrismaFrontEnd.format(PrismaFrontEnd.check(List.of(a, b)).schema()))
          .as("seed %d iteration %d", seed, i)
          .doesNotThrowAnyException();
    }
  }
}
