package dev.strata.config;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/**
 * The project's {@code strata.toml}, read once the same way for every module that keeps settings in
 * it ({@code [lint]}, {@code [health]}, {@code [backup]}): an absent file is no settings; a file that
 * cannot be read or parsed is a configuration error naming the file, line and column.
 */
public final class StrataToml {
  /** The file's name, in the project's folder. */
  public static final String FILE = "strata.toml";

  private StrataToml() {}

  /** The parsed {@code strata.toml} of {@code projectDir}; empty when there is none. */
  public static Optional<TomlParseResult> read(Path projectDir) {
    Path file = projectDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    TomlParseResult toml;
    try {
      toml = Toml.parse(file);
    } catch (IOException e) {
      throw new StrataException(ErrorCode.CONFIG, "Could not read " + file + ": " + e.getMessage());
    }
    if (toml.hasErrors()) {
      var error = toml.errors().get(0);
      throw new StrataException(ErrorCode.CONFIG, FILE + ":" + error.position().line() + ":" + error.position().column() + ": "
          + error.getMessage());
    }
    return Optional.of(toml);
  }
}
