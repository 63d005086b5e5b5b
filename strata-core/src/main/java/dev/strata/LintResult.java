package dev.strata;

import java.util.List;
import java.util.Objects;

/**
 * What {@code strata migrate lint} found: the findings in file and line order, those suppressed
 * (with their reasons), and how it judged.
 *
 * @param files the migration files linted, as shown
 * @param statements how many statements were read
 * @param unparsed how many of them PostgreSQL's parser rejected (each is also an {@code LN099} finding)
 * @param suppressed findings silenced by a {@code -- strata-lint-ignore} comment or {@code strata.toml},
 *     each with its reason in {@link Suppressed#reason()}
 * @param observed whether lock and rewrite findings come from observation on a shadow database; when
 *     false they are the static rules' judgement ({@code --offline})
 * @param sizesFromDatabase whether table sizes were read from the target database
 * @param notes what the user should know about how the run judged (rules off for a Prisma project…)
 */
public record LintResult(List<String> files, int statements, int unparsed, List<LintFinding> findings,
    List<Suppressed> suppressed, boolean observed, boolean sizesFromDatabase, List<String> notes) {

  public LintResult {
    files = List.copyOf(files);
    findings = List.copyOf(findings);
    suppressed = List.copyOf(suppressed);
    notes = List.copyOf(notes);
  }

  /** A finding silenced, and why. */
  public record Suppressed(LintFinding finding, String reason) {
    public Suppressed {
      Objects.requireNonNull(finding, "finding");
      Objects.requireNonNull(reason, "reason");
    }
  }

  public long count(LintSeverity severity) {
    return findings.stream().filter(f -> f.severity() == severity).count();
  }

  /** Whether any finding is an error (the command then exits 3). */
  public boolean hasErrors() {
    return count(LintSeverity.ERROR) > 0;
  }
}
