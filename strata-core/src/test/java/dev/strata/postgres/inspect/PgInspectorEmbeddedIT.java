package dev.strata.postgres.inspect;

/** The introspection suite against the test kit's embedded PostgreSQL 17. */
class PgInspectorEmbeddedIT extends PgInspectorCases {
  @Override
  ScratchDatabase openDatabase() {
    return ScratchDatabase.on(ScratchDatabase.Server.EMBEDDED);
  }
}
