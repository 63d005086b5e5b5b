package dev.strata.lint.observe;

import dev.strata.StrataConfig;
import dev.strata.compare.EmbeddedShadows;
import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.sql.Connection;

/** {@link ObservedLintContract} with the embedded PostgreSQL (17) giving out the shadow databases, as the CLI does. */
@StrataDatabase
class ObservedLintEmbeddedIT extends ObservedLintContract {
  private final TestDatabase db;

  ObservedLintEmbeddedIT(TestDatabase db) {
    this.db = db;
  }

  @Override
  StrataConfig.Builder withShadow(StrataConfig.Builder builder) {
    return builder.shadowDatabases(new EmbeddedShadows());
  }

  @Override
  Connection scratch() {
    return db.connection();
  }
}
