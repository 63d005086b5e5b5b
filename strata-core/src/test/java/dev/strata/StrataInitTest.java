package dev.strata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Strata#init}: a project a Java caller starts, then validates, without a database. */
class StrataInitTest {
  @TempDir Path dir;

  @Test
  void starts_a_project_that_validates_and_masks_the_url() throws IOException {
    InitResult result = Strata.init(dir, "postgresql://app:hunter2@db:5432/shop");
    assertThat(result.created()).containsExactly("prisma/schema.prisma", "prisma.config.ts", ".env", ".gitignore");
    assertThat(result.updated()).isEmpty();
    assertThat(result.databaseUrl()).isEqualTo("postgresql://app:****@db:5432/shop");
    assertThat(result.exampleUrl()).isFalse();
    assertThat(Files.readString(dir.resolve(".env"))).contains("postgresql://app:hunter2@db:5432/shop");
    assertThat(dir.toFile().list()).noneMatch(name -> name.endsWith(".tmp"));
    // .env holds the password: its owner's only; the files a team commits are readable as any new file
    String anyNewFile = perms(Files.createFile(dir.resolve("any-new-file")));
    assertThat(perms(dir.resolve(".env"))).isEqualTo("rw-------");
    assertThat(perms(dir.resolve("prisma/schema.prisma"))).isEqualTo(anyNewFile);
    assertThat(perms(dir.resolve("prisma.config.ts"))).isEqualTo(anyNewFile);
    assertThat(perms(dir.resolve(".gitignore"))).isEqualTo(anyNewFile);

    ValidateResult validated = Strata.of(Strata.configure().schema(dir.resolve("prisma/schema.prisma")).build()).validate();
    assertThat(validated.valid()).as(validated.diagnostics().toString()).isTrue();
  }

  private static String perms(Path p) throws IOException {
    return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void keeps_what_is_there_and_refuses_a_second_schema() throws IOException {
    Files.writeString(dir.resolve(".env"), "DATABASE_URL=\"postgresql://me@localhost/mine\"\n");
    Files.writeString(dir.resolve(".gitignore"), "node_modules\n.env\n");
    InitResult result = Strata.init(dir, null);
    assertThat(result.kept()).containsExactly(".env");
    assertThat(result.updated()).containsExactly(".gitignore");
    assertThat(result.gitignoreAdded()).containsExactly(".strata/", "/backups/", "/generated/prisma");
    assertThat(result.exampleUrl()).isTrue();
    assertThat(Files.readString(dir.resolve(".env"))).isEqualTo("DATABASE_URL=\"postgresql://me@localhost/mine\"\n");

    String schema = Files.readString(dir.resolve("prisma/schema.prisma"));
    assertThatThrownBy(() -> Strata.init(dir, null))
        .isInstanceOf(StrataException.class)
        .hasMessageStartingWith("This folder already has a Prisma schema (prisma/schema.prisma)")
        .satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT));
    assertThat(Files.readString(dir.resolve("prisma/schema.prisma"))).isEqualTo(schema);
  }
}
