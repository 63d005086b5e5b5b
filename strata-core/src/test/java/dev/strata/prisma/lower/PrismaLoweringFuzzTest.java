package dev.strata.prisma.lower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.strata.diag.SourceFile;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.schema.DatabaseSchema;
import dev.strata.testkit.SchemaMutator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random mutations of the corpus schemas, lowered whether they validate or not: lowering is a best
 * effort on invalid input and never throws.
 */
class PrismaLoweringFuzzTest {

  @ParameterizedTest
  @ValueSource(longs = {1L, 42L, 2026L, -7L})
  void mutated_schemas_lower_without_exceptions(long seed) {
    List<String> texts = SchemaMutator.corpusTexts();
    Random random = new Random(seed);
    int lowered = 0;
    for (int i = 0; i < 150; i++) {
      String mutated = SchemaMutator.mutate(texts.get(random.nextInt(texts.size())), random, 1 + random.nextInt(8));
      PrismaFrontEnd.Parsed parsed = PrismaFrontEnd.parse(List.of(new SourceFile("fuzz.prisma", mutated)));
      DatabaseSchema[] out = new DatabaseSchema[1];
      assertThatCode(() -> out[0] = PrismaLowering.lower(parsed.schema()))
          .as("seed %d iteration %d", seed, i)
          .doesNotThrowAnyException();
      lowered += out[0].tables().size();
    }
    assertThat(lowered).as("the mutated schemas still had tables").isPositive();
  }
}
