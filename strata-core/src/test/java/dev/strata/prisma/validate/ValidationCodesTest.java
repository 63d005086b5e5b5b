package dev.strata.prisma.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValidationCodesTest {

  @Test
  void every_code_is_unique_described_and_in_the_validator_range() throws IllegalAccessException {
    Set<String> seen = new HashSet<>();
    for (Field f : ValidationCodes.class.getFields()) {
      if (!Modifier.isStatic(f.getModifiers()) || f.getType() != String.class) {
        continue;
      }
      String code = (String) f.get(null);
      assertThat(seen.add(code)).as("code %s used twice (%s)", code, f.getName()).isTrue();
      assertThat(code).matches("PS[1-3][0-9][0-9]");
      assertThat(ValidationCodes.all().get(code)).as(code).isNotBlank();
    }
    assertThat(ValidationCodes.all()).hasSameSizeAs(seen);
  }
}
