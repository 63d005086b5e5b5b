package dev.strata.prisma.pull;

import java.util.List;
import java.util.Map;

/**
 * What introspection produced: the formatted text of every schema file (keyed by path, in order)
 * and Prisma's warnings about it.
 */
public record PullResult(Map<String, String> files, List<PullWarning> warnings) {
  public PullResult {
    files = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(files));
    warnings = List.copyOf(warnings);
  }

  /** The text of the only file, or all files joined in order (what {@code db pull --print} shows). */
  public String text() {
    return String.join("\n", files.values());
  }

  /** The warnings as Prisma's CLI prints them after the schema ({@code // *** WARNING ***}); empty when none. */
  public String warningText() {
    if (warnings.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("// *** WARNING ***\n// \n");
    for (PullWarning w : warnings) {
      for (String line : w.render().split("\n")) {
        out.append("// ").append(line).append('\n');
      }
      out.append("// \n");
    }
    return out.toString();
  }
}
