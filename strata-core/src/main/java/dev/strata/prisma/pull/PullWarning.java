package dev.strata.prisma.pull;

import java.util.List;

/**
 * One of Prisma's introspection warnings: its message and the items it is about, in the words
 * {@code prisma db pull} prints ({@code Model: "Types", field: "ah", original data type: "tsvector"}).
 */
public record PullWarning(String code, String message, List<String> affected) {
  public PullWarning {
    affected = List.copyOf(affected);
  }

  /** The warning as Prisma's CLI prints it inside its {@code *** WARNING ***} comment block. */
  public String render() {
    StringBuilder out = new StringBuilder(message).append('\n');
    for (String item : affected) {
      out.append("  - ").append(item).append('\n');
    }
    return out.toString();
  }
}
