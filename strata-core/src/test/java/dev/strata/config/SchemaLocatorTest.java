package dev.strata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.diag.SourceFile;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaLocatorTest {

  @TempDir Path cwd;

  private Path write(String relative, String text) throws IOException {
    Path file = cwd.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  private static StrataException error(Runnable action) {
    StrataException e = catchThrowableOfType(StrataException.class, action::run);
    assertThat(e).as("expected a StrataException").isNotNull();
    return e;
  }

  // ------------------------------------------------------------------ locating

  @Test
  void finds_prisma_schema_prisma_by_default() throws Exception {
    Path file = write("prisma/schema.prisma", "model A { id Int @id }");

    SchemaLocation location = SchemaLocator.defaults(cwd, cwd);

    assertThat(location.path()).isEqualTo(file.toAbsolutePath());
    assertThat(location.directory()).isFalse();
    assertThat(location.origin()).isEqualTo("default location");
    assertThat(location.rootDir()).isEqualTo(cwd.resolve("prisma").toAbsolutePath());
  }

  @Test
  void prefers_schema_prisma_in_the_base_folder_like_prisma_does() throws Exception {
    write("prisma/schema.prisma", "");
    Path top = write("schema.prisma", "");

    assertThat(SchemaLocator.defaults(cwd, cwd).path()).isEqualTo(top.toAbsolutePath());
  }

  @Test
  void falls_back_to_a_prisma_schema_folder() throws Exception {
    write("prisma/schema/a.prisma", "");

    SchemaLocation location = SchemaLocator.defaults(cwd, cwd);

    assertThat(location.directory()).isTrue();
    assertThat(location.rootDir()).isEqualTo(cwd.resolve("prisma/schema").toAbsolutePath());
  }

  @Test
  void looks_in_the_base_folder_and_shows_paths_relative_to_the_working_directory() throws Exception {
    write("app/prisma/schema.prisma", "");

    assertThat(SchemaLocator.defaults(cwd, cwd.resolve("app")).path())
        .isEqualTo(cwd.resolve("app/prisma/schema.prisma").toAbsolutePath());
    StrataException e = error(() -> SchemaLocator.defaults(cwd, cwd.resolve("other")));
    assertThat(e.getMessage()).contains("other/prisma/schema.prisma");
  }

  @Test
  void reports_every_default_place_it_looked_at() {
    StrataException e = error(() -> SchemaLocator.defaults(cwd, cwd));

    assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND);
    assertThat(e.getMessage())
        .startsWith("Could not find a Prisma schema at prisma/schema.prisma. Pass --schema")
        .contains("schema.prisma: not found")
        .contains("prisma/schema.prisma: not found")
        .contains("prisma/schema/: not found");
  }

  @Test
  void explains_a_folder_where_a_default_schema_file_is_expected() throws Exception {
    Files.createDirectories(cwd.resolve("schema.prisma"));

    assertThat(error(() -> SchemaLocator.defaults(cwd, cwd)).getMessage()).contains("schema.prisma: a folder, expected a file");
  }

  @Test
  void takes_an_explicit_file_or_folder_relative_to_the_working_directory() throws Exception {
    write("db/main.prisma", "");

    SchemaLocation file = SchemaLocator.explicit(cwd, "db/main.prisma");
    SchemaLocation folder = SchemaLocator.explicit(cwd, "db");

    assertThat(file.directory()).isFalse();
    assertThat(file.origin()).isEqualTo("--schema");
    assertThat(folder.directory()).isTrue();
  }

  @Test
  void reports_a_missing_explicit_schema() {
    StrataException e = error(() -> SchemaLocator.explicit(cwd, "nope/schema.prisma"));

    assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND);
    assertThat(e.getMessage()).isEqualTo(
        "Could not load --schema nope/schema.prisma: no such file or folder. Pass the path of a .prisma file or of a folder of .prisma files.");
  }

  @Test
  void reports_a_missing_schema_from_the_config_file() {
    StrataException e = error(() -> SchemaLocator.fromConfig(cwd, cwd.resolve("gone.prisma"), "prisma.config.ts"));

    assertThat(e.getMessage()).isEqualTo(
        "Could not load the schema gone.prisma set in prisma.config.ts: no such file or folder. Fix `schema` there, or pass --schema.");
  }

  // ------------------------------------------------------------------ reading

  @Test
  void reads_a_single_file_with_its_path_as_the_user_writes_it() throws Exception {
    write("prisma/schema.prisma", "model A {\n  id Int @id\n}\n");

    SchemaSources sources = SchemaLocator.read(cwd, SchemaLocator.defaults(cwd, cwd));

    assertThat(sources.sources()).containsExactly(new SourceFile("prisma/schema.prisma", "model A {\n  id Int @id\n}\n"));
    assertThat(sources.files()).containsExactly(cwd.resolve("prisma/schema.prisma").toAbsolutePath());
  }

  @Test
  void reads_every_prisma_file_of_a_folder_recursively_sorted_by_path() throws Exception {
    write("prisma/schema/b.prisma", "b");
    write("prisma/schema/a.prisma", "a");
    write("prisma/schema/models/c.prisma", "c");
    write("prisma/schema/notes.md", "not a schema");
    write("prisma/schema/migrations/1_init/migration.sql", "");

    SchemaSources sources = SchemaLocator.read(cwd, SchemaLocator.explicit(cwd, "prisma/schema"));

    assertThat(sources.sources())
        .extracting(SourceFile::path)
        .containsExactly("prisma/schema/a.prisma", "prisma/schema/b.prisma", "prisma/schema/models/c.prisma");
  }

  @Test
  void follows_linked_folders_once_without_looping() throws Exception {
    write("prisma/schema/a.prisma", "a");
    try {
      Files.createSymbolicLink(cwd.resolve("prisma/schema/loop"), cwd.resolve("prisma/schema"));
    } catch (UnsupportedOperationException | IOException e) {
      assumeFalse(true, "symbolic links are not available here");
    }

    SchemaSources sources = SchemaLocator.read(cwd, SchemaLocator.explicit(cwd, "prisma/schema"));

    assertThat(sources.sources()).extracting(SourceFile::path).containsExactly("prisma/schema/a.prisma");
  }

  @Test
  void refuses_a_folder_without_prisma_files() throws Exception {
    write("db/readme.txt", "");

    StrataException e = error(() -> SchemaLocator.read(cwd, SchemaLocator.explicit(cwd, "db")));

    assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND);
    assertThat(e.getMessage()).isEqualTo("The schema folder db contains no .prisma files.");
  }

  @Test
  void strips_a_utf8_byte_order_mark() throws Exception {
    Path file = cwd.resolve("schema.prisma");
    Files.write(file, ("\uFEFFmodel A {}").getBytes(StandardCharsets.UTF_8));

    assertThat(SchemaLocator.read(cwd, SchemaLocator.defaults(cwd, cwd)).sources().get(0).text()).isEqualTo("model A {}");
  }

  @Test
  void refuses_a_file_with_nul_bytes_as_not_text() throws Exception {
    Files.write(cwd.resolve("schema.prisma"), new byte[] {'m', 'o', 0, 'd'});

    StrataException e = error(() -> SchemaLocator.read(cwd, SchemaLocator.defaults(cwd, cwd)));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(e.getMessage()).isEqualTo("schema.prisma is not a text file (it contains a NUL byte at offset 2).");
  }

  @Test
  void refuses_invalid_utf8_as_not_text() throws Exception {
    Files.write(cwd.resolve("schema.prisma"), new byte[] {'a', 'b', (byte) 0xC3, '(', 'x'});

    StrataException e = error(() -> SchemaLocator.read(cwd, SchemaLocator.defaults(cwd, cwd)));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(e.getMessage()).isEqualTo("schema.prisma is not a text file (it is not valid UTF-8 at byte offset 2).");
  }

  @Test
  void refuses_a_ten_megabyte_schema_without_reading_it() throws Exception {
    Path file = cwd.resolve("schema.prisma");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(10L * 1024 * 1024); // sparse: cheap to create
    }

    StrataException e = error(() -> SchemaLocator.read(cwd, SchemaLocator.defaults(cwd, cwd)));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(e.getMessage()).isEqualTo("schema.prisma is too large (10.0 MiB); Strata reads schemas of up to 8.0 MiB.");
  }

  @Test
  void refuses_a_folder_whose_files_together_are_too_large() throws Exception {
    Files.createDirectories(cwd.resolve("s"));
    for (String name : new String[] {"a.prisma", "b.prisma"}) {
      try (RandomAccessFile raf = new RandomAccessFile(cwd.resolve("s").resolve(name).toFile(), "rw")) {
        raf.setLength(5L * 1024 * 1024);
      }
    }

    StrataException e = error(() -> SchemaLocator.read(cwd, SchemaLocator.explicit(cwd, "s")));

    assertThat(e.getMessage()).isEqualTo("The schema files under s are too large (10.0 MiB); Strata reads schemas of up to 8.0 MiB.");
  }

  @Test
  void maps_a_permission_failure_to_a_clear_message() {
    StrataException e =
        SchemaLocator.readFailure(cwd, cwd.resolve("prisma/schema.prisma"), new AccessDeniedException("x"));

    assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND);
    assertThat(e.getMessage()).isEqualTo("Could not read prisma/schema.prisma: permission denied.");
  }

  @Test
  void reports_an_unreadable_file_when_permissions_apply() throws Exception {
    Path file = write("schema.prisma", "model A {}");
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    } catch (UnsupportedOperationException e) {
      assumeFalse(true, "POSIX permissions are not available here");
    }
    // root reads everything regardless of permissions; the mapping itself is tested above.
    assumeFalse(Files.isReadable(file), "this user can read files without permission (root)");

    StrataException e = error(() -> SchemaLocator.read(cwd, SchemaLocator.defaults(cwd, cwd)));

    assertThat(e.getMessage()).isEqualTo("Could not read schema.prisma: permission denied.");
  }

  @Test
  void refuses_a_special_file_given_as_schema() {
    Path devNull = Path.of("/dev/null");
    assumeFalse(!Files.exists(devNull), "no /dev/null here");

    StrataException e = error(() -> SchemaLocator.read(cwd, SchemaLocator.explicit(cwd, devNull.toString())));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(e.getMessage()).contains("is not a regular file");
  }
}
