package dev.strata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.diag.DiagnosticRenderer;
import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Strata#validate()} through the Java API: what {@code strata validate} renders. */
@StrataDatabase
class StrataValidateIT {
  static final String SCHEMA =
      """
      datasource db {
        provider = "postgresql"
      }

      model Coach {
        id    Int    @id @default(autoincrement())
        name  String
      }
      """;

  @TempDir Path project;
  Path schema;

  @BeforeEach
  void project() throws IOException {
    schema = project.resolve("prisma/schema.prisma");
    Files.createDirectories(schema.getParent());
    Files.writeString(schema, SCHEMA);
  }

  private Strata offline(Map<String, String> env) {
    return Strata.of(Strata.configure().project(project).environment(env).withoutDatabase().build());
  }

  @Test
  void a_valid_schema_gives_its_location_files_and_no_diagnostics(TestDatabase db) {
    ValidateResult result = Strata.configure().url(db.url()).project(project).load().validate();
    assertThat(result.valid()).isTrue();
    assertThat(result.location()).isEqualTo(schema.toAbsolutePath().normalize());
    assertThat(result.files()).containsExactly("prisma/schema.prisma");
    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.errorCount()).isZero();
    assertThat(result.warningCount()).isZero();
  }

  @Test
  void errors_carry_their_source_for_the_caret_renderer() throws IOException {
    Files.writeString(schema, SCHEMA.replace("name  String", "name  Strin"));
    ValidateResult result = offline(Map.of()).validate();
    assertThat(result.valid()).isFalse();
    assertThat(result.errorCount()).isEqualTo(1);
    assertThat(result.errors()).singleElement().satisfies(d -> assertThat(d.message()).contains("Strin"));
    String rendered = new DiagnosticRenderer(false).render(result.diagnostics());
    assertThat(rendered).contains("prisma/schema.prisma:7:9").contains("name  Strin").contains("^");
  }

  @Test
  void needs_no_database_and_ignores_a_malformed_database_url() {
    Map<String, String> env = Map.of("DATABASE_URL", "postgresql://app:s3cret@db.internal:notaport/shop");
    assertThatThrownBy(() -> Strata.configure().project(project).environment(env).build()).isInstanceOf(StrataException.class)
        .hasMessageNotContaining("s3cret");
    ValidateResult result = offline(env).validate();
    assertThat(result.valid()).isTrue();
  }

  @Test
  void a_missing_schema_is_refused_naming_where_it_looked() throws IOException {
    Files.delete(schema);
    assertThatThrownBy(() -> offline(Map.of()).validate()).isInstanceOf(StrataException.class)
        .hasMessageContaining("prisma/schema.prisma")
        .satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.FILE_NOT_FOUND));
  }

  @Test
  void without_a_schema_configured_it_says_so() {
    assertThatThrownBy(() -> Strata.of(Strata.configure().build()).validate()).isInstanceOf(StrataException.class)
        .hasMessageContaining("No Prisma schema is configured");
  }
}
