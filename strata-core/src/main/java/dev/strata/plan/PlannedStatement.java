package dev.strata.plan;

import dev.strata.dialect.LockLevel;
import dev.strata.schema.change.Change;
import java.util.Optional;

/**
 * One SQL statement of a plan.
 *
 * @param step the step it belongs to
 * @param sql the statement, without its terminating semicolon
 * @param reverseSql the SQL that undoes the whole step this statement belongs to (statements
 *     separated by {@code ;\n}); empty when the step cannot be undone
 * @param lockLevel the strongest table lock the statement takes
 * @param change the change that produced it
 */
public record PlannedStatement(
    Step step, String sql, Optional<String> reverseSql, LockLevel lockLevel, Change change) {}
