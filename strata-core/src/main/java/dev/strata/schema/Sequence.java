package dev.strata.schema;

import java.util.Optional;

/** A sequence (those owned by serial columns are implied by the column and not listed separately). */
public record Sequence(String schema, String name, Optional<String> ownedByTable, Optional<String> ownedByColumn) {}
