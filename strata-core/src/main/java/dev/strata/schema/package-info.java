/**
 * The schema IR: immutable, dialect-free records describing a database schema (tables, columns,
 * keys, indexes, foreign keys, enums, sequences, extensions, views). Produced from a Prisma schema
 * (lowering) and from a live database (introspection), compared by the differ. No JDBC here; objects
 * refer to each other by name.
 */
package dev.strata.schema;
