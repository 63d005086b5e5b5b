package dev.strata.postgres.inspect;

/** Prisma's migration and introspection fixtures against the test kit's embedded PostgreSQL 17. */
class PgFixturesEmbeddedIT extends PgFixtureCases {
  @Override
  ScratchDatabase openDatabase() {
    return ScratchDatabase.on(ScratchDatabase.Server.EMBEDDED);
  }
}
