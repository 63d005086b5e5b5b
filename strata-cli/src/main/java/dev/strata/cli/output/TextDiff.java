package dev.strata.cli.output;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two texts, line by line (longest common subsequence), as {@code diff -u} prints it. */
public final class TextDiff {
  private static final int CONTEXT = 3;

  private TextDiff() {}

  private record Op(char kind, String line, int oldLine, int newLine) {}

  public static String unified(String path, String before, String after) {
    List<String> a = lines(before);
    List<String> b = lines(after);
    List<Op> ops = ops(a, b);
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(path).append('\n');
    out.append("+++ ").append(path).append(" (formatted)").append('\n');
    int i = 0;
    while (i < ops.size()) {
      if (ops.get(i).kind == ' ') {
        i++;
        continue;
      }
      int start = Math.max(0, i - CONTEXT);
      int end = i;
      // extend the hunk while changes are within 2*CONTEXT lines of each other
      int lastChange = i;
      while (end < ops.size()) {
        if (ops.get(end).kind != ' ') {
          lastChange = end;
        } else if (end - lastChange > 2 * CONTEXT) {
          break;
        }
        end++;
      }
      end = Math.min(ops.size(), lastChange + CONTEXT + 1);
      int oldStart = -1;
      int newStart = -1;
      int oldCount = 0;
      int newCount = 0;
      for (int k = start; k < end; k++) {
        Op op = ops.get(k);
        if (op.kind != '+') {
          if (oldStart < 0) oldStart = op.oldLine;
          oldCount++;
        }
        if (op.kind != '-') {
          if (newStart < 0) newStart = op.newLine;
          newCount++;
        }
      }
      out.append("@@ -").append(oldStart < 0 ? 0 : oldStart).append(',').append(oldCount)
          .append(" +").append(newStart < 0 ? 0 : newStart).append(',').append(newCount).append(" @@\n");
      for (int k = start; k < end; k++) {
        out.append(ops.get(k).kind).append(ops.get(k).line).append('\n');
      }
      i = end;
    }
    return out.toString();
  }

  private static List<String> lines(String text) {
    List<String> result = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!result.isEmpty() && result.get(result.size() - 1).isEmpty()) {
      result.remove(result.size() - 1);
    }
    return result;
  }

  private static List<Op> ops(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    // trim common prefix/suffix first: formatting diffs are usually small, files can be large
    int prefix = 0;
    while (prefix < n && prefix < m && a.get(prefix).equals(b.get(prefix))) prefix++;
    int suffix = 0;
    while (suffix < n - prefix && suffix < m - prefix
        && a.get(n - 1 - suffix).equals(b.get(m - 1 - suffix))) suffix++;
    int an = n - prefix - suffix;
    int bm = m - prefix - suffix;
    // Past this size the quadratic table is not worth it: show the middle as removed then added.
    boolean exact = (long) an * bm <= 4_000_000L;
    int[][] lcs = exact ? new int[an + 1][bm + 1] : new int[1][1];
    for (int x = exact ? an - 1 : -1; x >= 0; x--) {
      for (int y = bm - 1; y >= 0; y--) {
        lcs[x][y] = a.get(prefix + x).equals(b.get(prefix + y))
            ? lcs[x + 1][y + 1] + 1
            : Math.max(lcs[x + 1][y], lcs[x][y + 1]);
      }
    }
    List<Op> ops = new ArrayList<>();
    for (int k = 0; k < prefix; k++) ops.add(new Op(' ', a.get(k), k + 1, k + 1));
    int x = 0;
    int y = 0;
    while (x < an || y < bm) {
      if (!exact) {
        if (x < an) {
          ops.add(new Op('-', a.get(prefix + x), prefix + x + 1, prefix + y + 1));
          x++;
        } else {
          ops.add(new Op('+', b.get(prefix + y), prefix + x + 1, prefix + y + 1));
          y++;
        }
      } else if (x < an && y < bm && a.get(prefix + x).equals(b.get(prefix + y))) {
        ops.add(new Op(' ', a.get(prefix + x), prefix + x + 1, prefix + y + 1));
        x++;
        y++;
      } else if (x < an && (y == bm || lcs[x + 1][y] >= lcs[x][y + 1])) {
        ops.add(new Op('-', a.get(prefix + x), prefix + x + 1, prefix + y + 1));
        x++;
      } else {
        ops.add(new Op('+', b.get(prefix + y), prefix + x + 1, prefix + y + 1));
        y++;
      }
    }
    for (int k = 0; k < suffix; k++) {
      ops.add(new Op(' ', a.get(n - suffix + k), n - suffix + k + 1, m - suffix + k + 1));
    }
    return removalsFirst(ops);
  }

  /** Within each run of changed lines, the old lines ({@code -}) before the new ones ({@code +}), as {@code diff -u} prints them. */
  private static List<Op> removalsFirst(List<Op> ops) {
    List<Op> result = new ArrayList<>(ops.size());
    List<Op> added = new ArrayList<>();
    for (Op op : ops) {
      if (op.kind == '+') {
        added.add(op);
        continue;
      }
      if (op.kind == ' ') {
        result.addAll(added);
        added.clear();
      }
      result.add(op);
    }
    result.addAll(added);
    return result;
  }
}
