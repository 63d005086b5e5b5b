package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wording of the CLI's messages: one error prefix, unknown commands, counts, diffs, JSON errors. */
class CliMessagesTest {
  private static final String VALID = "datasource db {\n  provider = \"postgresql\"\n}\n\nmodel User {\n  id    Int    @id\n  email String\n}\n";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private void schema(String text) throws IOException {
    Files.createDirectories(dir.resolve("prisma"));
    Files.writeString(dir.resolve("prisma/schema.prisma"), text);
  }

  @Test
  void a_missing_argument_has_one_error_prefix() {
    CliRun run = CliRun.in(dir, "db", "execute");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("error: Missing required argument").doesNotContain("Error:");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void an_unknown_command_is_named_with_a_suggestion_and_the_list_hint() {
    CliRun unknown = CliRun.in(dir, "foo");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).isEqualTo("error: Unknown command 'foo'.\nRun 'strata --help' for the list of commands.\n");
    assertThat(unknown.out()).isEmpty();

    CliRun typo = CliRun.in(dir, "valdate");
    assertThat(typo.err()).isEqualTo(
        "error: Unknown command 'valdate'.\nDid you mean: validate?\nRun 'strata --help' for the list of commands.\n");

    CliRun sub = CliRun.in(dir, "migrate", "deplo");
    assertThat(sub.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(sub.err()).startsWith("error: Unknown command 'migrate deplo'.\nDid you mean: deploy?\n")
        .contains("Run 'strata migrate --help' for the list of commands.").doesNotContain("Unmatched argument");
  }

  @Test
  void an_unknown_option_keeps_its_own_message() {
    CliRun run = CliRun.in(dir, "validate", "--bogus");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("error: Unknown option: '--bogus'").contains("Run 'strata validate --help' for usage.")
        .doesNotContain("Unknown command");
  }

  @Test
  void a_usage_error_with_json_is_a_json_error_document_on_stdout_with_exit_code_2() throws IOException {
    CliRun run = CliRun.in(dir, "migrate", "deplo", "--json");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEmpty();
    JsonNode doc = JSON.readTree(run.out());
    assertThat(doc.get("ok").asBoolean()).isFalse();
    assertThat(doc.at("/error/code").asText()).isEqualTo("USAGE");
    assertThat(doc.at("/error/message").asText()).isEqualTo("Unknown command 'migrate deplo'.");
    assertThat(doc.at("/error/suggestions/0").asText()).isEqualTo("deploy");

    CliRun missing = CliRun.in(dir, "db", "execute", "--json");
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(JSON.readTree(missing.out()).at("/error/message").asText()).startsWith("Missing required argument");

    CliRun option = CliRun.in(dir, "validate", "--json", "--bogus");
    assertThat(option.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(JSON.readTree(option.out()).at("/error/code").asText()).isEqualTo("USAGE");
  }

  @Test
  void json_errors_carry_the_prisma_code_and_the_migration() throws IOException {
    schema(VALID);
    Files.createDirectories(dir.resolve("prisma/migrations"));
    CliRun run = CliRun.in(dir, "migrate", "resolve", "--applied", "20240101000000_nope", "--url",
        "postgresql://postgres:pw@127.0.0.1:1/none", "--json");
    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.ERROR);
    JsonNode error = JSON.readTree(run.out()).get("error");
    assertThat(error.get("prismaCode").asText()).isEqualTo("P3017");
    assertThat(error.get("migration").asText()).isEqualTo("20240101000000_nope");
    assertThat(error.get("message").asText()).startsWith("P3017: ");
    assertThat(error.has("sqlState")).isFalse();
  }

  @Test
  void an_unknown_host_names_the_host_and_port_and_the_json_error_its_sqlstate() throws IOException {
    schema(VALID);
    CliRun run = CliRun.in(dir, "migrate", "status", "--url", "postgresql://app:hunter2@no-such-host.invalid:6543/shop");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("no-such-host.invalid").contains("6543").contains("is unknown").doesNotContain("hunter2");

    CliRun json = CliRun.in(dir, "migrate", "status", "--json", "--url", "postgresql://app:hunter2@no-such-host.invalid:6543/shop");
    JsonNode error = JSON.readTree(json.out()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("DATABASE");
    assertThat(error.get("sqlState").asText()).isEqualTo("08001");
    assertThat(json.out()).doesNotContain("hunter2");
  }

  @Test
  void the_help_lists_only_commands_that_exist() {
    CliRun help = CliRun.in(dir, "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("  init ").contains("  health ").contains("  backup ").contains("  studio ").contains("  docs ").contains("  erd ");
  }

  @Test
  void format_check_prints_the_old_line_before_the_new_one() throws IOException {
    schema(VALID.replace("email String", "email    String"));
    CliRun run = CliRun.in(dir, "format", "--check");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(run.out()).contains("@@ -4,5 +4,5 @@\n \n model User {\n   id    Int    @id\n-  email    String\n+  email String\n }\n");
    assertThat(run.err()).contains("1 file would be reformatted.");
  }

  @Test
  void counts_of_one_are_singular() throws IOException {
    schema(VALID.replace("email String", "email Strin"));
    CliRun push = CliRun.in(dir, Map.of("DATABASE_URL", "postgresql://postgres@127.0.0.1:1/none"), "db", "push");
    assertThat(push.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(push.err()).contains("is invalid (1 error): nothing was pushed.");

    CliRun dev = CliRun.in(dir, Map.of("DATABASE_URL", "postgresql://postgres@127.0.0.1:1/none"), "migrate", "dev", "--name", "x");
    assertThat(dev.err()).contains("is invalid (1 error): nothing was changed.");

    CliRun diff = CliRun.in(dir, "migrate", "diff", "--from-empty", "--to-schema", "prisma/schema.prisma");
    assertThat(diff.err()).contains("(1 error)").doesNotContain("1 errors");

    Files.createDirectories(dir.resolve("m/20240101000000_a"));
    Files.createDirectories(dir.resolve("m/20240102000000_b"));
    CliRun twoProblems = CliRun.in(dir, "migrate", "diff", "--from-migrations", "m", "--to-empty", "--script");
    assertThat(twoProblems.err()).as(twoProblems.all()).contains("(and 1 more problem)");
  }
}
