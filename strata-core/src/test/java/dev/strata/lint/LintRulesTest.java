package dev.strata.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.LintFinding;
import dev.strata.LintSeverity;
import dev.strata.lint.StatementFacts.TableSize;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every rule fires on its minimal bad case and stays quiet on its safe alternative. */
class LintRulesTest {
  private static final LintSettings ALL_ON = LintSettings.defaults()
      .withEnabled(LintRules.all().stream().map(LintRule::code).collect(Collectors.toSet()));

  static List<LintFinding> lint(String sql, LintSettings settings) {
    Linter linter = new Linter(settings);
    linter.lint(new Linter.Input("m/migration.sql", sql));
    return linter.findings();
  }

  static Set<String> codes(String sql) {
    return lint(sql, ALL_ON).stream().map(LintFinding::code).collect(Collectors.toSet());
  }

  @TestFactory
  Stream<DynamicTest> each_rule_fires_on_its_bad_case() {
    return LintRules.all().stream().map(rule -> DynamicTest.dynamicTest(rule.code() + " " + rule.name() + " fires",
        () -> assertThat(codes(rule.bad())).as(rule.bad()).contains(rule.code())));
  }

  @TestFactory
  Stream<DynamicTest> each_rule_is_quiet_on_its_safe_alternative() {
    return LintRules.all().stream().map(rule -> DynamicTest.dynamicTest(rule.code() + " " + rule.name() + " quiet",
        () -> assertThat(codes(rule.good())).as(rule.good()).doesNotContain(rule.code())));
  }

  @Test
  void there_are_at_least_45_rules_with_explanations_and_safe_sql() {
    assertThat(LintRules.all()).hasSizeGreaterThanOrEqualTo(45);
    for (LintRule rule : LintRules.all()) {
      assertThat(rule.code()).matches("LN\\d{3}");
      assertThat(rule.explain()).contains("What it means: ").contains("\nWhy it happens: ").contains("\nWhat to do: ");
      assertThat(rule.safeSql()).isNotBlank();
    }
  }

  @Test
  void objects_created_in_the_same_migration_are_never_flagged_for_locking() {
    String sql = """
        CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, total numeric);
        CREATE INDEX idx_orders_user_id ON orders (user_id);
        ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
        ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);
        ALTER TABLE orders ALTER COLUMN total SET NOT NULL;
        ALTER TABLE orders ADD COLUMN public_id uuid DEFAULT gen_random_uuid();
        """;
    assertThat(lint(sql, ALL_ON)).noneMatch(f -> f.lockMode().isPresent());
    // the same statements on an existing table are flagged, with the lock mode named
    List<LintFinding> existing = lint(sql.lines().skip(1).collect(Collectors.joining("\n")), ALL_ON);
    assertThat(existing).extracting(LintFinding::code).contains("LN020", "LN022", "LN023", "LN024", "LN025");
    assertThat(existing).filteredOn(f -> f.code().equals("LN020")).singleElement()
        .satisfies(f -> assertThat(f.lockMode()).contains("SHARE"))
        .satisfies(f -> assertThat(f.basis()).isEqualTo("static"))
        .satisfies(f -> assertThat(f.line()).isEqualTo(1));
  }

  @Test
  void table_sizes_weigh_lock_findings() {
    String sql = "CREATE INDEX idx_orders_user_id ON orders (user_id);";
    assertThat(lint(sql, ALL_ON.withSizes(Map.of("orders", new TableSize(0, 8192))))).noneMatch(f -> f.code().equals("LN020"));
    assertThat(lint(sql, ALL_ON.withSizes(Map.of("orders", new TableSize(50_000_000, 8L << 30)))))
        .filteredOn(f -> f.code().equals("LN020")).singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(LintSeverity.ERROR))
        .satisfies(f -> assertThat(f.rows()).hasValue(50_000_000));
    assertThat(lint(sql, ALL_ON)).filteredOn(f -> f.code().equals("LN020")).singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(LintSeverity.WARNING));
  }

  @Test
  void an_observation_overrides_the_static_judgement() {
    String sql = "ALTER TABLE orders ADD COLUMN public_id uuid DEFAULT gen_random_uuid();";
    ObservationSource noRewrite = s -> Optional.of(new ObservedFacts(Map.of("orders", "AccessExclusiveLock"), Set.of(), Set.of()));
    ObservationSource rewrite = s -> Optional.of(new ObservedFacts(Map.of("orders", "AccessExclusiveLock"), Set.of("orders"), Set.of()));
    assertThat(lint(sql, ALL_ON.withObserver(noRewrite))).noneMatch(f -> f.code().equals("LN025"));
    assertThat(lint(sql, ALL_ON.withObserver(rewrite))).filteredOn(f -> f.code().equals("LN025")).singleElement()
        .satisfies(f -> assertThat(f.basis()).isEqualTo("observed"))
        .satisfies(f -> assertThat(f.lockMode()).contains("ACCESS EXCLUSIVE"));
  }

  @Test
  void suppression_comments_silence_a_code_on_their_statement_only() {
    String sql = """
        -- strata-lint-ignore LN001: archived to S3 in ticket OPS-12
        DROP TABLE orders;
        DROP TABLE invoices;
        """;
    Linter linter = new Linter(ALL_ON);
    linter.lint(new Linter.Input("m/migration.sql", sql));
    assertThat(linter.findings()).filteredOn(f -> f.code().equals("LN001")).extracting(LintFinding::line).containsExactly(3);
    assertThat(linter.suppressed()).singleElement().satisfies(s -> {
      assertThat(s.finding().line()).isEqualTo(2);
      assertThat(s.reason()).isEqualTo("archived to S3 in ticket OPS-12");
    });
  }

  @Test
  void an_unparsable_statement_is_a_finding_with_its_line() {
    String sql = "CREATE TABLE a (id bigint PRIMARY KEY);\n\nALTER TABLE a ADD CONSTRAINT c CHECK (id > 0) NOT VALLID;\n";
    Linter linter = new Linter(ALL_ON);
    linter.lint(new Linter.Input("m/migration.sql", sql));
    assertThat(linter.unparsed()).isEqualTo(1);
    assertThat(linter.findings()).filteredOn(f -> f.code().equals("LN099")).singleElement().satisfies(f -> {
      assertThat(f.line()).isEqualTo(3);
      assertThat(f.message()).contains("syntax error at or near \"VALLID\"");
    });
  }

  @Test
  void prisma_projects_have_the_rules_prisma_always_trips_off() {
    String sql = "CREATE TABLE \"User\" (\"id\" SERIAL NOT NULL, \"createdAt\" TIMESTAMP(3) NOT NULL, CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\"));";
    LintSettings prisma = LintSettings.defaults().withPrisma(true);
    assertThat(lint(sql, LintSettings.defaults())).extracting(LintFinding::code).contains("LN050", "LN053", "LN057", "LN060");
    assertThat(lint(sql, prisma)).extracting(LintFinding::code).doesNotContain("LN050", "LN053", "LN057", "LN060");
    assertThat(LintRules.byCode("LN057").orElseThrow().prismaOff()).hasValueSatisfying(why -> assertThat(why).contains("Prisma"));
  }

  @Test
  void corpus_false_positives_found_by_hand_stay_fixed() {
    // langfuse: the same value added to two enums is not a use of it
    assertThat(codes("ALTER TYPE \"A\" ADD VALUE 'X';\n\nALTER TYPE \"B\" ADD VALUE 'X';")).doesNotContain("LN014");
    // documenso: numeric(65,30) holds every bigint; it does not narrow
    assertThat(codes("ALTER TABLE \"Field\" ALTER COLUMN \"positionX\" SET DATA TYPE DECIMAL(65,30);")).doesNotContain("LN013");
    assertThat(codes("ALTER TABLE \"Field\" ALTER COLUMN \"positionX\" SET DATA TYPE DECIMAL(10,2);")).contains("LN013");
    // rallly: a DO block that fills the column is a backfill
    assertThat(codes("DO $$ BEGIN UPDATE options SET start_time = now(); END $$;\nALTER TABLE options ALTER COLUMN start_time SET NOT NULL;"))
        .doesNotContain("LN011").contains("LN024");
  }

  @Test
  void a_foreign_key_without_an_index_gets_the_index_for_its_own_table_and_columns() {
    String created = "CREATE TABLE \"Post\" (\"id\" SERIAL NOT NULL, \"authorId\" INTEGER NOT NULL, CONSTRAINT \"Post_pkey\" PRIMARY KEY (\"id\"));\n"
        + "ALTER TABLE \"Post\" ADD CONSTRAINT \"Post_authorId_fkey\" FOREIGN KEY (\"authorId\") REFERENCES \"User\"(\"id\");";
    LintFinding plain = lint(created, LintSettings.defaults()).stream().filter(f -> f.code().equals("LN055")).findFirst().orElseThrow();
    assertThat(plain.fix()).isEqualTo("CREATE INDEX \"Post_authorId_idx\" ON \"Post\" (\"authorId\");");
    assertThat(codes(created + "\n" + plain.fix())).as("the fix silences the rule").doesNotContain("LN055");

    LintFinding prisma = lint(created, LintSettings.defaults().withPrisma(true)).stream()
        .filter(f -> f.code().equals("LN055")).findFirst().orElseThrow();
    assertThat(prisma.fix()).contains("@@index([authorId])").endsWith(plain.fix());

    // a table that already exists (created by an earlier migration): concurrently, in a migration of its own
    Linter linter = new Linter(LintSettings.defaults());
    linter.lint(new Linter.Input("a/migration.sql", "CREATE TABLE app.orders (id bigint PRIMARY KEY, user_id bigint, shop_id bigint);"));
    linter.lint(new Linter.Input("b/migration.sql",
        "ALTER TABLE app.orders ADD CONSTRAINT orders_fk FOREIGN KEY (user_id, shop_id) REFERENCES app.users (id, shop_id) NOT VALID;"));
    assertThat(linter.findings()).filteredOn(f -> f.code().equals("LN055")).singleElement().satisfies(f -> assertThat(f.fix())
        .endsWith("CREATE INDEX CONCURRENTLY \"orders_user_id_shop_id_idx\" ON \"app\".\"orders\" (\"user_id\", \"shop_id\");")
        .contains("migration of its own"));
  }

  @Test
  void unique_and_not_null_findings_get_fixes_for_their_own_table_and_columns() {
    Linter linter = new Linter(LintSettings.defaults());
    linter.lint(new Linter.Input("a/migration.sql", "CREATE TABLE \"User\" (\"id\" INTEGER PRIMARY KEY, \"email\" TEXT, \"org\" INTEGER);"));
    linter.lint(new Linter.Input("b/migration.sql", "CREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\");\n"
        + "ALTER TABLE \"User\" ADD CONSTRAINT \"User_org_email_key\" UNIQUE (\"org\", \"email\");\n"
        + "ALTER TABLE \"User\" ALTER COLUMN \"email\" SET NOT NULL;"));
    List<LintFinding> unique = linter.findings().stream().filter(f -> f.code().equals("LN010")).toList();
    assertThat(unique).hasSize(2);
    assertThat(unique.get(0).fix()).contains("SELECT \"email\", count(*) FROM \"User\" GROUP BY \"email\" HAVING count(*) > 1;")
        .contains("CREATE UNIQUE INDEX CONCURRENTLY \"User_email_key\" ON \"User\" (\"email\");").doesNotContain("USING INDEX");
    assertThat(unique.get(1).fix()).contains("GROUP BY \"org\", \"email\"")
        .contains("CREATE UNIQUE INDEX CONCURRENTLY \"User_org_email_key\" ON \"User\" (\"org\", \"email\");")
        .endsWith("ALTER TABLE \"User\" ADD CONSTRAINT \"User_org_email_key\" UNIQUE USING INDEX \"User_org_email_key\";");
    assertThat(linter.findings()).filteredOn(f -> f.code().equals("LN011")).singleElement().satisfies(f -> assertThat(f.fix())
        .contains("UPDATE \"User\" SET \"email\" = ").contains("WHERE \"email\" IS NULL;")
        .endsWith("ALTER TABLE \"User\" ALTER COLUMN \"email\" SET NOT NULL;"));
  }

  @Test
  void type_findings_name_the_type_to_use_for_their_own_column() {
    String sql = "CREATE TABLE \"users\" (\"id\" INTEGER PRIMARY KEY, \"email\" VARCHAR(255) NOT NULL, \"seen\" TIMESTAMP(3), \"doc\" JSON);";
    List<LintFinding> prisma = lint(sql, ALL_ON.withPrisma(true));
    assertThat(prisma).filteredOn(f -> f.code().equals("LN054")).singleElement().satisfies(f -> assertThat(f.fix())
        .isEqualTo("-- declare it as text (schema.prisma: String without @db.VarChar(255) is text); a column that exists already:\n"
            + "ALTER TABLE \"users\" ALTER COLUMN \"email\" TYPE text;"));
    assertThat(prisma).filteredOn(f -> f.code().equals("LN050")).singleElement().satisfies(f -> assertThat(f.fix())
        .contains("@db.Timestamptz(3) instead of @db.Timestamp(3)")
        .endsWith("ALTER TABLE \"users\" ALTER COLUMN \"seen\" TYPE timestamptz USING \"seen\" AT TIME ZONE 'UTC';"));
    assertThat(lint(sql, ALL_ON)).filteredOn(f -> f.code().equals("LN059")).singleElement().satisfies(f -> assertThat(f.fix())
        .isEqualTo("-- declare it as jsonb; a column that exists already:\nALTER TABLE \"users\" ALTER COLUMN \"doc\" TYPE jsonb;"));
  }

  @Test
  void drops_get_the_expand_contract_steps_for_their_own_table_and_column() {
    Linter linter = new Linter(LintSettings.defaults().withPrisma(true));
    linter.lint(new Linter.Input("a/migration.sql", "CREATE TABLE app.orders (id bigint PRIMARY KEY, legacy_code text NOT NULL);"));
    linter.lint(new Linter.Input("b/migration.sql", "ALTER TABLE app.orders DROP COLUMN legacy_code;\nDROP TABLE app.orders;"));
    assertThat(linter.findings()).filteredOn(f -> f.code().equals("LN002")).singleElement().satisfies(f -> assertThat(f.fix())
        .contains("(schema.prisma: its field made optional, ?)")
        .contains("ALTER TABLE \"app\".\"orders\" ALTER COLUMN \"legacy_code\" DROP NOT NULL;")
        .endsWith("ALTER TABLE \"app\".\"orders\" DROP COLUMN \"legacy_code\";"));
    assertThat(linter.findings()).filteredOn(f -> f.code().equals("LN001")).singleElement().satisfies(f -> assertThat(f.fix())
        .contains("ALTER TABLE \"app\".\"orders\" RENAME TO \"orders_retired\";").endsWith("DROP TABLE \"app\".\"orders_retired\";"));
  }

  @Test
  void a_type_change_to_text_rewrites_when_the_history_says_the_column_was_an_integer() {
    Linter linter = new Linter(ALL_ON);
    linter.lint(new Linter.Input("a/migration.sql", "CREATE TABLE w (id integer PRIMARY KEY, name varchar(20));"));
    linter.lint(new Linter.Input("b/migration.sql", "ALTER TABLE w ALTER COLUMN id SET DATA TYPE TEXT;\nALTER TABLE w ALTER COLUMN name TYPE text;"));
    assertThat(linter.findings()).filteredOn(f -> f.code().equals("LN026")).extracting(LintFinding::line).containsExactly(1);
  }
}
