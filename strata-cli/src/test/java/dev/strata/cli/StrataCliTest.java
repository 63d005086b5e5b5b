package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrataCliTest {
  private static final String VALID =
      """
      datasource db {
        provider = "postgresql"
      }

      model User {
        id    Int    @id @default(autoincrement())
        email String @unique
        posts Post[]
      }

      model Post {
        id       Int  @id
        authorId Int
        author   User @relation(fields: [authorId], references: [id])
      }
      """;

  @TempDir Path dir;

  private Path schema(String text) throws IOException {
    Path file = dir.resolve("prisma/schema.prisma");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void prints_version_and_help() {
    CliRun version = CliRun.in(dir, "--version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith("strata ");

    CliRun help = CliRun.in(dir, "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("validate", "format", "demo", "Exit codes");
  }

  @Test
  void every_command_and_subcommand_answers_help() {
    for (String[] args : new String[][] {
      {"validate", "--help"}, {"format", "-h"}, {"migrate", "--help"}, {"migrate", "deploy", "--help"},
      {"migrate", "diff", "--help"}, {"db", "pull", "--help"}, {"db", "push", "--help"}, {"dev", "--help"}
    }) {
      CliRun run = CliRun.in(dir, args);
      assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.all()).isZero();
      assertThat(run.out()).as(String.join(" ", args)).contains("Usage: strata");
    }
  }

  @Test
  void unknown_command_or_option_is_a_usage_error_with_exit_code_2() {
    CliRun unknown = CliRun.in(dir, "frobnicate");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("error:").doesNotContain("Exception");

    CliRun badOption = CliRun.in(dir, "validate", "--bogus");
    assertThat(badOption.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badOption.err()).contains("--bogus").contains("strata validate --help");
  }

  @Test
  void a_typo_gets_a_suggestion_and_an_unrelated_word_does_not() {
    CliRun typo = CliRun.in(dir, "migrate", "deplo");
    assertThat(typo.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(typo.err()).contains("Did you mean: deploy?").contains("strata migrate --help");
    assertThat(CliRun.in(dir, "valdate").err()).contains("Did you mean: validate?");
    assertThat(CliRun.in(dir, "migrate", "deploy", "--dryrun").err()).contains("Did you mean: --dry-run?");
    assertThat(CliRun.in(dir, "frobnicate").err()).doesNotContain("Did you mean");
    assertThat(StrataCli.isCloseTo("pul", "pull")).isTrue();
    assertThat(StrataCli.isCloseTo("stauts", "status")).isTrue();
    assertThat(StrataCli.isCloseTo("frobnicate", "migrate")).isFalse();
  }

  @Test
  void the_command_list_shows_one_complete_line_per_command() {
    CliRun help = CliRun.in(dir, "migrate", "--help");
    assertThat(help.out()).contains("  deploy   Apply pending migrations (Prisma's migrate deploy).\n");
    assertThat(CliRun.in(dir, "--help").out()).contains("  format    Format the Prisma schema exactly as 'prisma format' does.\n");
  }

  @Test
  void validate_accepts_a_valid_schema_at_the_default_location() throws IOException {
    schema(VALID);
    CliRun run = CliRun.in(dir, "validate");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out()).contains("prisma/schema.prisma is valid");
  }

  @Test
  void validate_reports_every_error_with_position_and_caret_and_exits_3() throws IOException {
    schema(VALID.replace("author   User @relation", "author   Usr  @relation").replace("email String @unique", "email Strin @unique"));
    CliRun run = CliRun.in(dir, "validate");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(run.err())
        .contains("prisma/schema.prisma:7:9")
        .contains("prisma/schema.prisma:14:12")
        .contains("^")
        .contains("is invalid: 2 errors")
        .doesNotContain("\u001b[");
  }

  @Test
  void validate_json_gives_the_same_records() throws IOException {
    schema(VALID.replace("email String @unique", "email Strin @unique"));
    CliRun run = CliRun.in(dir, "validate", "--json");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertThat(doc.get("ok").asBoolean()).isFalse();
    assertThat(doc.get("errors").asInt()).isEqualTo(1);
    JsonNode d = doc.get("diagnostics").get(0);
    assertThat(d.get("code").asText()).startsWith("PS");
    assertThat(d.get("line").asInt()).isEqualTo(7);
    assertThat(d.get("column").asInt()).isEqualTo(9);
    assertThat(d.get("file").asText()).isEqualTo("prisma/schema.prisma");
  }

  @Test
  void a_missing_schema_is_a_clear_error_without_a_stack_trace() {
    CliRun run = CliRun.in(dir, "validate");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("prisma/schema.prisma").doesNotContain("Exception").doesNotContain("\tat ");

    CliRun named = CliRun.in(dir, "validate", "--schema", "nope/schema.prisma");
    assertThat(named.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(named.err()).contains("nope/schema.prisma").doesNotContain("\tat ");
  }

  @Test
  void a_binary_file_is_refused_clearly() throws IOException {
    Path file = dir.resolve("blob.prisma");
    Files.write(file, new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1, 2, (byte) 0xff, (byte) 0xfe});
    CliRun run = CliRun.in(dir, "validate", "--schema", "blob.prisma");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("blob.prisma").contains("not a text file").doesNotContain("\tat ");
  }

  @Test
  void a_directory_without_schemas_is_refused_clearly() throws IOException {
    Files.createDirectories(dir.resolve("empty"));
    CliRun run = CliRun.in(dir, "validate", "--schema", "empty");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("empty").contains(".prisma").doesNotContain("\tat ");
  }

  @Test
  void a_ten_megabyte_schema_is_refused_with_the_limit_and_no_stack_trace() throws IOException {
    StringBuilder big = new StringBuilder(VALID);
    int i = 0;
    while (big.length() < 10 * 1024 * 1024) {
      big.append("\nmodel M").append(i++).append(" {\n  id Int @id\n}\n");
    }
    Files.writeString(dir.resolve("big.prisma"), big);
    CliRun run = CliRun.in(dir, "validate", "--schema", "big.prisma");
    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("big.prisma is too large (10.0 MiB); Strata reads schemas of up to 8.0 MiB.")
        .doesNotContain("\tat ").doesNotContain("OutOfMemory");
  }

  @Test
  void format_check_prints_a_diff_and_exits_3_without_writing() throws IOException {
    String messy = VALID.replace("email String @unique", "email    String      @unique");
    Path file = schema(messy);
    CliRun run = CliRun.in(dir, "format", "--check");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(run.out()).contains("-  email    String      @unique").contains("+  email String @unique");
    assertThat(Files.readString(file)).isEqualTo(messy);
  }

  @Test
  void format_rewrites_the_file_and_a_second_check_passes() throws IOException {
    Path file = schema(VALID.replace("email String @unique", "email    String      @unique"));
    CliRun run = CliRun.in(dir, "format");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(Files.readString(file)).isEqualTo(VALID);
    assertThat(CliRun.in(dir, "format", "--check").exitCode()).isZero();
  }

  @Test
  void format_never_rewrites_a_file_with_syntax_errors() throws IOException {
    String broken = VALID.replace("model Post {", "model Post {{ oops");
    Path file = schema(broken);
    CliRun run = CliRun.in(dir, "format");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(run.err()).contains("no file was changed");
    assertThat(Files.readString(file)).isEqualTo(broken);
  }

  @Test
  void format_never_writes_a_schema_its_added_relation_field_would_make_invalid() throws IOException {
    // prisma format names the back-relation field `posts` although User has a field of that name,
    // then refuses the result ("Field "posts" is already defined on model "User"") and writes nothing.
    String taken =
        """
        datasource db {
          provider = "postgresql"
        }

        model User {
          id    Int    @id
          posts String
        }

        model Post {
          id       Int  @id
          authorId Int
          author   User @relation(fields: [authorId], references: [id])
        }
        """;
    Path file = schema(taken);
    for (String[] args : new String[][] {{"format"}, {"format", "--check"}}) {
      CliRun run = CliRun.in(dir, args);
      assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.CHECK_FAILED);
      assertThat(run.err())
          .contains("Field \"posts\" is already defined on model \"User\"")
          .contains("no file was changed")
          .doesNotContain("Exception");
      assertThat(Files.readString(file)).isEqualTo(taken);
    }
  }

  @Test
  void format_refuses_a_schema_still_invalid_after_formatting_and_shows_the_errors() throws IOException {
    // As `prisma format` (checked with its CLI): nothing is written, the errors point into the
    // formatted text (here the aligned `name Strin` line), and the exit code is not 0.
    String invalid = VALID.replace("email String @unique", "email String @unique\n   name Strin");
    Path file = schema(invalid);
    CliRun run = CliRun.in(dir, "format");
    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(run.err())
        .contains("error[PS204]: Type \"Strin\" is neither a built-in type")
        .contains("prisma/schema.prisma:8:")
        .contains("  name  Strin")
        .contains("Not formatted: the schema is invalid, 1 error (no file was changed).");
    assertThat(run.out()).isEmpty();
    assertThat(Files.readString(file)).isEqualTo(invalid);
  }

  @Test
  void format_writes_a_schema_that_formatting_itself_fixes() throws IOException {
    // Without its back-relation field the schema is invalid; `prisma format` adds the field and writes.
    Path file = schema(VALID.replace("  posts Post[]\n", ""));
    CliRun run = CliRun.in(dir, "format");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(Files.readString(file)).isEqualTo(VALID);
    assertThat(CliRun.in(dir, "validate").exitCode()).isZero();
  }

  @Test
  void format_check_reports_an_invalid_schema_like_format() throws IOException {
    String invalid = VALID.replace("model Post {", "model Post {\n  oops !");
    Path file = schema(invalid);
    CliRun run = CliRun.in(dir, "format", "--check");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(run.err()).contains("error[PS005]").contains("no file was changed");
    assertThat(run.out()).doesNotContain("+++");
    CliRun json = CliRun.in(dir, "format", "--check", "--json");
    assertThat(json.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    JsonNode doc = new ObjectMapper().readTree(json.out());
    assertThat(doc.get("ok").asBoolean()).isFalse();
    assertThat(doc.get("errors").asInt()).isEqualTo(1);
    assertThat(doc.get("diagnostics").get(0).get("code").asText()).isEqualTo("PS005");
    assertThat(Files.readString(file)).isEqualTo(invalid);
  }

  @Test
  void validate_shows_the_syntax_error_first_as_prisma_does() throws IOException {
    // The missing `=` is a syntax error on line 2; the provider it leaves missing is reported after it.
    schema(VALID.replace("provider = \"postgresql\"", "provider \"postgresql\"").replace("author   User", "author   Usr"));
    CliRun run = CliRun.in(dir, "validate");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    String err = run.err();
    assertThat(err.indexOf("error[PS007]")).isNotNegative()
        .isLessThan(err.indexOf("error[PS204]"));
    assertThat(err.indexOf("error[PS204]")).isLessThan(err.indexOf("error[PS102]"));
  }

  @Test
  void colour_is_off_when_not_a_terminal_and_with_no_color() throws IOException {
    schema(VALID.replace("email String @unique", "email Strin @unique"));
    assertThat(CliRun.in(dir, "validate").err()).doesNotContain("\u001b[");
    assertThat(CliRun.in(dir, Map.of("FORCE_COLOR", "1"), "validate").err()).contains("\u001b[");
    assertThat(CliRun.in(dir, Map.of("FORCE_COLOR", "1", "NO_COLOR", "1"), "validate").err()).doesNotContain("\u001b[");
    assertThat(CliRun.in(dir, Map.of("FORCE_COLOR", "1"), "validate", "--no-color").err()).doesNotContain("\u001b[");
  }

  @Test
  void config_shows_where_everything_comes_from_and_masks_the_password() throws IOException {
    schema(VALID.replace("provider = \"postgresql\"", "provider = \"postgresql\"\n  url      = env(\"APP_DB\")"));
    Files.writeString(dir.resolve(".env"), "APP_DB=postgresql://app:s3cr%40t-pw@db.internal:6543/app?schema=billing\n");
    CliRun run = CliRun.in(dir, "config");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out())
        .contains("prisma/schema.prisma")
        .contains("postgresql://app:****@db.internal:6543/app?schema=billing")
        .contains("APP_DB")
        .contains("currentSchema=billing")
        .doesNotContain("s3cr");
    CliRun json = CliRun.in(dir, "config", "--json");
    assertThat(json.out()).contains("\"schema\" : \"billing\"").doesNotContain("s3cr");
  }

  @Test
  void config_reports_a_malformed_url_without_revealing_the_password() throws IOException {
    schema(VALID);
    CliRun run = CliRun.in(dir, "config", "--url", "mysql://root:hunter2@localhost/db");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.all()).contains("postgresql://").doesNotContain("hunter2").doesNotContain("\tat ");
  }

  @Test
  void a_prisma_7_config_file_names_the_schema_and_the_url() throws IOException {
    Path file = dir.resolve("db/main.prisma");
    Files.createDirectories(file.getParent());
    Files.writeString(file, VALID);
    Files.writeString(
        dir.resolve("prisma.config.ts"),
        """
        import "dotenv/config";
        import { defineConfig, env } from "prisma/config";
        export default defineConfig({
          schema: "db/main.prisma",
          datasource: { url: env("DATABASE_URL") },
        });
        """);
    Files.writeString(dir.resolve(".env"), "DATABASE_URL=postgresql://svc:topsecret@pg:5432/shop\n");
    CliRun validate = CliRun.in(dir, "validate");
    assertThat(validate.exitCode()).as(validate.all()).isZero();
    assertThat(validate.out()).contains("db/main.prisma is valid");

    CliRun config = CliRun.in(dir, "config");
    assertThat(config.out()).contains("prisma.config.ts").contains("postgresql://svc:****@pg:5432/shop").doesNotContain("topsecret");

    Files.move(dir.resolve("prisma.config.ts"), dir.resolve("other.config.ts"));
    CliRun explicit = CliRun.in(dir, "validate", "--config", "other.config.ts");
    assertThat(explicit.exitCode()).as(explicit.all()).isZero();
  }
}
