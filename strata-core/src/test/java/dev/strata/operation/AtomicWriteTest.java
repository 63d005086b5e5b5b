package dev.strata.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AtomicWrite}: the file a user's command rewrites keeps its permissions ({@code strata
 * format} used to leave a team's schema readable by its owner only), a new file gets what any
 * program's new file gets, and a file with secrets is created for its owner only.
 */
class AtomicWriteTest {
  @TempDir Path dir;

  private static String perms(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void a_rewritten_file_keeps_its_permissions() throws IOException {
    for (String mode : new String[] {"rw-r--r--", "rw-r-----", "rwxr-xr-x", "rw-------"}) {
      Path file = dir.resolve("schema-" + mode + ".prisma");
      Files.writeString(file, "old");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
      AtomicWrite.write(file, "new");
      assertThat(Files.readString(file)).isEqualTo("new");
      assertThat(perms(file)).as("after rewriting a %s file", mode).isEqualTo(mode);
      AtomicWrite.writePrivate(file, "newer");
      assertThat(perms(file)).as("a file the user already has keeps its mode").isEqualTo(mode);
    }
    assertThat(dir.toFile().list()).noneMatch(name -> name.endsWith(".tmp"));
  }

  @Test
  void a_new_file_gets_the_permissions_of_any_new_file_and_a_secret_one_is_owner_only() throws IOException {
    Path plain = Files.createFile(dir.resolve("made-by-any-program"));
    AtomicWrite.write(dir.resolve("sub/docs.html"), "<html>");
    assertThat(perms(dir.resolve("sub/docs.html"))).isEqualTo(perms(plain));
    AtomicWrite.writePrivate(dir.resolve(".env"), "DATABASE_URL=\"postgresql://app:secret@db/app\"\n");
    assertThat(perms(dir.resolve(".env"))).isEqualTo("rw-------");
    assertThat(dir.toFile().list()).noneMatch(name -> name.endsWith(".tmp"));
  }
}
