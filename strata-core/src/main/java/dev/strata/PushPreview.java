package dev.strata;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Strata#push(PushPreview, Consent)} would do ({@code db push}), as {@link
 * Strata#previewPush(boolean)} found it; nothing was changed to find it (except creating the
 * database when it did not exist: an empty database loses nothing).
 *
 * @param database the database (its masked URL, or the data source's class)
 * @param reset whether the schemas are dropped and created again first ({@code --force-reset})
 * @param schemas the namespaces the push works in (and a reset drops)
 * @param dropped what a reset drops: every table of those schemas with its rows (empty without a reset)
 * @param inSync whether the database already matches the schema (never with a reset: it is redone)
 * @param script the SQL that makes the database match the schema (after the reset, with one)
 * @param warnings the data-loss warnings, judged on the rows present: they need {@link Consent#acceptDataLoss()}
 * @param unexecutable steps that cannot run on the rows present (a reset helps): the push refuses them
 */
public record PushPreview(
    String database,
    boolean reset,
    List<String> schemas,
    List<TableRows> dropped,
    boolean inSync,
    String script,
    List<String> warnings,
    List<String> unexecutable) {
  public PushPreview {
    Objects.requireNonNull(database, "database");
    schemas = List.copyOf(schemas);
    dropped = List.copyOf(dropped);
    script = script == null ? "" : script;
    warnings = List.copyOf(warnings);
    unexecutable = List.copyOf(unexecutable);
  }
}
