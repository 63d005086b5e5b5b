package dev.strata.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** Runs the CLI in-process with captured streams: what a user would see, and the exit code. */
record CliRun(int exitCode, String out, String err) {

  static CliRun in(Path workingDir, String... args) {
    return in(workingDir, Map.of(), args);
  }

  static CliRun in(Path workingDir, Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx =
        new CliContext(
            workingDir, env, new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]), false);
    int code = StrataCli.run(ctx, args);
    return new CliRun(code, out.toString(), err.toString());
  }

  String all() {
    return out + err;
  }
}
