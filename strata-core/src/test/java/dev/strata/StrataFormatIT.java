package dev.strata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Strata#format()} and {@link Strata#checkFormat()} through the Java API. */
@StrataDatabase
class StrataFormatIT {
  static final String FORMATTED =
      """
      datasource db {
        provider = "postgresql"
      }

      model Coach {
        id   Int    @id @default(autoincrement())
        name String
      }
      """;
  static final String MESSY = FORMATTED.replace("name String", "name     String   ").replace("id   Int    @id", "id Int @id");

  @TempDir Path project;
  Path folder;

  @BeforeEach
  void project() throws IOException {
    folder = project.resolve("prisma/schema");
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("a.prisma"), MESSY);
    Files.writeString(folder.resolve("b.prisma"), "model Team {\n  id Int @id\n}\n");
  }

  private Strata strata() {
    return Strata.of(Strata.configure().schema(folder).workingDirectory(project).build());
  }

  @Test
  void check_gives_each_file_before_and_after_and_writes_nothing(TestDatabase db) throws IOException {
    FormatResult result = Strata.configure().url(db.url()).schema(folder).workingDirectory(project).load().checkFormat();
    assertThat(result.formattable()).isTrue();
    assertThat(result.written()).isFalse();
    assertThat(result.location()).isEqualTo(folder.toAbsolutePath().normalize());
    assertThat(result.files()).hasSize(2);
    assertThat(result.changed()).singleElement().satisfies(f -> {
      assertThat(f.path()).isEqualTo(folder.resolve("a.prisma"));
      assertThat(f.before()).isEqualTo(MESSY);
      assertThat(f.after()).isEqualTo(FORMATTED);
    });
    assertThat(result.files()).filteredOn(f -> f.path().endsWith("b.prisma")).singleElement()
        .satisfies(f -> assertThat(f.changed()).isFalse());
    assertThat(Files.readString(folder.resolve("a.prisma"))).isEqualTo(MESSY);
  }

  @Test
  void format_writes_the_changed_files_only_and_leaves_no_temporary_file() throws IOException {
    Path untouched = folder.resolve("b.prisma");
    var before = Files.getLastModifiedTime(untouched);
    FormatResult result = strata().format();
    assertThat(result.written()).isTrue();
    assertThat(Files.readString(folder.resolve("a.prisma"))).isEqualTo(FORMATTED);
    assertThat(Files.getLastModifiedTime(untouched)).isEqualTo(before);
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.prisma", "b.prisma");
    }
    FormatResult again = strata().format();
    assertThat(again.changed()).isEmpty();
    assertThat(again.written()).isFalse();
  }

  @Test
  void an_invalid_schema_is_reported_and_nothing_is_written() throws IOException {
    String broken = MESSY.replace("model Coach {", "model Coach {{ oops");
    Files.writeString(folder.resolve("a.prisma"), broken);
    FormatResult result = strata().format();
    assertThat(result.formattable()).isFalse();
    assertThat(result.errors()).isNotEmpty().allSatisfy(d -> assertThat(d.isError()).isTrue());
    assertThat(result.written()).isFalse();
    assertThat(result.changed()).isEmpty();
    assertThat(Files.readString(folder.resolve("a.prisma"))).isEqualTo(broken);
  }
}
