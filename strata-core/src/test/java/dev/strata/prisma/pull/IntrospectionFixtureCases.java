package dev.strata.prisma.pull;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.PostgresServer;
import dev.strata.postgres.inspect.InspectOptions;
import dev.strata.postgres.inspect.PgInspector;
import dev.strata.schema.DatabaseSchema;
import dev.strata.embedded.SharedData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Prisma's introspection fixtures end to end: each setup script runs on a fresh database, {@link
 * PgInspector} reads it, {@link PrismaIntrospection} renders it starting from the fixture's
 * configuration blocks, and the result must be byte-identical to Prisma's expected schema as the
 * fixture holds it: the expected text is not re-formatted with our own {@code PrismaFormatter}, which
 * also lays out the rendered schema, so a layout bug there cannot pass by appearing on both sides. The
 * server comes from the subclass.
 */
abstract class IntrospectionFixtureCases {
  private static final List<String> PASSED = new ArrayList<>();
  private static final List<String> FAILED = new ArrayList<>();

  abstract PostgresServer server();

  @TestFactory
  Stream<DynamicTest> introspection_fixtures_render_the_expected_schema() throws Exception {
    Path dir = SharedData.conformance("prisma-engines/introspection/postgres");
    List<IntrospectionFixture> fixtures = IntrospectionFixture.all(dir);
    assertThat(fixtures).hasSize(8);
    return fixtures.stream().map(f -> DynamicTest.dynamicTest(f.name(), () -> check(f)));
  }

  private void check(IntrospectionFixture fixture) throws Exception {
    PostgresServer server = server();
    String name = ("strata_pull_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase(Locale.ROOT);
    server.createDatabase(name);
    DatabaseSchema ir;
    try (Connection c = server.connect(name)) {
      try (Statement st = c.createStatement()) {
        st.execute(fixture.sql());
      }
      InspectOptions options = fixture.schemas().isEmpty() ? InspectOptions.defaults() : InspectOptions.multiSchema(fixture.schemas());
      ir = PgInspector.inspect(c, options);
    } finally {
      server.dropDatabase(name);
    }
    PullResult result = PrismaIntrospection.render(ir, Optional.of(fixture.configOnly()), PullOptions.defaults());
    String actual = result.text();
    boolean same = actual.equals(fixture.expected());
    synchronized (PASSED) {
      (same ? PASSED : FAILED).add(server().getClass().getSimpleName() + " " + fixture.name());
    }
    assertThat(actual).as(fixture.name()).isEqualTo(fixture.expected());
  }

  @AfterAll
  static void report() {
    System.out.println("[strata] introspection fixtures byte-identical: " + PASSED.size() + "/" + (PASSED.size() + FAILED.size())
        + (FAILED.isEmpty() ? "" : " (differing: " + FAILED + ")"));
    PASSED.clear();
    FAILED.clear();
  }
}
