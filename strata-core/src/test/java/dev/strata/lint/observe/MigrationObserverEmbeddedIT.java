package dev.strata.lint.observe;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.sql.Connection;

/** {@link MigrationObserverContract} on the embedded PostgreSQL. */
@StrataDatabase
class MigrationObserverEmbeddedIT extends MigrationObserverContract {
  private final TestDatabase db;

  MigrationObserverEmbeddedIT(TestDatabase db) {
    this.db = db;
  }

  @Override
  Connection connect() {
    return db.connection();
  }
}
