package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.DiagnosticCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The user docs stay true to the code: every command and every diagnostic code is documented. */
class DocsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void every_diagnostic_code_is_listed_in_the_diagnostics_doc() throws IOException {
    String doc = Files.readString(ROOT.resolve("docs/diagnostics.md"));
    DiagnosticCodes.all().forEach((code, description) -> assertThat(doc).as(code).contains("| " + code + " | " + description + " |"));
  }

  @Test
  void every_command_has_a_section_in_the_readme() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    var paths = CommandTree.paths().stream()
        .filter(path -> !path.get(0).equals("help"))
        .filter(path -> path.size() == 2 || !CommandTree.isGroup(path.get(0)))
        .toList();
    assertThat(paths).hasSizeGreaterThan(15);
    for (var path : paths) {
      String name = String.join(" ", path);
      assertThat(readme).as("README section for '%s'", name).contains("### `strata " + name + "`");
    }
  }

  @Test
  void explain_describes_a_code_and_rejects_an_unknown_one() {
    CliRun known = CliRun.in(ROOT, "explain", "ps204");
    assertThat(known.exitCode()).isZero();
    assertThat(known.out()).startsWith("PS204: ");
    CliRun unknown = CliRun.in(ROOT, "explain", "PS999");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("strata explain --list");
  }
}
