package dev.strata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code db pull} through the Java API on the embedded PostgreSQL. */
@StrataDatabase
class StrataPullIT {
  private static final String SCHEMA =
      """
      datasource db {
        provider = "postgresql"
      }

      model Pet {
        id   Int    @id @default(autoincrement())
        name String
      }
      """;

  @TempDir Path project;
  Path schema;

  @BeforeEach
  void fresh(TestDatabase db) throws IOException {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    schema = project.resolve("prisma/schema.prisma");
    Files.createDirectories(schema.getParent());
    Files.writeString(schema, SCHEMA);
  }

  private Strata strata(TestDatabase db) {
    return Strata.configure().url(db.url()).schema(schema).load();
  }

  @Test
  void a_schema_the_database_matches_stays_byte_identical(TestDatabase db) throws IOException {
    strata(db).pushSchema();
    String before = Files.readString(schema);
    PullResult result = strata(db).pull(false, true);
    assertThat(result.unchanged()).isTrue();
    assertThat(result.models()).isEqualTo(1);
    assertThat(result.files()).singleElement().satisfies(f -> {
      assertThat(f.written()).isFalse();
      assertThat(f.changed()).isFalse();
    });
    assertThat(Files.readString(schema)).isEqualTo(before);
  }

  @Test
  void a_new_table_is_pulled_into_the_schema_and_written(TestDatabase db) throws IOException {
    strata(db).pushSchema();
    db.execute("CREATE TABLE owner (id int PRIMARY KEY, email text NOT NULL)");
    PullResult printed = strata(db).pull(false, false);
    assertThat(printed.unchanged()).isFalse();
    assertThat(printed.files()).singleElement().satisfies(f -> {
      assertThat(f.text()).contains("model owner {").contains("model Pet {");
      assertThat(f.changed()).isTrue();
      assertThat(f.written()).isFalse();
    });
    assertThat(Files.readString(schema)).as("not written without write").isEqualTo(SCHEMA);

    PullResult written = strata(db).pull(false, true);
    assertThat(written.models()).isEqualTo(2);
    assertThat(written.files()).singleElement().satisfies(f -> assertThat(f.written()).isTrue());
    assertThat(Files.readString(schema)).isEqualTo(written.files().get(0).text()).contains("model owner {");
  }

  @Test
  void an_empty_database_is_refused_and_nothing_is_written(TestDatabase db) throws IOException {
    assertThatThrownBy(() -> strata(db).pull(false, true)).isInstanceOf(StrataException.class)
        .hasMessageContaining("is empty: there is nothing to pull").hasMessageContaining("left unchanged");
    assertThat(Files.readString(schema)).isEqualTo(SCHEMA);
  }

  @Test
  void a_schema_with_syntax_errors_is_not_overwritten(TestDatabase db) throws IOException {
    db.execute("CREATE TABLE owner (id int PRIMARY KEY)");
    String broken = SCHEMA.replace("model Pet {", "model Pet {{");
    Files.writeString(schema, broken);
    assertThatThrownBy(() -> strata(db).pull(false, true)).isInstanceOf(InvalidSchemaException.class)
        .satisfies(e -> assertThat(((InvalidSchemaException) e).diagnostics()).isNotEmpty());
    assertThat(Files.readString(schema)).isEqualTo(broken);
  }
}
