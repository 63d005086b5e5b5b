package dev.strata.postgres.inspect;

/** The introspection suite against the machine's PostgreSQL 15 server on 127.0.0.1:5432. */
class PgInspectorIT extends PgInspectorCases {
  @Override
  ScratchDatabase openDatabase() {
    return ScratchDatabase.on(ScratchDatabase.Server.LOCAL);
  }
}
