package dev.strata.operation;

import dev.strata.DeployPreflight;
import dev.strata.DeploySettings;
import dev.strata.ErrorCode;
import dev.strata.LintFinding;
import dev.strata.LintRequest;
import dev.strata.LintResult;
import dev.strata.StrataConfig;
import dev.strata.StrataException;
import dev.strata.migrate.MigrationFolder;
import dev.strata.migrate.SqlStatement;
import dev.strata.migrate.run.TouchedRelations;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The guarded deploy's lint (docs/safe-deploys.md): the pending migrations are linted by {@link
 * LintOperation} (the rules, suppressions and {@code strata.toml} of {@code strata migrate lint},
 * table sizes from the target) — but only those that can lock or lose something, because starting
 * the parser costs seconds and a cold deploy should not pay for it:
 *
 * <ul>
 *   <li>a database without a user table (the history table and extensions' tables aside) has
 *       nothing to lock or lose: nothing is linted ({@code database empty});
 *   <li>otherwise a migration is linted when a relation one of its statements names exists in
 *       the database, or when it has a statement whose relations the cheap reading of {@link
 *       TouchedRelations} does not know ({@code DROP SCHEMA}, {@code DROP TYPE}, {@code DROP
 *       INDEX}, {@code ALTER TYPE}, a view, a function, a {@code DO} block…): unknown means linted.
 *       Only a migration made entirely of statements that create new objects or name only tables
 *       that do not exist yet is skipped ({@code touches no existing table}).
 * </ul>
 */
final class DeployLint {
  /** Statements whose relations {@link TouchedRelations} reads, or that only create something new. */
  private static final Pattern KNOWN = Pattern.compile("^(?:ALTER\\s+TABLE|CREATE\\s+(?:UNIQUE\\s+)?INDEX|DROP\\s+TABLE|TRUNCATE|LOCK"
      + "|INSERT|UPDATE|DELETE|CREATE\\s+(?:TYPE|SEQUENCE|SCHEMA|EXTENSION)|COMMENT\\s+ON|SET|BEGIN|COMMIT"
      + "|CREATE\\s+(?:(?:UNLOGGED|TEMP|TEMPORARY)\\s+)?TABLE)\\b", Pattern.CASE_INSENSITIVE);
  /** A {@code CREATE TABLE} that reads or attaches to an existing table. */
  private static final Pattern CREATE_TABLE_FROM = Pattern.compile(
      "\\b(?:PARTITION\\s+OF|INHERITS|LIKE)\\b|\\bAS\\s*\\(?\\s*(?:SELECT|WITH|TABLE|VALUES|EXECUTE)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern CREATE_TABLE = Pattern.compile("^CREATE\\s+(?:(?:UNLOGGED|TEMP|TEMPORARY)\\s+)?TABLE\\b", Pattern.CASE_INSENSITIVE);
  /** {@code concurrently-in-transaction}: not an error for Strata's runner. */
  static final String STRATA_RUNS_CONCURRENTLY = "LN028";
  /**
   * {@code missing-lock-timeout}: not reported when the deploy sets {@code lock_timeout} itself (the
   * guarded deploy's default), since every statement then runs under one.
   */
  static final String MISSING_LOCK_TIMEOUT = "LN029";
  private static final Pattern COMMENTS = Pattern.compile("--[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);

  private static final String EXISTING = "SELECT n FROM unnest(?::text[]) AS n WHERE to_regclass(n) IS NOT NULL";

  private DeployLint() {}

  /**
   * {@code preflight} with the lint of {@code pending}, read on {@code work} (the deploy's session:
   * its search path resolves the names); sizes are read on a connection of {@code connections}.
   */
  static DeployPreflight lint(StrataConfig config, Supplier<Connection> connections, Connection work, List<MigrationFolder> pending,
      DeployPreflight preflight, DeploySettings settings) {
    boolean allowUnsafe = settings.allowUnsafe();
    try {
      // the preflight knows whether the database has a user table (GuardQueries' server facts)
      if (preflight.lintSkipped().equals(Optional.of(DeployPreflight.LINT_SKIPPED_EMPTY))) {
        return preflight.withLint(preflight.pending(), Optional.of(DeployPreflight.LINT_SKIPPED_EMPTY), allowUnsafe);
      }
      Set<String> existing = existing(work, preflight.pending().stream().flatMap(m -> m.relations().stream()).toList());
      List<MigrationFolder> chosen = new ArrayList<>();
      for (int i = 0; i < pending.size(); i++) {
        MigrationFolder folder = pending.get(i);
        if (unknownStatement(folder.statements()) || preflight.pending().get(i).relations().stream().anyMatch(existing::contains)) {
          chosen.add(folder);
        }
      }
      if (chosen.isEmpty()) {
        return preflight.withLint(preflight.pending(), Optional.empty(), allowUnsafe);
      }
      LintResult result = forStrataRunner(new LintOperation(config, Optional.of(connections))
          .run(LintRequest.files(chosen.stream().map(MigrationFolder::migrationFile).toList())));
      if (settings.statementLockTimeout().isPresent()) {
        result = without(result, MISSING_LOCK_TIMEOUT, "the deploy runs the migrations under lock_timeout");
      }
      List<DeployPreflight.Migration> linted = new ArrayList<>();
      for (int i = 0; i < pending.size(); i++) {
        DeployPreflight.Migration migration = preflight.pending().get(i);
        int at = chosen.indexOf(pending.get(i));
        if (at < 0) {
          linted.add(migration);
          continue;
        }
        String file = result.files().get(at);
        List<LintFinding> findings = result.findings().stream().filter(f -> f.file().equals(file)).toList();
        int suppressed = (int) result.suppressed().stream().filter(s -> s.finding().file().equals(file)).count();
        linted.add(migration.withLint(DeployPreflight.LintSummary.of(findings, suppressed)));
      }
      return preflight.withLint(linted, Optional.empty(), allowUnsafe);
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "The deploy's preflight could not read the database: "
          + dev.strata.config.DatabaseUrl.mask(String.valueOf(e.getMessage())), e);
    }
  }

  /**
   * {@code result} without {@code LN028} ({@code CONCURRENTLY} beside other statements): it describes
   * a runner that wraps the whole file in one transaction (Prisma's). Strata's deploy runs such a
   * statement on its own, outside the migration's transaction — the lock-safe migrations {@code
   * migrate dev} writes depend on it — so in the workflow the finding would be false.
   */
  static LintResult forStrataRunner(LintResult result) {
    return without(result, STRATA_RUNS_CONCURRENTLY, "Strata's migrate deploy runs a CONCURRENTLY statement outside the migration's transaction");
  }

  /** {@code result} without the findings of rule {@code code}, which do not apply here ({@code why}). */
  private static LintResult without(LintResult result, String code, String why) {
    if (result.findings().stream().noneMatch(f -> f.code().equals(code))) {
      return result;
    }
    List<String> notes = new ArrayList<>(result.notes());
    notes.add(code + " is not reported: " + why);
    return new LintResult(result.files(), result.statements(), result.unparsed(),
        result.findings().stream().filter(f -> !f.code().equals(code)).toList(), result.suppressed(),
        result.observed(), result.sizesFromDatabase(), notes);
  }

  /** Whether a statement is of a form whose relations are not read (then the migration is linted). */
  static boolean unknownStatement(List<SqlStatement> statements) {
    for (SqlStatement statement : statements) {
      String text = COMMENTS.matcher(statement.text()).replaceAll(" ").strip();
      if (text.isEmpty()) {
        continue;
      }
      if (!KNOWN.matcher(text).lookingAt()) {
        return true;
      }
      if (CREATE_TABLE.matcher(text).lookingAt() && CREATE_TABLE_FROM.matcher(text).find()) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> existing(Connection work, List<String> names) throws SQLException {
    Set<String> wanted = new LinkedHashSet<>(names);
    if (wanted.isEmpty()) {
      return Set.of();
    }
    Set<String> found = new HashSet<>();
    try (PreparedStatement statement = work.prepareStatement(EXISTING)) {
      Array array = work.createArrayOf("text", wanted.toArray());
      statement.setArray(1, array);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          found.add(rows.getString(1));
        }
      }
    }
    return found;
  }
}
