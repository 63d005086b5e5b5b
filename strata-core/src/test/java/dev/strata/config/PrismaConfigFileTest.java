package dev.strata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.config.ConfigValue.EnvVar;
import dev.strata.config.ConfigValue.Literal;
import dev.strata.config.ConfigValue.Unreadable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrismaConfigFileTest {

  private static final Path FILE = Path.of("/project/prisma.config.ts");

  private static PrismaConfigFile parse(String text) {
    return PrismaConfigFile.parse(FILE, text);
  }

  @Test
  void reads_the_prisma_init_template() {
    PrismaConfigFile config =
        parse(
            """
            import "dotenv/config";
            import { defineConfig, env } from "prisma/config";

            export default defineConfig({
              schema: "prisma/schema.prisma",
              migrations: {
                path: "prisma/migrations",
                seed: "tsx prisma/seed.ts",
              },
              datasource: {
                url: env("DATABASE_URL"),
                shadowDatabaseUrl: env("SHADOW_DATABASE_URL"),
              },
              views: { path: "prisma/views" },
            });
            """);

    assertThat(config.schema()).contains(new Literal("prisma/schema.prisma"));
    assertThat(config.migrationsPath()).contains(new Literal("prisma/migrations"));
    assertThat(config.seed()).contains(new Literal("tsx prisma/seed.ts"));
    assertThat(config.viewsPath()).contains(new Literal("prisma/views"));
    assertThat(config.datasourceUrl()).contains(new EnvVar("DATABASE_URL", Optional.empty()));
    assertThat(config.shadowDatabaseUrl()).contains(new EnvVar("SHADOW_DATABASE_URL", Optional.empty()));
    assertThat(config.dotenvFiles()).containsExactly(".env");
    assertThat(config.notes()).isEmpty();
  }

  @Test
  void reads_the_satisfies_form_with_process_env() {
    PrismaConfigFile config =
        parse(
            """
            import type { PrismaConfig } from 'prisma'
            export default {
              schema: 'db/schema',
              datasource: { url: process.env["DATABASE_URL"], shadowDatabaseUrl: process.env.SHADOW_URL! },
            } satisfies PrismaConfig
            """);

    assertThat(config.schema()).contains(new Literal("db/schema"));
    assertThat(config.datasourceUrl()).contains(new EnvVar("DATABASE_URL", Optional.empty()));
    assertThat(config.shadowDatabaseUrl()).contains(new EnvVar("SHADOW_URL", Optional.empty()));
    assertThat(config.dotenvFiles()).isEmpty();
  }

  @Test
  void reads_a_literal_url_and_an_env_fallback() {
    PrismaConfigFile config =
        parse(
            """
            export default defineConfig({
              datasource: {
                url: "postgresql://localhost/app",
                shadowDatabaseUrl: process.env.SHADOW ?? "postgresql://localhost/shadow",
              },
            })
            """);

    assertThat(config.datasourceUrl()).contains(new Literal("postgresql://localhost/app"));
    assertThat(config.shadowDatabaseUrl())
        .contains(new EnvVar("SHADOW", Optional.of("postgresql://localhost/shadow")));
  }

  @Test
  void records_expressions_it_cannot_evaluate_with_their_text() {
    PrismaConfigFile config =
        parse(
            """
            export default defineConfig({
              schema: getSchemaPath(),
              datasource: { url: `postgresql://${user}@localhost/app` },
            })
            """);

    assertThat(config.schema()).contains(new Unreadable("getSchemaPath()"));
    assertThat(config.datasourceUrl()).contains(new Unreadable("`postgresql://${user}@localhost/app`"));
  }

  @Test
  void follows_a_named_const_and_shorthand_properties() {
    PrismaConfigFile config =
        parse(
            """
            const schema = "custom/schema.prisma";
            const datasource = { url: env<Env>("DB_URL") };
            const config = defineConfig({ schema, datasource });
            export default config;
            """);

    assertThat(config.schema()).contains(new Literal("custom/schema.prisma"));
    assertThat(config.datasourceUrl()).contains(new EnvVar("DB_URL", Optional.empty()));
  }

  @Test
  void reads_module_exports_and_a_typed_const() {
    PrismaConfigFile config =
        parse(
            """
            const { defineConfig } = require("prisma/config");
            const cfg: PrismaConfig = { schema: "s.prisma" };
            module.exports = cfg;
            """);

    assertThat(config.schema()).contains(new Literal("s.prisma"));
  }

  @Test
  void evaluates_path_join_of_literals() {
    PrismaConfigFile config =
        parse(
            """
            import path from "node:path";
            export default defineConfig({
              schema: path.join("prisma", "schema"),
              migrations: { path: path.join(__dirname, "db", "migrations") },
              views: { path: path.join(process.cwd(), "prisma/views/") },
            });
            """);

    assertThat(config.schema()).contains(new Literal("prisma/schema"));
    assertThat(config.migrationsPath()).contains(new Literal("db/migrations"));
    assertThat(config.viewsPath()).contains(new Literal("prisma/views"));
  }

  @Test
  void ignores_comments_and_strings_that_look_like_config() {
    PrismaConfigFile config =
        parse(
            """
            // export default { schema: "wrong.prisma" }
            /* schema: "also-wrong" */
            const note = "export default {";
            export default defineConfig({
              // schema: "commented.prisma",
              schema: "right.prisma", // trailing comment
              migrations: { seed: 'node -e "console.log(\\'}\\')"' },
            });
            """);

    assertThat(config.schema()).contains(new Literal("right.prisma"));
    assertThat(config.seed()).contains(new Literal("node -e \"console.log('}')\""));
  }

  @Test
  void records_dotenv_files_loaded_by_the_config() {
    PrismaConfigFile config =
        parse(
            """
            import { config } from "dotenv";
            config({ path: ".env.local" });
            config();
            process.loadEnvFile("extra.env");
            export default defineConfig({ schema: "s.prisma" });
            """);

    assertThat(config.dotenvFiles()).containsExactly(".env.local", ".env", "extra.env");
  }

  @Test
  void records_dotenv_require_forms() {
    assertThat(parse("require('dotenv').config({ path: ['.env.test', '.env'] }); export default {}").dotenvFiles())
        .containsExactly(".env.test", ".env");
    assertThat(parse("require(\"dotenv/config\"); module.exports = {}").dotenvFiles()).containsExactly(".env");
  }

  @Test
  void notes_a_missing_default_export_and_spreads() {
    assertThat(parse("const x = 1;").notes()).singleElement().asString().contains("export default");
    assertThat(parse("export default defineConfig({ ...base, schema: 'a.prisma' })").notes())
        .singleElement()
        .asString()
        .contains("...base");
  }

  @Test
  void skips_methods_and_unknown_keys() {
    PrismaConfigFile config =
        parse(
            """
            export default defineConfig({
              experimental: { adapter: true },
              async adapter() { return { url: "nope" } },
              tables: { external: ["a", "b"] },
              "schema": "quoted-key.prisma",
            });
            """);

    assertThat(config.schema()).contains(new Literal("quoted-key.prisma"));
    assertThat(config.datasourceUrl()).isEmpty();
  }

  @Test
  void never_throws_on_odd_or_truncated_typescript() {
    String valid =
        "import \"dotenv/config\";\nexport default defineConfig({ schema: path.join('a', `b`), migrations: { path: env(\"X\") },"
            + " datasource: { url: process.env.X ?? 'y' }, views: { path: (((\"v\"))) as string } }) satisfies PrismaConfig;";
    for (int cut = 0; cut <= valid.length(); cut++) {
      assertThat(parse(valid.substring(0, cut))).isNotNull();
    }
    Random random = new Random(42);
    String alphabet = "{}()[]<>,.:;?!'\"`${}\\/*=+- \nabcenvprocessexportdefault";
    for (int round = 0; round < 2000; round++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(60);
      for (int k = 0; k < length; k++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      assertThat(parse(text.toString())).isNotNull();
    }
    assertThat(parse(null).notes()).isNotEmpty();
    assertThat(parse("export default " + "{a:".repeat(5000))).isNotNull();
  }

  @Test
  void resolves_values_against_an_environment() {
    Environment env = Environment.of(Map.of("DATABASE_URL", "postgresql://h/d"));

    assertThat(new EnvVar("DATABASE_URL", Optional.empty()).resolve(env)).contains("postgresql://h/d");
    assertThat(new EnvVar("MISSING", Optional.of("fallback")).resolve(env)).contains("fallback");
    assertThat(new EnvVar("MISSING", Optional.empty()).resolve(env)).isEmpty();
    assertThat(new Literal("x").resolve(env)).contains("x");
    assertThat(new Unreadable("f()").resolve(env)).isEmpty();
    assertThat(new EnvVar("DATABASE_URL", Optional.empty()).source()).isEqualTo("env(\"DATABASE_URL\")");
  }

  @Test
  void a_literal_never_prints_a_password() {
    assertThat(new Literal("postgresql://u:hunter2@h/d").toString()).doesNotContain("hunter2");
  }

  // ------------------------------------------------------------------ finding the file

  @Test
  void finds_config_files_in_prismas_order(@TempDir Path dir) throws Exception {
    assertThat(PrismaConfigFile.find(dir)).isEmpty();

    Files.createDirectories(dir.resolve(".config"));
    Files.writeString(dir.resolve(".config/prisma.ts"), "export default {}");
    assertThat(PrismaConfigFile.find(dir)).contains(dir.resolve(".config/prisma.ts"));

    Files.writeString(dir.resolve("prisma.config.mts"), "export default {}");
    assertThat(PrismaConfigFile.find(dir)).contains(dir.resolve("prisma.config.mts"));

    Files.writeString(dir.resolve("prisma.config.ts"), "export default {}");
    assertThat(PrismaConfigFile.find(dir)).contains(dir.resolve("prisma.config.ts"));

    Files.writeString(dir.resolve("prisma.config.js"), "export default {}");
    assertThat(PrismaConfigFile.find(dir)).contains(dir.resolve("prisma.config.js"));

    Files.writeString(dir.resolve("prisma7.config.ts"), "export default {}");
    assertThat(PrismaConfigFile.find(dir)).contains(dir.resolve("prisma7.config.ts"));
  }

  @Test
  void ignores_a_directory_named_like_a_config_file(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("prisma.config.ts"));

    assertThat(PrismaConfigFile.find(dir)).isEmpty();
  }

  @Test
  void loads_and_reports_its_directory(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("prisma.config.ts"), "export default { schema: 'x.prisma' }");

    PrismaConfigFile config = PrismaConfigFile.load(dir).orElseThrow();

    assertThat(config.directory()).isEqualTo(dir.toAbsolutePath());
    assertThat(config.fileName()).isEqualTo("prisma.config.ts");
    assertThat(config.schema()).contains(new Literal("x.prisma"));
  }

  @Test
  void reading_a_missing_file_is_a_file_not_found_error(@TempDir Path dir) {
    assertThatThrownBy(() -> PrismaConfigFile.read(dir.resolve("prisma.config.ts")))
        .isInstanceOfSatisfying(StrataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND))
        .hasMessageContaining("does not exist");
  }
}
