package dev.strata.dialect;

/** One SQL statement a dialect renders for a change, without its terminating semicolon. */
public record Statement(String sql, LockLevel lockLevel) {}
