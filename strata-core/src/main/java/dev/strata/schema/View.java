package dev.strata.schema;

/** A view: kept in the IR (introspection, drift reports) but never migrated, as in Prisma. */
public record View(String schema, String name, String definition) {}
