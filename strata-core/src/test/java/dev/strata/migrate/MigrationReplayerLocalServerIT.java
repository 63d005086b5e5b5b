package dev.strata.migrate;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;

/** {@link MigrationReplayerContract} on the machine's PostgreSQL (skipped when it is not reachable). */
@StrataDatabase(server = StrataDatabase.Server.LOCAL)
class MigrationReplayerLocalServerIT extends MigrationReplayerContract {
  MigrationReplayerLocalServerIT(TestDatabase db) {
    super(db);
  }
}
