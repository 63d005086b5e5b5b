package dev.strata.postgres.inspect;

/** Prisma's migration and introspection fixtures against the machine's PostgreSQL 15 server. */
class PgFixturesIT extends PgFixtureCases {
  @Override
  ScratchDatabase openDatabase() {
    return ScratchDatabase.on(ScratchDatabase.Server.LOCAL);
  }
}
