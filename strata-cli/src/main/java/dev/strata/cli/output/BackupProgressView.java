package dev.strata.cli.output;

import dev.strata.ByteSizes;
import dev.strata.StrataEvent;
import java.util.Locale;

/**
 * Backup progress on standard error. On a terminal, a dump's or restore's tables are one line
 * redrawn in place: a bar, the percentage, tables and bytes done of all, the time left and the
 * table being read. Elsewhere (a log file, a pipe, CI) each step and table is a line of its own,
 * so nothing is lost to carriage returns.
 */
public final class BackupProgressView {
  private static final int BAR = 24;
  private final Terminal term;
  private final boolean redraw;
  private final String indent;
  private boolean open;

  /** {@code redraw}: standard error is an interactive terminal. */
  public BackupProgressView(Terminal term, boolean redraw, String indent) {
    this.term = term;
    this.redraw = redraw;
    this.indent = indent;
  }

  public synchronized void show(StrataEvent.BackupProgress event) {
    if (redraw && event.transfer().isPresent()) {
      term.err().print("\r" + bar(event.transfer().get(), table(event.detail())) + "\033[K");
      term.err().flush();
      open = true;
      return;
    }
    if (event.step().equals("progress")) {
      return; // a table's rows while it is copied: for the bar only, not a line of its own
    }
    if (open) {
      term.err().println();
      open = false;
    }
    term.err().println(term.dim(indent + (event.step().equals("table") ? event.detail() : event.message())));
    term.err().flush();
  }

  /** {@code [█████░░░░░]  34%  3/12 tables  41.0 MB of 120.0 MB  ~4 s left  public.orders}. */
  String bar(StrataEvent.BackupProgress.Transfer t, String table) {
    double fraction = t.fraction();
    int filled = (int) Math.round(fraction * BAR);
    StringBuilder line = new StringBuilder(indent).append('[').append("█".repeat(filled)).append("░".repeat(BAR - filled)).append("] ")
        .append(String.format(Locale.ROOT, "%3d%%", Math.round(fraction * 100)));
    if (t.tablesTotal() > 0) {
      line.append("  ").append(Math.min(t.tables(), t.tablesTotal())).append('/').append(t.tablesTotal()).append(" tables");
    }
    if (t.bytesTotal() > 0) {
      line.append("  ").append(ByteSizes.human(t.bytes())).append(" of ").append(ByteSizes.human(t.bytesTotal()));
    }
    t.left().ifPresent(d -> line.append("  ~").append(Math.max(1, Math.round(d.toMillis() / 1000.0))).append(" s left"));
    return line.append("  ").append(table.length() > 40 ? table.substring(0, 39) + "…" : table).toString();
  }

  /** The table's name out of a progress detail ({@code [3/12] public.orders · …}). */
  private static String table(String detail) {
    String name = detail.startsWith("[") && detail.indexOf("] ") > 0 ? detail.substring(detail.indexOf("] ") + 2) : detail;
    int more = name.indexOf(" · ");
    return more < 0 ? name : name.substring(0, more);
  }
}
