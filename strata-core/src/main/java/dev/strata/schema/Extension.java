package dev.strata.schema;

import java.util.Optional;

/** An installed or declared extension ({@code CREATE EXTENSION}). */
public record Extension(String name, Optional<String> schema, Optional<String> version) {}
