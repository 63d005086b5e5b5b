package dev.strata.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs the CLI in-process as if a person were at the keyboard, typing {@code answers} (one per line). */
final class InteractiveRun {
  private InteractiveRun() {}

  static CliRun answering(Path workingDir, Map<String, String> env, String answers, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext(workingDir, env, new PrintWriter(out), new PrintWriter(err),
        new ByteArrayInputStream(answers.getBytes(StandardCharsets.UTF_8)), true);
    int code = StrataCli.run(ctx, args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
