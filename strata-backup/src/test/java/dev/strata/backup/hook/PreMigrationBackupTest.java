package dev.strata.backup.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.StrataConfig;
import dev.strata.StrataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the backup before a deploy is wanted: by default for a database that is not on this machine. */
class PreMigrationBackupTest {
  @TempDir Path project;

  private StrataConfig config(String url, Map<String, String> env) throws Exception {
    Files.createDirectories(project.resolve("prisma"));
    Files.writeString(project.resolve("prisma/schema.prisma"), "datasource db {\n  provider = \"postgresql\"\n}\n");
    return Strata.configure().project(project).url(url).environment(env).build(); // the environment is the project's
  }

  @Test
  void auto_is_on_for_a_remote_database_and_off_for_this_machine() throws Exception {
    PreMigrationBackup hook = new PreMigrationBackup();
    assertThat(hook.wanted(config("postgresql://app@db.example.com:5432/shop", Map.of()))).isTrue();
    assertThat(hook.wanted(config("postgresql://app@10.0.0.7/shop", Map.of()))).isTrue();
    assertThat(hook.wanted(config("postgresql://app@127.0.0.1:5432/shop", Map.of()))).isFalse();
    assertThat(hook.wanted(config("postgresql://app@localhost/shop", Map.of()))).isFalse();
    assertThat(hook.wanted(config("postgresql://app@127.0.1.1/shop", Map.of()))).isFalse();
    assertThat(hook.wanted(config("postgresql://app@[::1]/shop", Map.of()))).isFalse();
    assertThat(hook.wanted(config("postgresql://app@db.example.com/shop", Map.of(PreMigrationBackup.SETTING, "false")))).isFalse();
    assertThat(hook.wanted(config("postgresql://app@localhost/shop", Map.of(PreMigrationBackup.SETTING, "yes")))).isTrue();
    assertThatThrownBy(() -> hook.wanted(config("postgresql://app@localhost/shop", Map.of(PreMigrationBackup.SETTING, "sometimes"))))
        .isInstanceOf(StrataException.class).hasMessageContaining("must be true, false or auto, not \"sometimes\"");
  }
}
