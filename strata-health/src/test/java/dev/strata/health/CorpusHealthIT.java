package dev.strata.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.SharedData;
import dev.strata.embedded.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A freshly migrated corpus database (all eight projects) reports no finding but the true ones, listed here and in
 * docs/health.md: the embedded test server's fsync=off, and what the projects' own schemas do
 * (foreign keys their migrations never indexed, …).
 */
@StrataDatabase
class CorpusHealthIT {
  /** The true findings: check id → severity and number of objects reported. */
  record Project(String folder, String schema, Map<String, String> trueFindings) {
    @Override
    public String toString() {
      return folder;
    }
  }

  static List<Project> projects() {
    return List.of(
        new Project("umami-software__umami", "prisma/schema.prisma", TRUE_FINDINGS_UMAMI),
        new Project("spliit-app__spliit", "prisma/schema.prisma", TRUE_FINDINGS_SPLIIT),
        new Project("documenso__documenso", "packages/prisma/schema.prisma", TRUE_FINDINGS_DOCUMENSO),
        new Project("ghostfolio__ghostfolio", "prisma/schema.prisma", TRUE_FINDINGS_GHOSTFOLIO),
        new Project("hoppscotch__hoppscotch", "packages/hoppscotch-backend/prisma/schema.prisma", TRUE_FINDINGS_HOPPSCOTCH),
        new Project("langfuse__langfuse", "packages/shared/prisma/schema.prisma", TRUE_FINDINGS_LANGFUSE),
        new Project("linkwarden__linkwarden", "packages/prisma/schema.prisma", TRUE_FINDINGS_LINKWARDEN),
        new Project("lukevella__rallly", "packages/database/prisma/schema.prisma", TRUE_FINDINGS_RALLLY));
  }

  /** The embedded test server runs with fsync, full_page_writes and synchronous_commit off (speed over durability). */
  static final String TEST_SERVER = "critical × 3";

  /**
   * umami: slug and access_code have both @unique and @@index (3 exact duplicates), and 12
   * @@index([website_id]) / ([website_id, created_at]) are left prefixes of longer ones.
   */
  static final Map<String, String> TRUE_FINDINGS_UMAMI = Map.of(
      "unsafe-settings", TEST_SERVER, "duplicate-indexes", "warning × 3", "redundant-indexes", "warning × 12");

  /** spliit: 7 relations without an @@index on their foreign key, and one prefix-redundant index. */
  static final Map<String, String> TRUE_FINDINGS_SPLIIT = Map.of(
      "unsafe-settings", TEST_SERVER, "fk-without-index", "warning × 7", "redundant-indexes", "warning × 1");

  /**
   * documenso: 7 columns with both @id/@unique and @unique/@@index (Session.sessionToken,
   * TeamEmail.teamId…), 4 @@indexes left prefixes of a longer unique key or index, 23 relations
   * without an index on their foreign key.
   */
  static final Map<String, String> TRUE_FINDINGS_DOCUMENSO = Map.of(
      "unsafe-settings", TEST_SERVER, "duplicate-indexes", "warning × 7", "redundant-indexes", "warning × 4",
      "fk-without-index", "warning × 23");

  /** ghostfolio: 5 @@indexes left prefixes of a key (Account @@index([id]) beside @@id([id, userId])…), 6 unindexed relations. */
  static final Map<String, String> TRUE_FINDINGS_GHOSTFOLIO = Map.of(
      "unsafe-settings", TEST_SERVER, "redundant-indexes", "warning × 5", "fk-without-index", "warning × 6");

  /** hoppscotch: Shortcode.id both @id and @unique, 2 prefix-redundant indexes, 13 unindexed relations, 2 models keyed by @@unique only. */
  static final Map<String, String> TRUE_FINDINGS_HOPPSCOTCH = Map.of(
      "unsafe-settings", TEST_SERVER, "duplicate-indexes", "warning × 1", "redundant-indexes", "warning × 2",
      "fk-without-index", "warning × 13", "tables-without-primary-key", "warning × 2");

  /** langfuse: 7 columns indexed twice (api_keys: @unique and @@index; llm_api_keys.id: @id and @unique), 4 prefix-redundant indexes, 37 unindexed relations, 3 tables without a primary key. */
  static final Map<String, String> TRUE_FINDINGS_LANGFUSE = Map.of(
      "unsafe-settings", TEST_SERVER, "duplicate-indexes", "warning × 7", "redundant-indexes", "warning × 4",
      "fk-without-index", "warning × 37", "tables-without-primary-key", "warning × 3");

  /** linkwarden: UsersAndCollections @@index([userId]) beside @@id([userId, collectionId]), 12 unindexed relations, 2 token tables without a primary key. */
  static final Map<String, String> TRUE_FINDINGS_LINKWARDEN = Map.of(
      "unsafe-settings", TEST_SERVER, "redundant-indexes", "warning × 1", "fk-without-index", "warning × 12",
      "tables-without-primary-key", "warning × 2");

  /**
   * rallly: polls.id both @id and @unique, verifications.identifier @unique and @@index, and
   * User_email_key left beside users_email_key when the table was renamed (its migrations never
   * dropped it); 1 prefix-redundant index; 8 unindexed relations.
   */
  static final Map<String, String> TRUE_FINDINGS_RALLLY = Map.of(
      "unsafe-settings", TEST_SERVER, "duplicate-indexes", "warning × 3", "redundant-indexes", "warning × 1",
      "fk-without-index", "warning × 8");

  @ParameterizedTest(name = "{0}")
  @MethodSource("projects")
  void a_freshly_migrated_database_reports_only_true_findings(Project project, TestDatabase db) throws Exception {
    Path schema = SharedData.corpus().resolve(project.folder()).resolve(project.schema());
    String name = "health_corpus_" + UUID.randomUUID().toString().substring(0, 8);
    db.server().createDatabase(name);
    try {
      Path work = Files.createTempDirectory("strata-health-corpus-");
      Strata strata = Strata.of(Strata.configure().url(db.server().postgresUrl(name)).schema(schema).workingDirectory(work).build());
      strata.deploy();
      HealthReport report = Health.of(strata).report(List.of());
      assertThat(report.checks()).filteredOn(c -> c.status() == CheckStatus.ERROR).as("errors").isEmpty();
      Map<String, String> found = new TreeMap<>(report.checks().stream().filter(c -> c.status() == CheckStatus.FOUND)
          .collect(Collectors.toMap(CheckResult::id, c -> c.severity().label() + " × " + c.rows().size())));
      String detail = report.checks().stream().filter(c -> c.status() == CheckStatus.FOUND)
          .map(c -> c.id() + ": " + c.summary() + " " + c.rows()).collect(Collectors.joining("\n"));
      assertThat(found).as(detail).isEqualTo(new TreeMap<>(project.trueFindings()));
      assertThat(report.check("migration-state").get().status()).isEqualTo(CheckStatus.PASSED);
    } finally {
      db.server().dropDatabase(name);
    }
  }
}
