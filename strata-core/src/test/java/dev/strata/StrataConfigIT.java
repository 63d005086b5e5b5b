package dev.strata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.config.DatabaseUrl;
import dev.strata.config.ProjectConfig;
import dev.strata.config.ProjectOptions;
import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Strata#configuration()} through the Java API: what {@code strata config} shows. */
@StrataDatabase
class StrataConfigIT {
  @TempDir Path project;
  Path schema;

  @BeforeEach
  void project() throws IOException {
    schema = project.resolve("prisma/schema.prisma");
    Files.createDirectories(schema.getParent());
    Files.writeString(schema, StrataValidateIT.SCHEMA);
  }

  private ConfigResult configuration(Map<String, String> env) {
    ProjectConfig resolved = ProjectConfig.resolve(ProjectOptions.of(project, env));
    return Strata.of(Strata.configure().project(resolved).withoutDatabase().build()).configuration();
  }

  @Test
  void a_project_shows_its_schema_migrations_and_database_with_origins(TestDatabase db) {
    ConfigResult result = configuration(Map.of("DATABASE_URL", db.url()));
    assertThat(result.ok()).isTrue();
    assertThat(result.workingDir()).isEqualTo(project.toAbsolutePath().normalize());
    assertThat(result.inParentFolder()).isFalse();
    assertThat(result.configFile()).isEmpty();
    assertThat(result.schema()).hasValueSatisfying(s -> {
      assertThat(s.path()).isEqualTo(schema.toAbsolutePath().normalize());
      assertThat(s.files()).containsExactly("prisma/schema.prisma");
    });
    assertThat(result.migrations()).isEqualTo(project.resolve("prisma/migrations").toAbsolutePath().normalize());
    assertThat(result.database()).hasValueSatisfying(d -> {
      assertThat(d.url()).isEqualTo(DatabaseUrl.parse(db.url()).masked());
      assertThat(d.from()).contains("DATABASE_URL");
      assertThat(d.jdbc()).hasValueSatisfying(j -> assertThat(j).startsWith("jdbc:postgresql://"));
      assertThat(d.schema()).contains("public");
    });
  }

  @Test
  void passwords_are_masked_everywhere_and_a_malformed_url_is_a_problem_not_an_exception() {
    ConfigResult result = configuration(Map.of("DATABASE_URL", "postgresql://app:s3cret@db.internal:5432/shop?schema=app",
        "SHADOW_DATABASE_URL", "postgresql://app:s3cret@shadow:5432/x"));
    assertThat(result.database()).hasValueSatisfying(d -> {
      assertThat(d.url()).doesNotContain("s3cret").contains("****");
      assertThat(d.schema()).contains("app");
    });
    assertThat(result.toString()).doesNotContain("s3cret");

    ConfigResult broken = configuration(Map.of("DATABASE_URL", "postgresql://app:s3cret@db.internal:notaport/shop"));
    assertThat(broken.ok()).isFalse();
    assertThat(broken.problems()).singleElement().satisfies(p -> assertThat(p).doesNotContain("s3cret"));
    assertThat(broken.database()).hasValueSatisfying(d -> {
      assertThat(d.url()).doesNotContain("s3cret");
      assertThat(d.jdbc()).isEmpty();
    });
    assertThat(broken.toString()).doesNotContain("s3cret");
  }

  @Test
  void the_schema_datasource_url_names_the_variable_prisma_6_style() throws IOException {
    Files.writeString(schema, StrataValidateIT.SCHEMA.replace("provider = \"postgresql\"",
        "provider = \"postgresql\"\n  url      = env(\"APP_DB\")"));
    ConfigResult result = configuration(Map.of("APP_DB", "postgresql://app@db.internal:5432/shop"));
    assertThat(result.database()).hasValueSatisfying(d -> assertThat(d.from()).contains("APP_DB"));
  }

  @Test
  void no_url_and_no_schema_are_reported_with_where_strata_looked() throws IOException {
    Files.delete(schema);
    ConfigResult result = configuration(Map.of());
    assertThat(result.ok()).isFalse();
    assertThat(result.schema()).isEmpty();
    assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p).contains("schema.prisma"));
    assertThat(result.database()).isEmpty();
    assertThat(result.urlLookup()).isNotEmpty();
  }

  @Test
  void without_a_project_it_says_so() {
    assertThatThrownBy(() -> Strata.of(Strata.configure().schema(schema).build()).configuration())
        .isInstanceOf(StrataException.class).hasMessageContaining("No project is configured");
  }
}
