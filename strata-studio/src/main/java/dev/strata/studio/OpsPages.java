package dev.strata.studio;

import dev.strata.ByteSizes;
import dev.strata.Consent;
import dev.strata.DeployPlan;
import dev.strata.DeployResult;
import dev.strata.DiffResult;
import dev.strata.DownPreview;
import dev.strata.DownResult;
import dev.strata.DownTarget;
import dev.strata.LintFinding;
import dev.strata.LintRequest;
import dev.strata.LintResult;
import dev.strata.MigrationFile;
import dev.strata.ResolveResult;
import dev.strata.SchemaSource;
import dev.strata.StatusResult;
import dev.strata.Strata;
import dev.strata.StrataConfig;
import dev.strata.StrataEvent;
import dev.strata.StrataException;
import dev.strata.StrataListener;
import dev.strata.backup.BackupInfo;
import dev.strata.backup.BackupSettings;
import dev.strata.backup.PrunePlan;
import dev.strata.backup.PruneResult;
import dev.strata.backup.RestorePreview;
import dev.strata.backup.RestoreResult;
import dev.strata.backup.Backups;
import dev.strata.backup.VerifyLevel;
import dev.strata.backup.VerifyResult;
import dev.strata.health.CheckResult;
import dev.strata.health.CheckStatus;
import dev.strata.health.Health;
import dev.strata.health.HealthReport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The health, backups and migrations pages: each calls a public façade ({@link Health}, {@link
 * Backups}, {@link Strata}). Changes (a backup, a verification, deploy, down, resolve) are POSTs
 * behind the {@link Guard}; deploy, down and resolve first show a confirmation page with exactly
 * what will run, and the POST carries a fingerprint of what was shown: when the plan changed since,
 * it is refused and nothing runs.
 */
final class OpsPages {
  private final Strata strata;
  private final Guard guard;
  private final boolean readOnly;
  private final Supplier<Backups> backups;
  private final BackupSettings backupSettings;

  OpsPages(Strata strata, Guard guard, boolean readOnly, BackupSettings backupSettings) {
    this.strata = strata;
    this.guard = guard;
    this.readOnly = readOnly;
    this.backupSettings = backupSettings;
    this.backups = () -> Backups.of(strata, backupSettings);
  }

  /**
   * The progress of a backup, a verification, a restore or a deploy, written into its page as it comes: the
   * page is streamed ({@link Response#streamed}), so the browser shows each step while the
   * operation runs instead of a blank page until it ends. Per-table progress lines are thinned to
   * one per table or per two seconds. A browser that went away stops the lines, not the operation.
   */
  private static final class Live {
    private final Response.Out out;
    private boolean gone;
    private int lines;
    private int lastTables = -1;
    private long lastAt;

    Live(Response.Out out) throws java.io.IOException {
      this.out = out;
      out.write("<ol class=\"progress\" id=\"progress\">");
      out.flush();
    }

    synchronized void on(StrataEvent event) {
      if (event instanceof StrataEvent.BackupProgress p && p.step().equals("progress")) {
        int tables = p.transfer().map(StrataEvent.BackupProgress.Transfer::tables).orElse(-1);
        long now = System.nanoTime();
        if (tables == lastTables && now - lastAt < 2_000_000_000L) {
          return;
        }
        lastTables = tables;
        lastAt = now;
      }
      line(event.message(), event.level() == System.Logger.Level.INFO ? "" : "class=\"warning\"");
    }

    private void line(String text, String attrs) {
      if (gone) {
        return;
      }
      try {
        out.write(new Html().el("li", attrs, text).toString());
        out.flush();
        lines++;
      } catch (java.io.IOException e) {
        gone = true;
      }
    }

    synchronized void end() throws java.io.IOException {
      out.write("</ol>");
      if (lines == 0) {
        out.write(new Html().el("p", "class=\"muted\"", "No progress was reported.").toString());
      }
    }
  }

  /** The studio's configuration, with every event also written into the page as it comes. */
  private StrataConfig reporting(Live live) {
    StrataConfig c = strata.config();
    StrataListener listener = event -> {
      live.on(event);
      c.listener().on(event);
    };
    return new StrataConfig(c.dataSource(), c.url(), c.schema(), c.migrations(), c.defaultSchema(), c.lockTimeout(),
        c.advisoryLockTimeout(), listener, c.shadowDatabases(), c.shadowDatabaseUrl(), c.project(), c.workingDirectory());
  }

  /** Backups whose progress events ({@link StrataEvent.BackupProgress}) also go into the page, as they come. */
  private Backups backupsLive(Live live) {
    return Backups.of(reporting(live), backupSettings, System.getenv());
  }

  private Response.Streamed live(String title, java.util.function.Function<Live, String> work) {
    return live(title, "/backups", "Back to the backups", work);
  }

  /**
   * A streamed page body: {@code title}, the live progress, then what {@code work} writes (the
   * result, or the error the operation ended with), then a link back.
   */
  private static Response.Streamed live(String title, String back, String backText, java.util.function.Function<Live, String> work) {
    return out -> {
      out.write(new Html().el("h1", "", title).toString());
      Live live = new Live(out);
      String result;
      try {
        result = work.apply(live);
      } catch (StrataException e) {
        result = Layout.errorBox(e.getMessage());
      } catch (RuntimeException e) {
        // as the studio answers any unexpected failure: the kind, not a message that may hold a secret
        result = Layout.errorBox("The studio failed on this request (" + e.getClass().getSimpleName() + ").");
      }
      live.end();
      out.write(result);
      out.write(new Html().link(back, backText).toString());
    };
  }

  // ---- health ---------------------------------------------------------------------------------

  String health() {
    Html h = new Html();
    h.el("h1", "", "Health");
    HealthReport report;
    try {
      report = Health.of(strata).report(List.of());
    } catch (StrataException e) {
      return h.raw(Layout.errorBox(e.getMessage())).toString();
    }
    h.el("p", "id=\"health-summary\" class=\"" + (report.worst().ordinal() >= 2 ? "error" : "notice") + "\"",
        "Database " + report.database() + " (PostgreSQL " + report.serverVersion() + ", as " + report.role() + "): worst finding "
            + report.worst().label() + "; " + counts(report.counts()) + ".");
    h.raw("<table id=\"checks\"><tr><th>check</th><th>result</th><th>summary</th></tr>");
    for (CheckResult c : report.checks()) {
      String result = c.status() == CheckStatus.FOUND ? c.severity().label() : c.status().label();
      h.raw("<tr class=\"check " + Html.esc(result.replace(' ', '-')) + "\">").el("td", "", c.id()).el("td", "class=\"state\"", result)
          .el("td", "", c.summary()).raw("</tr>");
    }
    h.raw("</table>");
    for (CheckResult c : report.checks()) {
      if (c.status() != CheckStatus.FOUND && c.privilege().isEmpty()) {
        continue;
      }
      h.raw("<section class=\"finding\" id=\"finding-" + Html.esc(c.id()) + "\">");
      h.el("h2", "", c.title() + " (" + c.id() + ")");
      h.el("p", "", c.summary());
      if (!c.rows().isEmpty()) {
        h.raw("<table class=\"evidence\"><tr>");
        c.columns().forEach(col -> h.el("th", "", col));
        h.raw("</tr>");
        for (List<String> row : c.rows()) {
          h.raw("<tr>");
          row.forEach(v -> h.el("td", "", v));
          h.raw("</tr>");
        }
        h.raw("</table>");
      }
      c.fix().ifPresent(f -> h.el("p", "class=\"fix\"", "Fix: " + f));
      c.fixSql().ifPresent(sql -> h.el("pre", "class=\"sql fix-sql\"", sql));
      c.privilege().ifPresent(p -> h.el("p", "class=\"muted\"", "Skipped: it needs " + p + "."));
      h.raw("</section>");
    }
    return h.toString();
  }

  private static String counts(Map<String, Integer> counts) {
    StringBuilder b = new StringBuilder();
    counts.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(v).append(' ').append(k));
    return b.toString();
  }

  // ---- backups --------------------------------------------------------------------------------

  String backups() {
    Html h = new Html();
    h.el("h1", "", "Backups");
    if (!readOnly) {
      h.raw("<form class=\"toolbar\" method=\"post\" action=\"/backups/create\">");
      csrf(h);
      h.raw("<label>label <input name=\"label\" value=\"manual\"></label> <button type=\"submit\" id=\"create-backup\">Create a backup</button></form>");
      h.raw("<div class=\"toolbar\"><a id=\"prune\" href=\"/backups/prune\">Prune…</a></div>");
    }
    List<BackupInfo> list;
    try {
      list = backups.get().list();
    } catch (StrataException e) {
      return h.raw(Layout.errorBox(e.getMessage())).toString();
    }
    if (list.isEmpty()) {
      h.el("p", "class=\"muted\" id=\"no-backups\"", "No backups yet.");
      return h.toString();
    }
    h.raw("<table id=\"backups\"><tr><th>id</th><th>label</th><th>taken</th><th>size</th><th>encrypted</th><th>migration</th><th>verification</th><th></th></tr>");
    for (BackupInfo b : list) {
      h.raw("<tr>").el("td", "", b.id()).el("td", "", b.label()).el("td", "", b.createdAt().map(Object::toString).orElse(""))
          .el("td", "", ByteSizes.human(b.sizeBytes())).el("td", "class=\"encryption\"", b.encryption().orElse("no"))
          .el("td", "", b.migrationHead().orElse(""))
          .el("td", "class=\"verification\"", verification(b));
      h.raw("<td>");
      if (!readOnly && b.complete()) {
        for (VerifyLevel level : VerifyLevel.values()) {
          h.raw("<form class=\"inline\" method=\"post\" action=\"/backups/verify\">");
          csrf(h);
          hidden(h, "id", b.id());
          hidden(h, "level", level.name());
          h.raw("<button type=\"submit\" class=\"verify-" + level.name().toLowerCase(Locale.ROOT) + "\">").text("Verify ("
              + level.name().toLowerCase(Locale.ROOT) + ")").raw("</button></form> ");
        }
        h.raw("<a class=\"restore\" href=\"/backups/restore?id=" + Html.url(b.id()) + "\">Restore…</a>");
      }
      h.raw("</td></tr>");
    }
    h.raw("</table>");
    return h.toString();
  }

  private static String verification(BackupInfo b) {
    if (!b.complete()) {
      return "incomplete" + b.problem().map(p -> ": " + p).orElse("");
    }
    return b.verification().map(v -> (v.ok() ? "verified" : "FAILED") + " (" + v.level().name().toLowerCase(Locale.ROOT) + ", " + v.at() + ")"
        + (v.problems().isEmpty() ? "" : ": " + String.join("; ", v.problems()))).orElse("not verified");
  }

  /** A table's row count, marked {@code ≈} when it is the statistics' estimate ({@code --no-hash}). */
  private static String rows(BackupInfo.TableCount t) {
    return (t.estimated() ? "≈ " : "") + t.rows();
  }

  Response.Streamed createBackup(Request request) {
    String label = request.param("label").map(String::strip).filter(l -> !l.isEmpty()).orElse("manual");
    return live("Backup", progress -> {
      BackupInfo taken = backupsLive(progress).create(label);
      Html h = new Html();
      h.el("p", "class=\"notice\" id=\"result\"", "Backup " + taken.id() + " taken in " + millis(taken.duration()) + ": "
          + ByteSizes.human(taken.sizeBytes()) + ", " + taken.tables().size() + " tables, migration " + taken.migrationHead().orElse("(none)") + ".");
      h.raw("<table class=\"evidence\"><tr><th>table</th><th>rows</th></tr>");
      taken.tables().forEach(t -> h.raw("<tr>").el("td", "", t.table()).el("td", "", rows(t)).raw("</tr>"));
      h.raw("</table>");
      return h.toString();
    });
  }

  Response.Streamed verifyBackup(Request request) {
    String id = request.param("id").orElseThrow(() -> new StudioError(400, "Which backup? The form has no id."));
    VerifyLevel level;
    try {
      level = VerifyLevel.valueOf(request.param("level").orElse("CHECKSUMS"));
    } catch (IllegalArgumentException e) {
      throw new StudioError(400, "The level is CHECKSUMS or RESTORE.");
    }
    return live("Verify " + id, progress -> {
      VerifyResult r = backupsLive(progress).verify(id, level);
      Html h = new Html();
      h.el("p", "class=\"" + (r.ok() ? "notice" : "error") + "\" id=\"result\"", (r.ok() ? "Verified" : "Verification FAILED") + " at "
          + level.name().toLowerCase(Locale.ROOT) + " level: " + r.filesChecked() + " files checked, " + r.tablesCompared()
          + " tables compared, in " + millis(r.elapsed()) + ".");
      if (!r.problems().isEmpty()) {
        h.raw("<ul id=\"problems\">");
        r.problems().forEach(p -> h.el("li", "", p));
        h.raw("</ul>");
      }
      return h.toString();
    });
  }

  // ---- restore / prune: confirmation, then the POST -------------------------------------------

  /** The restore's target: a new database named in the form, else the one the backup module names. */
  private Optional<dev.strata.config.DatabaseUrl> restoreTarget(Request request) {
    Optional<String> name = request.param("database").map(String::strip).filter(n -> !n.isEmpty());
    if (name.isEmpty()) {
      return Optional.empty();
    }
    if (!name.get().matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
      throw new StudioError(400, "A new database's name is letters, digits and underscores (at most 63), starting with a letter or underscore.");
    }
    dev.strata.config.DatabaseUrl url = strata.config().url()
        .orElseThrow(() -> new StudioError(400, "Restoring needs the database URL (the studio was given a data source)."));
    return Optional.of(url.withDatabase(name.get()));
  }

  private static String restoreText(RestorePreview p) {
    return "This creates the database " + p.targetDatabase() + " (" + p.target() + ") and restores backup " + p.id()
        + " into it with pg_restore, then checks every table's row count and hash against the backup's manifest. "
        + "No other database is touched.";
  }

  String confirmRestore(Request request) {
    writable();
    String id = request.param("id").filter(v -> !v.isBlank()).orElseThrow(() -> new StudioError(400, "Which backup? None was named."));
    Optional<dev.strata.config.DatabaseUrl> target = restoreTarget(request);
    Html h = new Html();
    h.el("h1", "", "Restore " + id);
    RestorePreview preview;
    try {
      preview = backups.get().previewRestore(id, target);
    } catch (StrataException e) {
      return h.raw(Layout.errorBox(e.getMessage())).link("/backups", "Back to the backups").toString();
    }
    h.raw("<form class=\"toolbar\" method=\"get\" action=\"/backups/restore\">");
    hidden(h, "id", id);
    h.raw("<label>into the new database <input name=\"database\" value=\"" + Html.esc(preview.targetDatabase()) + "\"></label> "
        + "<button type=\"submit\" id=\"change-target\">Show this target</button></form>");
    if (!preview.createsDatabase()) {
      h.raw(Layout.errorBox("The database " + preview.targetDatabase() + " exists: the studio restores only into a new database. "
          + "Name another one above, or restore over it with `strata backup restore " + id + " --to …`, which takes a safety backup first."));
      return h.link("/backups", "Back to the backups").toString();
    }
    String what = restoreText(preview);
    h.el("p", "id=\"will-run\"", what);
    backups.get().list().stream().filter(b -> b.id().equals(id)).findFirst().ifPresent(b -> {
      h.raw("<table class=\"evidence\" id=\"restore-tables\"><tr><th>table</th><th>rows in the backup</th></tr>");
      b.tables().forEach(t -> h.raw("<tr>").el("td", "", t.table()).el("td", "", rows(t)).raw("</tr>"));
      if (!b.exactRows()) {
        h.el("p", "class=\"muted\" id=\"estimated-rows\"", "≈: the planner's estimate, not a count (the backup was taken with --no-hash); "
            + "a restore checks only that these tables are present.");
      }
      h.raw("</table>");
    });
    h.raw("<form method=\"post\" action=\"/backups/restore\">");
    csrf(h);
    hidden(h, "id", id);
    hidden(h, "database", preview.targetDatabase());
    hidden(h, "shown", fingerprint(what + preview));
    h.raw("<button type=\"submit\" id=\"confirm\">Restore into " + Html.esc(preview.targetDatabase()) + "</button> <a href=\"/backups\">Cancel</a></form>");
    return h.toString();
  }

  Response.Streamed restore(Request request) {
    String id = request.param("id").filter(v -> !v.isBlank()).orElseThrow(() -> new StudioError(400, "Which backup? None was named."));
    requireShown(request);
    Optional<dev.strata.config.DatabaseUrl> target = restoreTarget(request);
    RestorePreview preview;
    try {
      preview = backups.get().previewRestore(id, target);
    } catch (StrataException e) {
      return out -> out.write(new Html().el("h1", "", "Restore " + id).raw(Layout.errorBox(e.getMessage()))
          .link("/backups", "Back to the backups").toString());
    }
    checkShown(request, restoreText(preview) + preview);
    if (!preview.createsDatabase()) {
      throw new StudioError(409, "The database " + preview.targetDatabase() + " exists: the studio restores only into a new database. Nothing was done.");
    }
    return live("Restore " + id, progress -> {
      RestoreResult r = backupsLive(progress).restore(preview, target, Consent.NONE);
      Html h = new Html();
      h.el("p", "class=\"" + (r.contentMatches() ? "notice" : "error") + "\" id=\"result\"", "Restored " + r.id() + " into "
          + r.targetDatabase() + " in " + millis(r.elapsed()) + ": " + r.tablesCompared() + " tables compared, "
          + (r.contentMatches() ? "every row count and hash matches the backup." : "DIFFERENCES found."));
      if (!r.problems().isEmpty()) {
        h.raw("<ul id=\"problems\">");
        r.problems().forEach(p -> h.el("li", "", p));
        h.raw("</ul>");
      }
      return h.toString();
    });
  }

  private static String pruneText(PrunePlan plan) {
    StringBuilder b = new StringBuilder();
    plan.delete().forEach(d -> b.append("delete ").append(d.id()).append(" (").append(d.label()).append("): ").append(String.join("; ", d.reasons())).append('\n'));
    plan.keep().forEach(d -> b.append("keep ").append(d.id()).append(" (").append(d.label()).append("): ").append(String.join("; ", d.reasons())).append('\n'));
    return b.toString();
  }

  String confirmPrune() {
    writable();
    Html h = new Html();
    h.el("h1", "", "Prune backups");
    PrunePlan plan;
    try {
      plan = backups.get().previewPrune();
    } catch (StrataException e) {
      return h.raw(Layout.errorBox(e.getMessage())).link("/backups", "Back to the backups").toString();
    }
    decisions(h, "prune-delete", "Deleted (no retention rule keeps them)", plan.delete());
    decisions(h, "prune-keep", "Kept", plan.keep());
    if (plan.delete().isEmpty()) {
      h.el("p", "class=\"notice\" id=\"nothing\"", "Nothing to prune: every backup is kept.");
      return h.link("/backups", "Back to the backups").toString();
    }
    h.el("p", "id=\"confirm-text\"", "This deletes " + dev.strata.diag.Plural.of(plan.delete().size(), "backup")
        + " (their files, wherever the backups are kept) and keeps the others. It cannot be undone.");
    h.raw("<form method=\"post\" action=\"/backups/prune\">");
    csrf(h);
    hidden(h, "shown", fingerprint(pruneText(plan)));
    h.raw("<button type=\"submit\" id=\"confirm\">Delete these backups</button> <a href=\"/backups\">Cancel</a></form>");
    return h.toString();
  }

  private static void decisions(Html h, String id, String title, List<PrunePlan.Decision> list) {
    h.el("h2", "", title + " (" + list.size() + ")");
    if (list.isEmpty()) {
      return;
    }
    h.raw("<table class=\"evidence\" id=\"" + id + "\"><tr><th>id</th><th>label</th><th>why</th></tr>");
    list.forEach(d -> h.raw("<tr>").el("td", "", d.id()).el("td", "", d.label()).el("td", "", String.join("; ", d.reasons())).raw("</tr>"));
    h.raw("</table>");
  }

  String prune(Request request) {
    requireShown(request);
    java.time.Instant now = java.time.Instant.now();
    Html h = new Html();
    h.el("h1", "", "Prune backups");
    PrunePlan plan;
    try {
      plan = backups.get().previewPrune(now);
    } catch (StrataException e) {
      return h.raw(Layout.errorBox(e.getMessage())).link("/backups", "Back to the backups").toString();
    }
    checkShown(request, pruneText(plan));
    try {
      PruneResult r = backups.get().prune(plan, now, new Consent(false, true));
      h.el("p", "class=\"notice\" id=\"result\"", "Deleted " + (r.deleted().isEmpty() ? "nothing" : String.join(", ", r.deleted()))
          + " (" + ByteSizes.human(r.bytesFreed()) + " freed); kept " + r.kept().size() + ".");
    } catch (StrataException e) {
      h.raw(Layout.errorBox(e.getMessage()));
    }
    return h.link("/backups", "Back to the backups").toString();
  }

  private static String millis(java.time.Duration d) {
    return d.toMillis() + " ms";
  }

  // ---- migrations -----------------------------------------------------------------------------

  String migrations() {
    Html h = new Html();
    h.el("h1", "", "Migrations");
    StatusResult status;
    try {
      status = strata.status();
    } catch (StrataException e) {
      return h.raw(Layout.errorBox(e.getMessage())).toString();
    }
    h.el("p", "id=\"verdict\" class=\"" + (status.upToDate() ? "notice" : "error") + "\"", status.upToDate()
        ? "The database is up to date with the migrations folder."
        : "The database is not up to date: " + status.pending().size() + " pending, " + status.failed().size() + " failed.");
    Map<String, String> changes = new HashMap<>();
    try {
      strata.schemaDocs().migrations().forEach(m -> changes.put(m.name(), String.join("; ", m.changes())));
    } catch (StrataException e) {
      // An invalid schema does not hide the status: the summaries are left out.
    }
    Map<String, MigrationFile> files = new HashMap<>();
    strata.migrations().forEach(f -> files.put(f.name(), f));
    Map<String, List<LintFinding>> lint = new HashMap<>();
    String lintProblem = "";
    LintResult linted = null;
    try {
      linted = strata.lint(LintRequest.all().offline(true));
      linted.findings().forEach(f -> lint.computeIfAbsent(migrationOf(f.file()), k -> new java.util.ArrayList<>()).add(f));
    } catch (StrataException e) {
      lintProblem = e.getMessage();
    }
    if (!readOnly) {
      h.raw("<div class=\"toolbar\">");
      if (!status.pending().isEmpty()) {
        h.raw("<a id=\"deploy\" href=\"/migrations/deploy\">Deploy…</a> ");
      }
      if (!status.applied().isEmpty()) {
        h.raw("<a id=\"down\" href=\"/migrations/down?steps=1\">Roll back the last…</a> ");
      }
      h.raw("<a id=\"drift\" href=\"/migrations/drift\">Check drift</a></div>");
    } else {
      h.raw("<div class=\"toolbar\"><a id=\"drift\" href=\"/migrations/drift\">Check drift</a></div>");
    }
    h.raw("<table id=\"migrations\"><tr><th>migration</th><th>state</th><th>what it changes</th><th>lint</th><th></th></tr>");
    row(h, status.applied(), status, "applied", changes, files, lint);
    row(h, status.pending(), status, "pending", changes, files, lint);
    row(h, status.failed(), status, "failed", changes, files, lint);
    row(h, status.missingOnDisk(), status, "missing on disk", changes, files, lint);
    h.raw("</table>");
    if (!lintProblem.isEmpty()) {
      h.raw("<div id=\"lint-problem\">").raw(Layout.errorBox("Lint could not run: " + lintProblem)).raw("</div>");
    } else if (linted != null) {
      h.el("p", "class=\"muted\" id=\"lint-summary\"", "Lint (strata migrate lint --offline, static rules): "
          + dev.strata.diag.Plural.of(linted.findings().size(), "finding") + " in " + dev.strata.diag.Plural.of(linted.files().size(), "file")
          + (linted.suppressed().isEmpty() ? "" : ", " + linted.suppressed().size() + " suppressed") + ".");
    }
    if (!status.hasMigrationsTable()) {
      h.el("p", "class=\"muted\"", "The database has no _prisma_migrations table yet.");
    }
    for (MigrationFile f : files.values().stream().sorted(java.util.Comparator.comparing(MigrationFile::name)).toList()) {
      h.raw("<details class=\"migration-sql\" id=\"sql-" + Html.esc(f.name()) + "\">").el("summary", "", f.name());
      f.problem().ifPresent(p -> h.el("p", "class=\"error\"", p));
      List<LintFinding> found = lint.getOrDefault(f.name(), List.of());
      if (!found.isEmpty()) {
        h.el("h3", "", "lint");
        h.raw("<table class=\"evidence lint\" id=\"lint-" + Html.esc(f.name()) + "\"><tr><th>line</th><th>severity</th><th>rule</th>"
            + "<th>finding</th><th title=\"the rule's safe form, shown on an example; strata explain CODE says more\">safe form (example)</th></tr>");
        for (LintFinding x : found) {
          h.raw("<tr class=\"lint-" + Html.esc(x.severity().name().toLowerCase(Locale.ROOT)) + "\">").el("td", "", Integer.toString(x.line()))
              .el("td", "", x.severity().name().toLowerCase(Locale.ROOT)).el("td", "", x.code() + " " + x.rule())
              .el("td", "", x.message() + " (" + x.statement() + ")").raw("<td><pre class=\"sql fix\">").text(x.fix()).raw("</pre></td></tr>");
        }
        h.raw("</table>");
      }
      h.el("h3", "", "migration.sql").el("pre", "class=\"sql up\"", f.sql().orElse("(missing)"));
      h.el("h3", "", "down.sql").el("pre", "class=\"sql down\"", f.downSql().orElse("(none)"));
      h.raw("</details>");
    }
    return h.toString();
  }

  /** The migration a lint finding's file belongs to: {@code 20240101000000_init/migration.sql} → {@code 20240101000000_init}. */
  private static String migrationOf(String file) {
    String f = file.replace('\\', '/');
    int slash = f.lastIndexOf('/');
    if (slash < 0) {
      return f;
    }
    String dir = f.substring(0, slash);
    return dir.substring(dir.lastIndexOf('/') + 1);
  }

  private void row(Html h, List<String> names, StatusResult status, String state, Map<String, String> changes,
      Map<String, MigrationFile> files, Map<String, List<LintFinding>> lint) {
    for (String name : names) {
      String shown = state.equals("applied") && status.modified().contains(name) ? "applied, modified since" : state;
      List<LintFinding> found = lint.getOrDefault(name, List.of());
      String lintText = found.isEmpty() ? "" : found.stream().collect(java.util.stream.Collectors.groupingBy(f -> f.severity().name()
          .toLowerCase(Locale.ROOT), java.util.TreeMap::new, java.util.stream.Collectors.counting())).entrySet().stream()
          .map(e -> e.getKey().equals("info") ? e.getValue() + " info" : dev.strata.diag.Plural.of(e.getValue(), e.getKey()))
          .collect(java.util.stream.Collectors.joining(", "));
      h.raw("<tr>").el("td", "", name).el("td", "class=\"state\"", shown).el("td", "class=\"muted\"", changes.getOrDefault(name, ""));
      if (found.isEmpty()) {
        h.el("td", "class=\"lint-count\"", "");
      } else {
        h.raw("<td class=\"lint-count\"><a href=\"#sql-" + Html.esc(name) + "\">").text(lintText).raw("</a></td>");
      }
      h.raw("<td>");
      if (files.containsKey(name)) {
        h.raw("<a href=\"#sql-" + Html.esc(name) + "\">SQL</a> ");
      }
      if (!readOnly && (state.equals("failed") || state.equals("pending"))) {
        h.link("/migrations/resolve?migration=" + Html.url(name) + "&as=APPLIED", "Mark applied…").raw(" ");
      }
      if (!readOnly && state.equals("failed")) {
        h.link("/migrations/resolve?migration=" + Html.url(name) + "&as=ROLLED_BACK", "Mark rolled back…");
      }
      h.raw("</td></tr>");
    }
  }

  /** Drift: what the database lacks compared with the schema, and compared with the migrations' history. */
  String drift() {
    Html h = new Html();
    h.el("h1", "", "Drift");
    h.el("h2", "", "Schema → database");
    h.el("p", "class=\"muted\"", "The SQL that makes the database match the Prisma schema (what db push would run).");
    diff(h, "schema-drift", strata::diff);
    h.el("h2", "", "Migrations history → database");
    h.el("p", "class=\"muted\"", "The SQL that makes the database match what the migrations folder builds (replayed in a shadow database).");
    Optional<java.nio.file.Path> dir = strata.config().migrationsDirectory();
    Optional<dev.strata.config.DatabaseUrl> url = strata.config().url();
    if (dir.isEmpty() || url.isEmpty()) {
      h.el("p", "class=\"muted\" id=\"history-drift\"", "Needs a migrations folder and a database URL.");
    } else {
      diff(h, "history-drift", () -> strata.diff(new SchemaSource.Database(url.get(), "the studio's database"),
          new SchemaSource.Migrations(dir.get(), dir.get().toString())));
    }
    h.el("h2", "", "Schema → migrations history");
    h.el("p", "class=\"muted\"", "The SQL of the migration the schema still needs: what the migrations folder builds (replayed in a shadow "
        + "database) compared with the Prisma schema (what migrate dev would write).");
    Optional<java.nio.file.Path> schema = strata.config().schema();
    if (dir.isEmpty() || schema.isEmpty()) {
      h.el("p", "class=\"muted\" id=\"schema-history-drift\"", "Needs a Prisma schema and a migrations folder.");
    } else {
      diff(h, "schema-history-drift", () -> strata.diff(new SchemaSource.Migrations(dir.get(), dir.get().toString()), schemaFiles(schema.get())));
    }
    return h.link("/migrations", "Back to the migrations").toString();
  }

  /** The Prisma schema as a {@link SchemaSource}: the file, or every {@code .prisma} file under the folder. */
  private SchemaSource schemaFiles(java.nio.file.Path schema) {
    java.nio.file.Path base = strata.config().workingDirectory();
    java.nio.file.Path abs = base.resolve(schema).normalize();
    List<dev.strata.diag.SourceFile> files = new java.util.ArrayList<>();
    try {
      List<java.nio.file.Path> paths;
      if (java.nio.file.Files.isDirectory(abs)) {
        try (var walk = java.nio.file.Files.walk(abs)) {
          paths = walk.filter(p -> p.toString().endsWith(".prisma") && java.nio.file.Files.isRegularFile(p)).sorted().toList();
        }
      } else {
        paths = List.of(abs);
      }
      for (java.nio.file.Path p : paths) {
        files.add(new dev.strata.diag.SourceFile(p.toString(), java.nio.file.Files.readString(p)));
      }
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      throw new StrataException(dev.strata.ErrorCode.CONFIG, "Cannot read the schema " + abs + ": " + e.getMessage(), e);
    }
    return new SchemaSource.PrismaSchemaFiles(files, abs.toString());
  }

  private static void diff(Html h, String id, Supplier<DiffResult> diff) {
    try {
      DiffResult d = diff.get();
      if (d.empty()) {
        h.el("p", "class=\"notice\" id=\"" + id + "\"", "No difference.");
        return;
      }
      h.raw("<div id=\"" + id + "\">").el("p", "class=\"error\"", d.summary()).el("pre", "class=\"sql\"", d.script());
      d.warnings().forEach(w -> h.el("p", "class=\"warning\"", w));
      h.raw("</div>");
    } catch (StrataException e) {
      h.raw("<div id=\"" + id + "\">").raw(Layout.errorBox(e.getMessage())).raw("</div>");
    }
  }

  // ---- deploy / down / resolve: confirmation, then the POST -----------------------------------

  String confirmDeploy() {
    writable();
    Html h = new Html();
    h.el("h1", "", "Deploy");
    DeployPlan plan;
    try {
      plan = strata.deployPlan();
    } catch (StrataException e) {
      return h.raw(Layout.errorBox(e.getMessage())).link("/migrations", "Back to the migrations").toString();
    }
    if (plan.pending().isEmpty()) {
      h.el("p", "class=\"notice\" id=\"nothing\"", "Nothing to deploy: every migration is applied.");
      return h.link("/migrations", "Back to the migrations").toString();
    }
    h.el("p", "id=\"confirm-text\"", "This applies " + plan.pending().size() + " migration(s), in this order, each in its own transaction"
        + (plan.createsHistoryTable() ? ", creating the _prisma_migrations table first" : "") + ":");
    String sql = deploySql(plan);
    h.el("pre", "class=\"sql\" id=\"will-run\"", sql);
    h.raw("<form method=\"post\" action=\"/migrations/deploy\">");
    csrf(h);
    hidden(h, "shown", fingerprint(sql));
    h.raw("<button type=\"submit\" id=\"confirm\">Deploy these migrations</button> <a href=\"/migrations\">Cancel</a></form>");
    return h.toString();
  }

  Response.Streamed deploy(Request request) {
    requireShown(request);
    DeployPlan plan;
    try {
      plan = strata.deployPlan();
    } catch (StrataException e) {
      return out -> out.write(new Html().el("h1", "", "Deploy").raw(Layout.errorBox(e.getMessage()))
          .link("/migrations", "Back to the migrations").toString());
    }
    checkShown(request, deploySql(plan));
    // the preflight, each migration, lock waits and retries, the drift check: as they happen
    return live("Deploy", "/migrations", "Back to the migrations", progress -> {
      // Prisma's deploy, as strata.deploy() runs it, inside the project's maintenance window if strata.toml sets one
      StrataConfig config = reporting(progress);
      DeployResult result = Strata.of(config).deployOrThrow(
          dev.strata.DeploySettings.of(config).withWindow(dev.strata.DeployWindow.configured(config)));
      Html h = new Html();
      h.el("p", "class=\"notice\" id=\"result\"", result.applied().isEmpty() ? "Nothing was applied."
          : "Applied " + String.join(", ", result.applied()) + " in " + millis(result.elapsed()) + ".");
      result.drift().ifPresent(d -> {
        h.el("p", "class=\"" + (d.outcome() == dev.strata.DriftCheck.Outcome.DIFFERS ? "error" : "muted") + "\" id=\"deploy-drift\"", d.describe());
        if (!d.script().isBlank()) {
          h.el("pre", "class=\"sql\" id=\"deploy-drift-sql\"", d.script());
        }
      });
      return h.toString();
    });
  }

  private String deploySql(DeployPlan plan) {
    Map<String, MigrationFile> files = new HashMap<>();
    strata.migrations().forEach(f -> files.put(f.name(), f));
    StringBuilder b = new StringBuilder();
    for (DeployPlan.Pending p : plan.pending()) {
      b.append("-- ").append(p.name()).append(" (").append(dev.strata.diag.Plural.of(p.statements(), "statement")).append(")\n");
      b.append(Optional.ofNullable(files.get(p.name())).flatMap(MigrationFile::sql).orElse("-- (migration.sql missing)")).append("\n\n");
    }
    return b.toString().stripTrailing() + "\n";
  }

  String confirmDown(Request request) {
    writable();
    int steps = steps(request);
    Html h = new Html();
    h.el("h1", "", "Roll back");
    DownPreview preview;
    try {
      preview = strata.previewDown(DownTarget.last(steps));
    } catch (StrataException e) {
      return h.raw(Layout.errorBox(e.getMessage())).link("/migrations", "Back to the migrations").toString();
    }
    if (preview.refusal().isPresent()) {
      h.raw(Layout.errorBox(preview.refusal().get()));
      return h.link("/migrations", "Back to the migrations").toString();
    }
    h.el("p", "id=\"confirm-text\"", "This runs the down.sql of " + String.join(", ", preview.migrations())
        + ", newest first, and marks each rolled back:");
    String sql = downSql(preview);
    h.el("pre", "class=\"sql\" id=\"will-run\"", sql);
    h.raw("<form method=\"post\" action=\"/migrations/down\">");
    csrf(h);
    hidden(h, "steps", Integer.toString(steps));
    hidden(h, "shown", fingerprint(sql + preview.dataLoss()));
    if (!preview.dataLoss().isEmpty()) {
      h.raw("<div class=\"error\" id=\"data-loss\"><p>").text("It drops data:").raw("</p><ul>");
      preview.dataLoss().forEach(d -> h.el("li", "", d));
      h.raw("</ul><label><input type=\"checkbox\" name=\"accept-data-loss\" value=\"yes\" id=\"accept-data-loss\"> ")
          .text("I accept this data loss").raw("</label></div>");
    }
    h.raw("<button type=\"submit\" id=\"confirm\">Roll back</button> <a href=\"/migrations\">Cancel</a></form>");
    return h.toString();
  }

  String down(Request request) {
    requireShown(request);
    DownPreview preview;
    try {
      preview = strata.previewDown(DownTarget.last(steps(request)));
    } catch (StrataException e) {
      return new Html().el("h1", "", "Roll back").raw(Layout.errorBox(e.getMessage())).link("/migrations", "Back to the migrations").toString();
    }
    checkShown(request, downSql(preview) + preview.dataLoss());
    Consent consent = request.param("accept-data-loss").filter("yes"::equals).isPresent() ? Consent.dataLoss() : Consent.NONE;
    Html h = new Html();
    h.el("h1", "", "Roll back");
    try {
      DownResult result = strata.down(preview, consent);
      h.el("p", "class=\"notice\" id=\"result\"", "Rolled back " + String.join(", ", result.rolledBack()) + ".");
    } catch (StrataException e) {
      h.raw(Layout.errorBox(e.getMessage()));
    }
    return h.link("/migrations", "Back to the migrations").toString();
  }

  private static String downSql(DownPreview preview) {
    StringBuilder b = new StringBuilder();
    for (DownPreview.Step s : preview.steps()) {
      b.append("-- ").append(s.migration()).append(": down.sql\n").append(s.sql()).append("\n\n");
    }
    return b.toString().stripTrailing() + "\n";
  }

  private static int steps(Request request) {
    try {
      int n = Integer.parseInt(request.param("steps").orElse("1"));
      if (n < 1 || n > 1000) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new StudioError(400, "steps must be a whole number from 1 to 1000.");
    }
  }

  String confirmResolve(Request request) {
    writable();
    String migration = migration(request);
    ResolveResult.Resolution as = resolution(request);
    Html h = new Html();
    h.el("h1", "", "Resolve " + migration);
    String what = resolveText(migration, as);
    h.el("p", "id=\"will-run\"", what);
    h.raw("<form method=\"post\" action=\"/migrations/resolve\">");
    csrf(h);
    hidden(h, "migration", migration);
    hidden(h, "as", as.name());
    hidden(h, "shown", fingerprint(what + statusOf(migration)));
    h.raw("<button type=\"submit\" id=\"confirm\">Mark " + Html.esc(as.label()) + "</button> <a href=\"/migrations\">Cancel</a></form>");
    return h.toString();
  }

  String resolve(Request request) {
    String migration = migration(request);
    ResolveResult.Resolution as = resolution(request);
    requireShown(request);
    checkShown(request, resolveText(migration, as) + statusOf(migration));
    Html h = new Html();
    h.el("h1", "", "Resolve " + migration);
    try {
      ResolveResult r = strata.resolve(migration, as);
      h.el("p", "class=\"notice\" id=\"result\"", r.migration() + " is now marked " + r.resolution().label() + ".");
    } catch (StrataException e) {
      h.raw(Layout.errorBox(e.getMessage()));
    }
    return h.link("/migrations", "Back to the migrations").toString();
  }

  private static String resolveText(String migration, ResolveResult.Resolution as) {
    return as == ResolveResult.Resolution.APPLIED
        ? "This records " + migration + " as applied in _prisma_migrations without running its SQL. No other statement runs."
        : "This marks the failed " + migration + " as rolled back in _prisma_migrations, so that deploy runs it again. No other statement runs.";
  }

  /** The migration's state now: a confirmation shown for another state is stale. */
  private String statusOf(String migration) {
    StatusResult s = strata.status();
    return s.applied().contains(migration) ? "applied" : s.pending().contains(migration) ? "pending"
        : s.failed().contains(migration) ? "failed" : "unknown";
  }

  private static String migration(Request request) {
    return request.param("migration").filter(m -> !m.isBlank()).orElseThrow(() -> new StudioError(400, "Which migration? None was named."));
  }

  private static ResolveResult.Resolution resolution(Request request) {
    try {
      return ResolveResult.Resolution.valueOf(request.param("as").orElse(""));
    } catch (IllegalArgumentException e) {
      throw new StudioError(400, "Resolve as APPLIED or ROLLED_BACK.");
    }
  }

  // ---- shared ---------------------------------------------------------------------------------

  private void writable() {
    if (readOnly) {
      throw new StudioError(403, "The studio runs with --read-only: nothing can be changed.");
    }
  }

  private static void requireShown(Request request) {
    if (request.param("shown").filter(v -> !v.isEmpty()).isEmpty()) {
      throw new StudioError(409, "Nothing runs without its confirmation page: open it first. Nothing was done.");
    }
  }

  private static void checkShown(Request request, String now) {
    String shown = request.param("shown").orElse("");
    if (!MessageDigest.isEqual(shown.getBytes(StandardCharsets.UTF_8), fingerprint(now).getBytes(StandardCharsets.UTF_8))) {
      throw new StudioError(409, "What would run changed since the confirmation was shown (or none was): nothing was done. "
          + "Open the confirmation again.");
    }
  }

  static String fingerprint(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void csrf(Html h) {
    hidden(h, "csrf", guard.csrf);
  }

  private static void hidden(Html h, String name, String value) {
    h.raw("<input type=\"hidden\" name=\"" + Html.esc(name) + "\" value=\"" + Html.esc(value) + "\">");
  }
}
