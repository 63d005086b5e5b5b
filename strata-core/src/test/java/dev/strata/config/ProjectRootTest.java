package dev.strata.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectRootTest {
  @TempDir Path repo;
  private Path sub;

  @BeforeEach
  void repository() throws IOException {
    Files.createDirectories(repo.resolve(".git")); // the search never leaves the repository
    sub = Files.createDirectories(repo.resolve("app/src/deep"));
  }

  private void write(String relative, String text) throws IOException {
    Path file = repo.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void finds_the_nearest_parent_with_a_schema() throws IOException {
    write("app/prisma/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n}\n");
    assertThat(ProjectRoot.find(sub)).contains(new ProjectRoot(repo.resolve("app"), "prisma/schema.prisma"));
    assertThat(ProjectRoot.of(repo.resolve("app"))).isEqualTo(repo.resolve("app"));
  }

  @Test
  void a_config_file_a_schema_folder_or_a_prisma_key_in_package_json_marks_a_project() throws IOException {
    write("app/prisma.config.ts", "export default {}\n");
    assertThat(ProjectRoot.find(sub).map(ProjectRoot::marker)).contains("prisma.config.ts");
    Files.delete(repo.resolve("app/prisma.config.ts"));

    Files.createDirectories(repo.resolve("app/prisma/schema"));
    assertThat(ProjectRoot.find(sub).map(ProjectRoot::marker)).contains("prisma/schema/");
    Files.delete(repo.resolve("app/prisma/schema"));

    write("app/package.json", "{\"name\": \"x\", \"dependencies\": {\"prisma\": \"7.0.0\"}}");
    assertThat(ProjectRoot.find(sub)).isEmpty();
    write("app/package.json", "{\"name\": \"x\", \"prisma\": {\"schema\": \"db/schema.prisma\"}}");
    assertThat(ProjectRoot.find(sub).map(ProjectRoot::marker)).contains("package.json");
  }

  @Test
  void without_a_project_up_to_the_repository_root_the_working_directory_is_used() {
    assertThat(ProjectRoot.find(sub)).isEmpty();
    assertThat(ProjectRoot.of(sub)).isEqualTo(sub);
  }

  @Test
  void the_configuration_reads_the_schema_env_and_migrations_of_the_project_above() throws IOException {
    write("app/prisma/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n}\n");
    write("app/.env", "DATABASE_URL=postgresql://u:pw@db:5432/app\n");
    ProjectConfig config = ProjectConfig.resolve(ProjectOptions.of(sub, Map.of()));
    assertThat(config.projectDir()).isEqualTo(repo.resolve("app"));
    assertThat(config.inParentFolder()).isTrue();
    assertThat(config.requireSchema().path()).isEqualTo(repo.resolve("app/prisma/schema.prisma"));
    assertThat(config.migrationsDir()).isEqualTo(repo.resolve("app/prisma/migrations"));
    assertThat(config.databaseUrl().host()).isEqualTo("db");
  }

  @Test
  void a_schema_named_on_the_command_line_keeps_the_working_directory() throws IOException {
    write("app/prisma/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n}\n");
    write("app/src/deep/other.prisma", "datasource db {\n  provider = \"postgresql\"\n}\n");
    ProjectConfig config = ProjectConfig.resolve(ProjectOptions.of(sub, Map.of()).withSchema("other.prisma"));
    assertThat(config.projectDir()).isEqualTo(sub);
    assertThat(config.requireSchema().path()).isEqualTo(sub.resolve("other.prisma"));
  }
}
