package dev.strata.prisma.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.strata.diag.Diagnostic;
import dev.strata.diag.Diagnostics;
import dev.strata.diag.SourceFile;
import dev.strata.prisma.ast.PrismaFile;
import dev.strata.testkit.SchemaMutator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mutates corpus schemas at random (fixed seeds, so failures reproduce) and checks that the parser
 * never throws and keeps every diagnostic inside the file.
 */
class ParserFuzzTest {
  private static final int ITERATIONS_PER_SEED = 400;
  @ParameterizedTest
  @ValueSource(longs = {1L, 2L, 3L, 42L, 1234L, 99991L, 20240601L, -7L})
  void mutated_schemas_never_throw_and_keep_diagnostics_inside_the_file(long seed) {
    List<String> texts = SchemaMutator.corpusTexts();
    Random random = new Random(seed);
    for (int i = 0; i < ITERATIONS_PER_SEED; i++) {
      String original = texts.get(random.nextInt(texts.size()));
      String mutated = SchemaMutator.mutate(original, random, 1 + random.nextInt(8));
      SourceFile source = new SourceFile("fuzz-" + seed + "-" + i + ".prisma", mutated);
      Diagnostics diagnostics = new Diagnostics();
      PrismaFile[] result = new PrismaFile[1];
      assertThatCode(() -> result[0] = PrismaParser.parse(source, diagnostics))
          .as("seed %d iteration %d", seed, i)
          .doesNotThrowAnyException();
      assertThat(result[0]).isNotNull();
      for (Diagnostic d : diagnostics.all()) {
        assertThat(d.code()).as("seed %d iteration %d: %s", seed, i, d.message()).isNotEqualTo(ParseCodes.INTERNAL_ERROR);
        assertThat(d.span().file()).isEqualTo(source);
        assertThat(d.span().start()).isBetween(0, mutated.length());
        assertThat(d.span().end()).isBetween(d.span().start(), mutated.length());
      }
    }
  }
}
