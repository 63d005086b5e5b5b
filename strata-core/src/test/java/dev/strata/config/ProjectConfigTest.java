package dev.strata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.diag.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectConfigTest {

  @TempDir Path cwd;

  private Path write(String relative, String text) throws IOException {
    Path file = cwd.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  private ProjectOptions options(Map<String, String> env) {
    return ProjectOptions.of(cwd, env);
  }

  private static StrataException error(Runnable action) {
    StrataException e = catchThrowableOfType(StrataException.class, action::run);
    assertThat(e).as("expected a StrataException").isNotNull();
    return e;
  }

  // ------------------------------------------------------------------ Prisma 6 layout (no config file)

  @Test
  void resolves_a_classic_prisma_six_project() throws Exception {
    write("package.json", "{}");
    write("prisma/schema.prisma", "datasource db { provider = \"postgresql\" }");
    write(".env", "DATABASE_URL=\"postgresql://app:pw@localhost:5432/app?schema=public\"\n");

    ProjectConfig config = ProjectConfig.resolve(options(Map.of()));

    assertThat(config.configFile()).isEmpty();
    assertThat(config.schema().orElseThrow().path()).isEqualTo(cwd.resolve("prisma/schema.prisma").toAbsolutePath());
    assertThat(config.migrationsDir()).isEqualTo(cwd.resolve("prisma/migrations").toAbsolutePath());
    assertThat(config.url().orElseThrow().origin()).isEqualTo("DATABASE_URL (from .env)");
    assertThat(config.databaseUrl().database()).contains("app");
    assertThat(config.readSchema().sources()).extracting(SourceFile::path).containsExactly("prisma/schema.prisma");
    assertThat(config.warnings()).isEmpty();
  }

  @Test
  void reads_the_project_root_env_before_the_schema_folder_env() throws Exception {
    write("package.json", "{}");
    write("prisma/schema.prisma", "");
    write(".env", "A=root\n");
    write("prisma/.env", "A=schema\nB=schema\n");

    Environment env = ProjectConfig.resolve(options(Map.of())).environment();

    assertThat(env.describe("A")).isEqualTo("A (from .env)");
    assertThat(env.describe("B")).isEqualTo("B (from prisma/.env)");
    assertThat(env.loadedFiles()).containsExactly(".env", "prisma/.env");
  }

  @Test
  void reads_the_env_beside_an_explicit_schema_and_expands_variables() throws Exception {
    write("db/schema.prisma", "");
    write("db/.env", "HOST=dbhost\nDATABASE_URL=postgresql://u@${HOST}/d\n");

    ProjectConfig config = ProjectConfig.resolve(options(Map.of()).withSchema("db/schema.prisma"));

    assertThat(config.environment().describe("DATABASE_URL")).isEqualTo("DATABASE_URL (from db/.env)");
    assertThat(config.databaseUrl().host()).isEqualTo("dbhost");
    assertThat(config.migrationsDir()).isEqualTo(cwd.resolve("db/migrations").toAbsolutePath());
  }

  @Test
  void the_process_environment_wins_over_env_files() throws Exception {
    write("prisma/schema.prisma", "");
    write(".env", "DATABASE_URL=postgresql://file/db\n");

    ProjectConfig config = ProjectConfig.resolve(options(Map.of("DATABASE_URL", "postgresql://process/db")));

    assertThat(config.databaseUrl().host()).isEqualTo("process");
    assertThat(config.url().orElseThrow().origin()).isEqualTo("DATABASE_URL (from the environment)");
  }

  // ------------------------------------------------------------------ Prisma 7 layout (config file)

  @Test
  void resolves_a_prisma_seven_project_from_its_config_file() throws Exception {
    write(
        "prisma.config.ts",
        """
        import "dotenv/config";
        import { defineConfig, env } from "prisma/config";
        export default defineConfig({
          schema: "db/schema",
          migrations: { path: "db/migrations" },
          datasource: { url: env("APP_DB"), shadowDatabaseUrl: env("APP_SHADOW") },
        });
        """);
    write("db/schema/a.prisma", "");
    write(".env", "APP_DB=postgresql://u:pw@h/app\nAPP_SHADOW=postgresql://u:pw@h/shadow\nX=${APP_DB}\n");

    ProjectConfig config = ProjectConfig.resolve(options(Map.of()));

    assertThat(config.configFile()).isPresent();
    assertThat(config.schema().orElseThrow().directory()).isTrue();
    assertThat(config.schema().orElseThrow().origin()).isEqualTo("prisma.config.ts");
    assertThat(config.migrationsDir()).isEqualTo(cwd.resolve("db/migrations").toAbsolutePath());
    assertThat(config.url().orElseThrow().origin()).isEqualTo("APP_DB (from .env), named by prisma.config.ts datasource.url");
    assertThat(config.databaseUrl().database()).contains("app");
    assertThat(config.shadowDatabaseUrl().orElseThrow().database()).contains("shadow");
    // plain dotenv does not expand variables
    assertThat(config.environment().get("X")).contains("${APP_DB}");
  }

  @Test
  void does_not_load_env_files_when_the_config_file_does_not_import_dotenv() throws Exception {
    write("prisma.config.ts", "export default defineConfig({ datasource: { url: env('DATABASE_URL') } })");
    write("prisma/schema.prisma", "");
    write(".env", "DATABASE_URL=postgresql://file/db\n");

    ProjectConfig config = ProjectConfig.resolve(options(Map.of()));

    assertThat(config.environment().loadedFiles()).isEmpty();
    assertThat(config.url()).isEmpty();
    StrataException e = error(config::databaseUrl);
    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
    assertThat(e.getMessage())
        .startsWith("No database URL is configured. Looked at:")
        .contains("--url: not given")
        .contains("prisma.config.ts datasource.url = env(\"DATABASE_URL\"): DATABASE_URL is not set in the environment (no .env file was loaded)")
        .contains("Set DATABASE_URL (in the environment or .env) or pass --url.");
  }

  @Test
  void looks_for_the_default_schema_beside_the_config_file() throws Exception {
    write("app/prisma.config.ts", "export default {}");
    write("app/prisma/schema.prisma", "");

    ProjectConfig config = ProjectConfig.resolve(options(Map.of()).withConfigFile("app/prisma.config.ts"));

    assertThat(config.schema().orElseThrow().path()).isEqualTo(cwd.resolve("app/prisma/schema.prisma").toAbsolutePath());
    assertThat(config.migrationsDir()).isEqualTo(cwd.resolve("app/prisma/migrations").toAbsolutePath());
  }

  @Test
  void reports_a_missing_explicit_config_file() {
    StrataException e = error(() -> ProjectConfig.resolve(options(Map.of()).withConfigFile("nope.config.ts")));

    assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND);
  }

  @Test
  void reports_a_schema_path_from_the_config_that_does_not_exist() throws Exception {
    write("prisma.config.ts", "export default { schema: 'missing.prisma' }");

    StrataException e = error(() -> ProjectConfig.resolve(options(Map.of())));

    assertThat(e.getMessage()).contains("missing.prisma set in prisma.config.ts");
  }

  @Test
  void warns_and_falls_back_when_config_values_are_not_readable() throws Exception {
    write(
        "prisma.config.ts",
        "export default defineConfig({ schema: pick(), migrations: { path: dir() }, datasource: { url: makeUrl() } })");
    write("prisma/schema.prisma", "");

    ProjectConfig config = ProjectConfig.resolve(options(Map.of("DATABASE_URL", "postgresql://h/d")));

    assertThat(config.schema().orElseThrow().path()).isEqualTo(cwd.resolve("prisma/schema.prisma").toAbsolutePath());
    assertThat(config.migrationsDir()).isEqualTo(cwd.resolve("prisma/migrations").toAbsolutePath());
    assertThat(config.url().orElseThrow().origin()).isEqualTo("DATABASE_URL (from the environment)");
    assertThat(config.warnings())
        .anySatisfy(w -> assertThat(w).contains("schema to pick()"))
        .anySatisfy(w -> assertThat(w).contains("migrations.path to dir()"))
        .anySatisfy(w -> assertThat(w).contains("datasource.url = makeUrl(): not statically readable; set DATABASE_URL or pass --url."));
  }

  // ------------------------------------------------------------------ precedence

  @Test
  void command_line_flags_win_over_everything() throws Exception {
    write("prisma.config.ts", "export default { schema: 'a.prisma', migrations: { path: 'm' }, datasource: { url: 'postgresql://config/db' } }");
    write("a.prisma", "");
    write("b.prisma", "");

    ProjectConfig config =
        ProjectConfig.resolve(
            options(Map.of("DATABASE_URL", "postgresql://env/db"))
                .withSchema("b.prisma")
                .withMigrations("flags/migrations")
                .withUrl("postgresql://flag/db")
                .withShadowUrl("postgresql://flag/shadow"));

    assertThat(config.schema().orElseThrow().path()).isEqualTo(cwd.resolve("b.prisma").toAbsolutePath());
    assertThat(config.migrationsDir()).isEqualTo(cwd.resolve("flags/migrations").toAbsolutePath());
    assertThat(config.databaseUrl().host()).isEqualTo("flag");
    assertThat(config.url().orElseThrow().origin()).isEqualTo("--url");
    assertThat(config.shadowDatabaseUrl().orElseThrow().database()).contains("shadow");
  }

  @Test
  void the_config_url_wins_over_the_schema_and_database_url() throws Exception {
    write("prisma.config.ts", "export default { datasource: { url: 'postgresql://config/db' } }");

    ProjectConfig config =
        ProjectConfig.resolve(options(Map.of("DATABASE_URL", "postgresql://env/db")).withSchemaDatasourceUrl("OTHER"));

    assertThat(config.databaseUrl().host()).isEqualTo("config");
    assertThat(config.url().orElseThrow().origin()).isEqualTo("prisma.config.ts datasource.url");
  }

  @Test
  void the_schema_datasource_env_var_wins_over_database_url() throws Exception {
    ProjectConfig config =
        ProjectConfig.resolve(options(Map.of("DATABASE_URL", "postgresql://env/db", "PRIMARY_URL", "postgresql://primary/db")))
            .withSchemaDatasourceUrl("PRIMARY_URL");

    assertThat(config.databaseUrl().host()).isEqualTo("primary");
    assertThat(config.url().orElseThrow().origin()).isEqualTo("PRIMARY_URL (from the environment)");
  }

  @Test
  void an_empty_variable_counts_as_unset_like_prisma_env() {
    ProjectConfig config = ProjectConfig.resolve(options(Map.of("DATABASE_URL", "")));

    assertThat(config.url()).isEmpty();
    assertThat(error(config::databaseUrl).getMessage()).contains("DATABASE_URL: not set");
  }

  @Test
  void a_literal_schema_datasource_url_is_used_as_is() {
    ProjectConfig config =
        ProjectConfig.resolve(options(Map.of()).withSchemaDatasourceUrl("postgresql://literal/db"));

    assertThat(config.databaseUrl().host()).isEqualTo("literal");
  }

  @Test
  void falls_back_to_database_url_when_the_schema_env_var_is_unset_and_says_so_when_nothing_is_set() {
    ProjectConfig config = ProjectConfig.resolve(options(Map.of())).withSchemaDatasourceUrl("PRIMARY_URL");

    StrataException e = error(config::databaseUrl);

    assertThat(e.getMessage())
        .contains("the schema's datasource url = env(\"PRIMARY_URL\"): PRIMARY_URL is not set")
        .contains("DATABASE_URL: not set");
  }

  // ------------------------------------------------------------------ problems

  @Test
  void a_missing_schema_is_reported_only_when_required() {
    ProjectConfig config = ProjectConfig.resolve(options(Map.of()));

    assertThat(config.schema()).isEmpty();
    assertThat(config.migrationsDir()).isEqualTo(cwd.resolve("prisma/migrations").toAbsolutePath());
    StrataException e = error(config::requireSchema);
    assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND);
    assertThat(e.getMessage()).startsWith("Could not find a Prisma schema at prisma/schema.prisma.");
  }

  @Test
  void a_malformed_url_names_its_origin_and_never_shows_the_password() throws Exception {
    write(".env", "DATABASE_URL=postgresql://admin:p@ss:w/rd@db/app\n");

    ProjectConfig config = ProjectConfig.resolve(options(Map.of()));
    StrataException e = error(config::databaseUrl);

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
    assertThat(e.getMessage())
        .startsWith("The database URL from DATABASE_URL (from .env) is not usable:")
        .contains("postgresql://admin:****@db/app")
        .doesNotContain("p@ss:w/rd");
    assertThat(config.toString()).doesNotContain("p@ss:w/rd").doesNotContain("w/rd");
  }

  @Test
  void printing_the_configuration_never_shows_passwords() {
    ProjectConfig config =
        ProjectConfig.resolve(
            options(Map.of("DATABASE_URL", "postgresql://u:hunter2@h/d", "API_TOKEN", "t0ps3cret"))
                .withShadowUrl("postgresql://u:hunter3@h/s"));

    assertThat(config.toString()).doesNotContain("hunter2").doesNotContain("hunter3").doesNotContain("t0ps3cret");
    assertThat(config.options().toString()).doesNotContain("hunter3").doesNotContain("t0ps3cret");
  }

  @Test
  void a_missing_explicit_schema_fails_resolution() {
    StrataException e = error(() -> ProjectConfig.resolve(options(Map.of()).withSchema("nope.prisma")));

    assertThat(e.getMessage()).startsWith("Could not load --schema nope.prisma");
  }
}
