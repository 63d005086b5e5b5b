package dev.strata;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One finding of {@code strata migrate lint}: which rule, where ({@code file:line}), what is wrong
 * and the safe alternative.
 *
 * @param file the migration file as shown ({@code 20240101000000_init/migration.sql})
 * @param statement the statement's first line
 * @param fix the safe alternative, as SQL (or advice when there is none)
 * @param relation the table the finding is about, when it is about one
 * @param lockMode the lock mode the statement takes on it ({@code ACCESS EXCLUSIVE}), for lock findings
 * @param basis for lock and rewrite findings, {@code observed} (seen on a shadow database) or
 *     {@code static} (the rule's own judgement, as with {@code --offline}); empty otherwise
 * @param rows the table's estimated rows in the target database, when known
 * @param bytes the table's size in bytes in the target database, when known
 */
public record LintFinding(String code, String rule, LintSeverity severity, String file, int line, String statement,
    String message, String fix, Optional<String> relation, Optional<String> lockMode, String basis,
    OptionalLong rows, OptionalLong bytes) {

  public LintFinding {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fix, "fix");
    Objects.requireNonNull(relation, "relation");
    Objects.requireNonNull(lockMode, "lockMode");
    Objects.requireNonNull(basis, "basis");
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(bytes, "bytes");
  }

  /** {@code file:line}. */
  public String location() {
    return file + ":" + line;
  }
}
