package dev.strata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.DataBrowser.Filter;
import dev.strata.DataBrowser.Operator;
import dev.strata.DataBrowser.Page;
import dev.strata.DataBrowser.Query;
import dev.strata.DataBrowser.Row;
import dev.strata.DataBrowser.Sort;
import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Strata#data()} through the Java API on a real PostgreSQL: models, pages, filters, keyset, changes. */
@StrataDatabase
class StrataDataIT {
  static final String SCHEMA =
      """
      datasource db {
        provider = "postgresql"
      }

      enum Role {
        USER
        ADMIN
      }

      /// People who write posts.
      model User {
        id      Int      @id @default(autoincrement())
        /// Where we write to them.
        email   String   @unique
        name    String?
        role    Role     @default(USER)
        active  Boolean  @default(true)
        score   Float?
        profile Json?
        avatar  Bytes?
        born    DateTime?
        posts   Post[]
        @@map("users")
      }

      model Post {
        id       Int    @id @default(autoincrement())
        title    String @map("post title")
        authorId Int
        author   User   @relation(fields: [authorId], references: [id])
      }
      """;

  @TempDir Path project;
  Strata strata;
  DataBrowser data;

  @BeforeEach
  void freshDatabase(TestDatabase db) throws IOException {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    Path schema = project.resolve("prisma/schema.prisma");
    Files.createDirectories(schema.getParent());
    Files.writeString(schema, SCHEMA);
    strata = Strata.configure().url(db.url()).schema(schema).load();
    strata.pushSchema();
    StringBuilder sql = new StringBuilder();
    for (int i = 1; i <= 25; i++) {
      sql.append("INSERT INTO users (email, name, role, score, profile) VALUES ('u").append(i).append("@x.io', ")
          .append(i % 5 == 0 ? "NULL" : "'name " + (i % 7) + "'").append(", '").append(i % 3 == 0 ? "ADMIN" : "USER")
          .append("', ").append(i * 1.5).append(", '{\"city\": \"c").append(i % 2).append("\"}');\n");
    }
    sql.append("INSERT INTO \"Post\" (\"post title\", \"authorId\") VALUES ('Hello', 1), ('Again', 1), ('Other', 2);");
    db.execute(sql.toString());
    data = strata.data();
  }

  @Test
  void lists_models_with_tables_fields_keys_relations_and_row_counts() {
    List<DataBrowser.Model> models = data.models();
    assertThat(models).extracting(DataBrowser.Model::name).containsExactly("User", "Post");
    DataBrowser.Model user = models.get(0);
    assertThat(user.table()).isEqualTo("users");
    assertThat(user.estimatedRows()).isEqualTo(25);
    assertThat(user.key()).containsExactly("id");
    assertThat(user.documentation()).contains("People who write posts.");
    assertThat(user.field("role").get().kind()).isEqualTo(DataBrowser.Kind.ENUM);
    assertThat(user.field("role").get().enumValues()).containsExactly("USER", "ADMIN");
    assertThat(user.field("email").get().documentation()).contains("Where we write to them.");
    assertThat(user.relations()).containsExactly(new DataBrowser.Relation("Post", List.of("id"), List.of("authorId"), true));
    DataBrowser.Model post = models.get(1);
    assertThat(post.field("title").get().column()).isEqualTo("post title");
    assertThat(post.relations()).containsExactly(new DataBrowser.Relation("User", List.of("authorId"), List.of("id"), false));
  }

  @Test
  void keyset_pages_cover_every_row_once_in_any_sort() {
    for (Optional<Sort> sort : List.of(Optional.<Sort>empty(), Optional.of(new Sort("name", false)),
        Optional.of(new Sort("name", true)), Optional.of(new Sort("score", true)), Optional.of(new Sort("email", false)))) {
      List<String> seen = new ArrayList<>();
      Query query = new Query("User", List.of(), sort, Optional.empty(), 4);
      Page page;
      int pages = 0;
      do {
        page = data.page(query);
        page.rows().forEach(r -> seen.add(r.get("id").orElseThrow()));
        query = page.next().map(query::after).orElse(query);
        pages++;
      } while (page.next().isPresent() && pages < 20);
      assertThat(seen).as("sort %s", sort).hasSize(25).doesNotHaveDuplicates();
      assertThat(pages).isEqualTo(7);
    }
    Page byName = data.page(Query.first("User", 30).withSort(new Sort("name", false)));
    List<Optional<String>> names = byName.rows().stream().map(r -> r.get("name")).toList();
    assertThat(names.subList(20, 25)).allMatch(Optional::isEmpty);
    assertThat(byName.statement().sql()).contains("ORDER BY t.\"name\" ASC NULLS LAST, t.\"id\" ASC");
  }

  @Test
  void filters_are_typed_by_field() {
    assertThat(ids(Filter.of("role", Operator.EQUALS, "ADMIN"))).hasSize(8);
    assertThat(ids(Filter.of("email", Operator.CONTAINS, "U1"))).hasSize(11);
    assertThat(ids(Filter.of("score", Operator.AT_LEAST, "30"), Filter.of("score", Operator.AT_MOST, "33"))).containsExactly("20", "21", "22");
    assertThat(ids(Filter.of("name", Operator.IS_NULL, ""))).containsExactly("5", "10", "15", "20", "25");
    assertThat(ids(new Filter("profile", Operator.JSON_PATH_EQUALS, "c1", List.of("city")))).hasSize(13);
    assertThat(ids(Filter.of("active", Operator.EQUALS, "yes"))).hasSize(25);
    assertThatThrownBy(() -> ids(Filter.of("id", Operator.EQUALS, "1 OR 1=1")))
        .isInstanceOf(StrataException.class).hasMessageContaining("is not a whole number");
    assertThatThrownBy(() -> ids(Filter.of("nope", Operator.EQUALS, "1"))).hasMessageContaining("has no field `nope`");
  }

  @Test
  void injection_through_values_filters_sorts_and_cursors_changes_nothing(TestDatabase db) {
    List<String> payloads = List.of("'; DROP TABLE users; --", "\" OR 1=1 --", "x'/*", "*/ OR 1=1", "%' OR '1'='1", "\\'); DELETE FROM users; --");
    for (String p : payloads) {
      assertThat(ids(Filter.of("email", Operator.EQUALS, p))).isEmpty();
      assertThat(ids(Filter.of("email", Operator.CONTAINS, p))).isEmpty();
      assertThatThrownBy(() -> data.page(Query.first("User", 5).withSort(new Sort(p, false)))).isInstanceOf(StrataException.class);
      assertThatThrownBy(() -> data.page(Query.first("User", 5).after(p))).isInstanceOf(StrataException.class);
      assertThatThrownBy(() -> data.page(Query.first(p, 5))).isInstanceOf(StrataException.class);
      Map<String, Optional<String>> name = Map.of("name", Optional.of(p));
      DataBrowser.Change changed = data.update("User", Map.of("id", "2"), name);
      assertThat(changed.row().get().get("name")).contains(p);
    }
    assertThatThrownBy(() -> data.update("User", Map.of("id", "2 OR 1=1"), Map.of("name", Optional.of("x"))))
        .hasMessageContaining("is not a whole number");
    assertThatThrownBy(() -> data.update("User", Map.of("id", "2"), Map.of("name\" = 'x', \"email", Optional.of("x"))))
        .hasMessageContaining("has no field");
    assertThat(db.queryValue("SELECT count(*) FROM users")).contains("25");
    assertThat(db.queryValue("SELECT count(*) FROM users WHERE name = 'x'")).contains("0");
  }

  @Test
  void inserts_updates_and_deletes_in_a_transaction_and_return_their_sql(TestDatabase db) {
    Map<String, Optional<String>> values = new LinkedHashMap<>();
    values.put("email", Optional.of("new@x.io"));
    values.put("role", Optional.of("ADMIN"));
    values.put("profile", Optional.of("{\"a\": [1, 2]}"));
    values.put("avatar", Optional.of("3q2+7w=="));
    values.put("born", Optional.of("2001-02-03T04:05"));
    DataBrowser.Statement preview = data.previewInsert("User", values);
    assertThat(preview.sql()).startsWith("INSERT INTO \"public\".\"users\" (\"email\", \"role\", \"profile\", \"avatar\", \"born\") VALUES ($1, $2, $3, $4, $5)");
    DataBrowser.Change inserted = data.insert("User", values);
    assertThat(inserted.statement()).isEqualTo(new DataBrowser.Statement(preview.sql(), List.of(
        Optional.of("new@x.io"), Optional.of("ADMIN"), Optional.of("{\"a\": [1, 2]}"), Optional.of("\\xdeadbeef"), Optional.of("2001-02-03T04:05"))));
    Row row = inserted.row().orElseThrow();
    assertThat(row.get("avatar")).contains("\\xdeadbeef");
    assertThat(row.get("born")).contains("2001-02-03 04:05:00");
    String id = row.get("id").orElseThrow();

    DataBrowser.Change updated = data.update("User", Map.of("id", id), Map.of("name", Optional.of("Ann"), "score", Optional.empty()));
    assertThat(updated.statement().sql()).isEqualTo("UPDATE \"public\".\"users\" SET \"name\" = $1, \"score\" = $2 WHERE \"id\" = $3 RETURNING "
        + "\"id\"::text, \"email\"::text, \"name\"::text, \"role\"::text, \"active\"::text, \"score\"::text, \"profile\"::text, \"avatar\"::text, \"born\"::text");
    assertThat(updated.statement().parameters()).containsExactly(Optional.of("Ann"), Optional.empty(), Optional.of(id));
    assertThat(db.queryValue("SELECT name FROM users WHERE id = " + id)).contains("Ann");

    assertThatThrownBy(() -> data.update("User", Map.of("id", id), Map.of("email", Optional.of("u1@x.io"))))
        .isInstanceOf(StrataException.class).hasMessageContaining("duplicate key value").hasMessageContaining("u1@x.io")
        .satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.DATABASE));
    assertThatThrownBy(() -> data.delete("User", Map.of("id", "1")))
        .isInstanceOf(StrataException.class).hasMessageContaining("foreign key");
    assertThat(db.queryValue("SELECT count(*) FROM users")).contains("26");
    assertThatThrownBy(() -> data.update("User", Map.of("id", id), Map.of("profile", Optional.of("{bad"))))
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> data.update("User", Map.of("id", id), Map.of("role", Optional.of("ROOT"))))
        .hasMessageContaining("one of USER, ADMIN");
    assertThatThrownBy(() -> data.update("User", Map.of("id", id), Map.of("email", Optional.empty())))
        .hasMessageContaining("cannot be empty");

    DataBrowser.Change deleted = data.delete("User", Map.of("id", id));
    assertThat(deleted.rows()).isEqualTo(1);
    assertThat(deleted.statement().describe()).isEqualTo("DELETE FROM \"public\".\"users\" WHERE \"id\" = $1\n-- $1 = '" + id + "'");
    assertThatThrownBy(() -> data.delete("User", Map.of("id", id))).hasMessageContaining("No row has that key any more");
    assertThat(db.queryValue("SELECT count(*) FROM users")).contains("25");
  }

  @Test
  void a_read_only_browser_reads_and_refuses_every_change(TestDatabase db) {
    DataBrowser readOnly = data.readOnly();
    assertThat(readOnly.isReadOnly()).isTrue();
    assertThat(readOnly.page(Query.first("User", 5)).rows()).hasSize(5);
    Map<String, Optional<String>> name = Map.of("name", Optional.of("changed"));
    List<Runnable> changes = List.of(
        () -> readOnly.insert("User", Map.of("email", Optional.of("ro@x.io"))),
        () -> readOnly.update("User", Map.of("id", "1"), name),
        () -> readOnly.delete("User", Map.of("id", "25")),
        () -> readOnly.previewInsert("User", Map.of("email", Optional.of("ro@x.io"))),
        () -> readOnly.previewUpdate("User", Map.of("id", "1"), name),
        () -> readOnly.previewDelete("User", Map.of("id", "25")));
    for (Runnable change : changes) {
      assertThatThrownBy(change::run).isInstanceOf(StrataException.class).hasMessageContaining("read-only");
    }
    assertThat(db.queryValue("SELECT count(*) FROM users")).contains("25");
    assertThat(db.queryValue("SELECT count(*) FROM users WHERE name = 'changed'")).contains("0");
  }

  @Test
  void the_schema_docs_read_each_tables_rows_and_size_from_the_database() {
    SchemaDocs docs = strata.schemaDocsWithSizes();
    SchemaDocs.Size users = docs.models().get(0).size().orElseThrow();
    assertThat(users.rows()).isEqualTo(25);
    assertThat(users.bytes()).isPositive();
    assertThat(docs.models().get(1).size().orElseThrow().rows()).isEqualTo(3);
    assertThat(strata.schemaDocs().models().get(0).size()).isEmpty();
    String page = strata.docsWithSizes(project.resolve("docs"), SchemaDocs.Format.MARKDOWN, false).content();
    assertThat(page).containsPattern("Table `public.users`\\. About 25 rows, [0-9.]+ KiB\\. People who write posts\\.");
  }

  private List<String> ids(Filter... filters) {
    return data.page(Query.first("User", 100).withFilters(List.of(filters))).rows().stream()
        .map(r -> r.get("id").orElseThrow()).toList();
  }
}
