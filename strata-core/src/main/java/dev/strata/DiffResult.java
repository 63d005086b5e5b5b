package dev.strata;

import java.util.List;

/**
 * What {@link Strata#diff()} found between the database and the schema: the SQL that would make the
 * database match ({@code migrate diff --script}), a readable summary, and the data-loss warnings
 * and unexecutable steps judged on the rows in the database.
 */
public record DiffResult(boolean empty, String script, String summary, List<String> warnings, List<String> unexecutable) {
  public DiffResult {
    script = script == null ? "" : script;
    summary = summary == null ? "" : summary;
    warnings = List.copyOf(warnings);
    unexecutable = List.copyOf(unexecutable);
  }
}
