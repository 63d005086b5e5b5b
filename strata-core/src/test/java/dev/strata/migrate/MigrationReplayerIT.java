package dev.strata.migrate;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;

/** {@link MigrationReplayerContract} on the embedded PostgreSQL. */
@StrataDatabase
class MigrationReplayerIT extends MigrationReplayerContract {
  MigrationReplayerIT(TestDatabase db) {
    super(db);
  }
}
