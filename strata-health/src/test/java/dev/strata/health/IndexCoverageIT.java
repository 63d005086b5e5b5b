package dev.strata.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.config.ProjectConfig;
import dev.strata.config.ProjectOptions;
import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import dev.strata.health.IndexCoverage.TableIndexes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** strata health indexes: coverage per model, with the Prisma schema's model and field names. */
@StrataDatabase
class IndexCoverageIT {
  @TempDir Path project;

  @Test
  void coverage_per_model_with_prisma_names(TestDatabase db) throws Exception {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"
        + "CREATE TABLE users (id serial PRIMARY KEY, email_address text); CREATE UNIQUE INDEX users_email_key ON users (email_address);"
        + "CREATE INDEX users_email_idx ON users (email_address);"
        + "CREATE TABLE posts (id serial PRIMARY KEY, author_id int REFERENCES users, title text, created date);"
        + "CREATE INDEX posts_title_created_idx ON posts (title, created);");
    Path schema = project.resolve("prisma/schema.prisma");
    Files.createDirectories(schema.getParent());
    Files.writeString(schema, """
        datasource db {
          provider = "postgresql"
        }

        model User {
          id    Int    @id @default(autoincrement())
          email String @unique @map("email_address")
          posts Post[]
          @@map("users")
        }

        model Post {
          id       Int      @id @default(autoincrement())
          authorId Int      @map("author_id")
          author   User     @relation(fields: [authorId], references: [id])
          title    String?
          created  DateTime? @db.Date
          @@map("posts")
        }
        """);
    ProjectConfig config = ProjectConfig.resolve(ProjectOptions.of(project, Map.of("DATABASE_URL", db.url())));
    Health health = Health.of(Strata.of(Strata.configure().project(config).build()));
    IndexCoverage coverage = health.indexes();
    assertThat(coverage.prismaNames()).isTrue();
    TableIndexes users = coverage.tables().stream().filter(t -> t.table().equals("users")).findFirst().orElseThrow();
    assertThat(users.model()).isEqualTo("User");
    assertThat(users.indexedColumns()).containsExactly("id", "email");
    assertThat(users.indexes()).filteredOn(i -> i.name().equals("users_email_idx"))
        .singleElement().satisfies(i -> {
          assertThat(i.duplicateOf()).isEqualTo("users_email_key");
          assertThat(i.unused()).isTrue();
        });
    assertThat(users.coverage()).isEqualTo(100.0);
    TableIndexes posts = coverage.tables().stream().filter(t -> t.table().equals("posts")).findFirst().orElseThrow();
    assertThat(posts.model()).isEqualTo("Post");
    assertThat(posts.foreignKeys()).singleElement().satisfies(fk -> {
      assertThat(fk.columns()).containsExactly("authorId");
      assertThat(fk.references()).isEqualTo("User");
      assertThat(fk.covered()).isFalse();
    });
    assertThat(posts.indexes()).filteredOn(i -> i.composite()).singleElement().satisfies(i -> assertThat(i.columns()).containsExactly("title", "created"));
    assertThat(posts.coverage()).isEqualTo(50.0);
    assertThat(coverage.coverage()).isCloseTo(200.0 / 3, org.assertj.core.data.Offset.offset(0.01));

    db.execute("CREATE INDEX posts_author_id_idx ON posts (author_id)");
    assertThat(health.indexes().coverage()).isEqualTo(100.0);
  }
}
