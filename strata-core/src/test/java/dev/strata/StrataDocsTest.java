package dev.strata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.diag.Diagnostics;
import dev.strata.diag.SourceFile;
import dev.strata.prisma.ast.BlockAttribute;
import dev.strata.prisma.docs.DocsPages;
import dev.strata.prisma.ast.Declaration;
import dev.strata.prisma.ast.EnumDecl;
import dev.strata.prisma.ast.FieldDecl;
import dev.strata.prisma.ast.ModelDecl;
import dev.strata.prisma.ast.PrismaFile;
import dev.strata.prisma.parse.PrismaParser;
import dev.strata.embedded.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Strata#schemaDocs()}, {@link Strata#writeDocs} and {@link Strata#checkDocs}: the page lists
 * every model, field, relation and index (checked against SchemaDocs and, independently, against the
 * schema's source as the Prisma parser reads it); every Mermaid block parses and has each model as an
 * entity with one attribute per scalar field; {@code --check} sees a stale page.
 */
class StrataDocsTest {
  static final String SCHEMA =
      """
      datasource db {
        provider = "postgresql"
      }

      /// What a post is in.
      enum Status {
        DRAFT
        PUBLISHED
      }

      /// People who write posts.
      model User {
        id       Int     @id @default(autoincrement())
        /// Where we write to them.
        email    String  @unique
        posts    Post[]
        mentor   User?   @relation("Mentoring", fields: [mentorId], references: [id])
        mentorId Int?
        mentees  User[]  @relation("Mentoring")
        @@map("users")
      }

      model Post {
        id       Int      @id @default(autoincrement())
        title    String   @db.VarChar(200)
        status   Status   @default(DRAFT)
        authorId Int
        author   User     @relation(fields: [authorId], references: [id])
        tags     Tag[]
        @@index([authorId, status])
      }

      model Tag {
        id    Int    @id
        name  String @unique
        posts Post[]
      }
      """;

  @TempDir Path dir;

  private Strata strata(Path project) {
    return Strata.of(Strata.configure().schema(project.resolve("prisma/schema.prisma")).workingDirectory(project).withoutDatabase().build());
  }

  private Path project() throws IOException {
    Path schema = dir.resolve("prisma/schema.prisma");
    Files.createDirectories(schema.getParent());
    Files.writeString(schema, SCHEMA);
    Path init = dir.resolve("prisma/migrations/20240101000000_init");
    Files.createDirectories(init);
    Files.writeString(init.resolve("migration.sql"), """
        -- CreateEnum
        CREATE TYPE "Status" AS ENUM ('DRAFT', 'PUBLISHED');
        -- CreateTable
        CREATE TABLE "users" ("id" SERIAL NOT NULL, CONSTRAINT "users_pkey" PRIMARY KEY ("id"));
        CREATE UNIQUE INDEX "users_email_key" ON "users"("email");
        ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "users"("id");
        ALTER TABLE "users" ADD COLUMN "mentorId" INTEGER;
        ALTER TYPE "Status" ADD VALUE 'ARCHIVED';
        INSERT INTO "users" DEFAULT VALUES;
        """);
    return dir;
  }

  @Test
  void documents_models_fields_relations_indexes_enums_and_migrations() throws IOException {
    SchemaDocs docs = strata(project()).schemaDocs();
    assertThat(docs.schemaLocation()).isEqualTo("prisma/schema.prisma");
    assertThat(docs.models()).extracting(SchemaDocs.Model::name).containsExactly("User", "Post", "Tag");
    SchemaDocs.Model user = docs.models().get(0);
    assertThat(user.table()).isEqualTo("users");
    assertThat(user.documentation()).contains("People who write posts.");
    SchemaDocs.Field email = user.fields().get(1);
    assertThat(email).isEqualTo(new SchemaDocs.Field("email", "String", java.util.Optional.of("TEXT"), false, java.util.Optional.empty(),
        List.of("unique"), java.util.Optional.of("Where we write to them.")));
    assertThat(user.fields().get(0).defaultValue()).contains("autoincrement()");
    assertThat(user.relations()).containsExactly(
        "posts → Post: one-to-many (back-relation of Post.author)",
        "mentor → User: many-to-one (mentorId → id), self-relation \"Mentoring\"",
        "mentees → User: one-to-many (back-relation of User.mentor), self-relation \"Mentoring\"");
    SchemaDocs.Model post = docs.models().get(1);
    assertThat(post.fields().get(1).nativeType()).contains("VARCHAR(200)");
    assertThat(post.relations()).contains("author → User: many-to-one (authorId → id)", "tags → Tag: many-to-many (with Tag.posts)");
    assertThat(post.indexes()).extracting(SchemaDocs.IndexDoc::name).containsExactly("Post_pkey", "Post_authorId_status_idx");
    assertThat(docs.enums()).containsExactly(new SchemaDocs.EnumDoc("Status", "Status", List.of("DRAFT", "PUBLISHED"),
        java.util.Optional.of("What a post is in.")));
    assertThat(docs.migrations()).containsExactly(new SchemaDocs.MigrationDoc("20240101000000_init", List.of(
        "creates enum Status", "creates table users", "adds unique index users_email_key on users", "adds foreign key to Post",
        "adds column users.mentorId", "adds value ARCHIVED to enum Status", "1 other statement")));
    assertThat(docs.mermaid()).contains("    User ||--o{ Post : \"author\"\n").contains("    User |o--o{ User : \"mentor\"\n")
        .contains("    Post }o--o{ Tag : \"_PostToTag\"\n").contains("        String email UK \"Where we write to them.\"\n");
    assertThat(MermaidErDiagram.problems(docs.mermaid())).isEmpty();
    assertThat(docs.dot()).startsWith("digraph schema {").contains("\"Post\" -> \"User\" [label=\"author\"];");
  }

  @Test
  void writes_the_page_once_and_check_sees_it_go_stale() throws IOException {
    Path project = project();
    Strata strata = strata(project);
    DocsResult checkedBefore = strata.checkDocs(Path.of("docs/schema"), SchemaDocs.Format.MARKDOWN);
    assertThat(checkedBefore.upToDate()).isFalse();
    assertThat(checkedBefore.written()).isFalse();
    assertThat(project.resolve("docs/schema/README.md")).doesNotExist();

    DocsResult written = strata.writeDocs(Path.of("docs/schema"), SchemaDocs.Format.MARKDOWN);
    assertThat(written.written()).isTrue();
    assertThat(written.file()).isEqualTo(project.resolve("docs/schema/README.md"));
    String page = Files.readString(written.file());
    assertThat(page).contains("```mermaid\nerDiagram\n").contains("### User").contains("| email | `String` | `TEXT` | no |  | unique | Where we write to them. |")
        .contains("- `Post_authorId_status_idx` index (authorId, status)").contains("| `20240101000000_init` | creates enum Status;");
    assertThat(strata.checkDocs(Path.of("docs/schema"), SchemaDocs.Format.MARKDOWN).upToDate()).isTrue();
    assertThat(strata.writeDocs(Path.of("docs/schema"), SchemaDocs.Format.MARKDOWN).written()).isFalse();

    Files.writeString(project.resolve("prisma/schema.prisma"), SCHEMA.replace("  name  String @unique", "  name  String @unique\n  color String?"));
    assertThat(strata.checkDocs(Path.of("docs/schema"), SchemaDocs.Format.MARKDOWN).upToDate()).isFalse();
    DocsResult html = strata.writeDocs(Path.of("docs/schema"), SchemaDocs.Format.HTML);
    assertThat(html.file().getFileName().toString()).isEqualTo("index.html");
    assertThat(html.content()).contains("<pre class=\"mermaid\">").contains("color")
        .contains("/npm/mermaid@" + DocsPages.MERMAID_VERSION + "/dist/mermaid.min.js\" integrity=\"sha384-");
  }

  @Test
  void every_corpus_project_gets_a_page_that_lists_its_whole_schema_and_parses() throws IOException {
    Path corpus = SharedData.corpus();
    List<Path> schemas = SharedData.corpusSchemas();
    assertThat(schemas).hasSizeGreaterThanOrEqualTo(8);
    TreeMap<String, String> failures = new TreeMap<>();
    int models = 0;
    int areaPages = 0;
    for (Path schema : schemas) {
      Strata strata = Strata.of(Strata.configure().schema(schema).workingDirectory(corpus).withoutDatabase().build());
      SchemaDocs docs = strata.schemaDocs();
      String page = strata.checkDocs(dir.resolve(corpus.relativize(schema).getName(0)), SchemaDocs.Format.MARKDOWN).content();
      List<String> missing = new ArrayList<>();
      for (SchemaDocs.Model m : docs.models()) {
        models++;
        if (!page.contains("### " + m.name() + "\n")) {
          missing.add("model " + m.name());
        }
        m.fields().forEach(f -> {
          if (!page.contains("| " + f.name() + " | `" + f.type().replace("|", "\\|") + "` |")) {
            missing.add("field " + m.name() + "." + f.name());
          }
        });
        m.relations().forEach(r -> {
          if (!page.contains("- " + r + "\n")) {
            missing.add("relation " + r);
          }
        });
        m.indexes().forEach(i -> {
          if (!page.contains("- `" + i.name() + "` ")) {
            missing.add("index " + i.name());
          }
        });
      }
      List<String> problems = new ArrayList<>();
      Map<String, Integer> entities = new HashMap<>();
      List<String> blocks = mermaidBlocks(page);
      if (blocks.isEmpty()) {
        problems.add("no mermaid block");
      }
      List<MermaidErDiagram.Diagram> diagrams = blocks.stream().map(MermaidErDiagram::parse).toList();
      diagrams.forEach(d -> entities.putAll(d.attributes()));
      for (int b = 0; b < diagrams.size(); b++) {
        int block = b + 1;
        diagrams.get(b).problems().stream()
            // an area's diagram shows the models of other areas it relates to as bare boxes: drawn with their fields elsewhere on the page
            .filter(problem -> !(blocks.size() > 1 && problem.endsWith(", which has no block")
                && entities.containsKey(problem.replaceAll(".*relationship names (.*), which has no block", "$1"))))
            .forEach(problem -> problems.add("mermaid block " + block + ": " + problem));
      }
      if (docs.models().size() > SchemaDocs.AREA_THRESHOLD && !docs.areas().isEmpty()) {
        areaPages++;
        assertThat(blocks).as(schema + ": one diagram per area").hasSize(docs.areas().size());
      }
      missing.addAll(againstTheSource(schema, page, entities));
      if (!missing.isEmpty() || !problems.isEmpty()) {
        failures.put(corpus.relativize(schema).toString(), String.join("; ", missing) + " " + String.join("; ", problems));
      }
    }
    System.out.printf("[strata] docs over the corpus: %d/%d pages complete with a parsing Mermaid diagram (%d models, %d drawn area by area)%n",
        schemas.size() - failures.size(), schemas.size(), models, areaPages);
    assertThat(failures).isEmpty();
    assertThat(areaPages).as("rallly: 32 models in 12 files").isGreaterThanOrEqualTo(1);
  }

  @Test
  void every_mermaid_block_of_a_page_is_read_not_only_the_first() {
    String page = "# Schema\n\n```mermaid\nerDiagram\n    A {\n        Int id PK\n    }\n```\n\ntext\n\n"
        + "```mermaid\nerDiagram\n    B {\n        Int id PK\n        String name\n    }\n    B ||--o{ C : \"c\"\n```\n";
    List<String> blocks = mermaidBlocks(page);
    assertThat(blocks).hasSize(2);
    assertThat(MermaidErDiagram.parse(blocks.get(0)).problems()).isEmpty();
    assertThat(MermaidErDiagram.parse(blocks.get(1)).attributes()).containsEntry("B", 2);
    assertThat(MermaidErDiagram.parse(blocks.get(1)).problems()).containsExactly("line 6: relationship names C, which has no block");
  }

  /** Every {@code ```mermaid} block of a Markdown page, in order. */
  static List<String> mermaidBlocks(String page) {
    List<String> blocks = new ArrayList<>();
    int start = page.indexOf("```mermaid\n");
    while (start >= 0) {
      int end = page.indexOf("```\n", start + 11);
      if (end < 0) {
        blocks.add(page.substring(start + 11) + "\n(no closing fence)");
        break;
      }
      blocks.add(page.substring(start + 11, end));
      start = page.indexOf("```mermaid\n", end + 4);
    }
    return blocks;
  }

  private static final Pattern SUMMARY = Pattern.compile("\n(\\d+) models?, (\\d+) enums?, ");

  /**
   * What the page misses of the schema as its own source says, read by the Prisma parser and not
   * through {@link SchemaDocs}: the counts of models and enums in the summary, each model's heading,
   * each field's row, each relation field in the relations, each enum and its values, each model as
   * an entity of a Mermaid block with one attribute per scalar field, and as many indexes as the
   * model declares ({@code @id}/{@code @@id}, {@code @unique}, {@code @@unique}, {@code @@index}).
   */
  /** The .prisma files of a schema location, in order. */
  static List<Path> sourceFiles(Path schema) throws IOException {
    if (!Files.isDirectory(schema)) {
      return List.of(schema);
    }
    try (Stream<Path> walk = Files.walk(schema)) {
      return walk.filter(p -> p.toString().endsWith(".prisma")).sorted().toList();
    }
  }

  static List<String> againstTheSource(Path schema, String page, Map<String, Integer> entities) throws IOException {
    List<Declaration> declarations = new ArrayList<>();
    for (Path source : sourceFiles(schema)) {
      declarations.addAll(PrismaParser.parse(new SourceFile(source.toString(), Files.readString(source)), new Diagnostics()).declarations());
    }
    List<ModelDecl> models = new ArrayList<>();
    List<EnumDecl> enums = new ArrayList<>();
    for (Declaration d : declarations) {
      if (d instanceof ModelDecl m && m.kind() == ModelDecl.Kind.MODEL) {
        models.add(m);
      } else if (d instanceof EnumDecl e) {
        enums.add(e);
      }
    }
    Set<String> modelNames = new HashSet<>(models.stream().map(m -> m.name().name()).toList());
    List<String> missing = new ArrayList<>();
    Matcher summary = SUMMARY.matcher(page);
    if (!summary.find() || Integer.parseInt(summary.group(1)) != models.size() || Integer.parseInt(summary.group(2)) != enums.size()) {
      missing.add("summary " + (summary.hitEnd() ? "absent" : summary.group()).strip() + " for " + models.size() + " models, " + enums.size() + " enums");
    }
    for (ModelDecl m : models) {
      String name = m.name().name();
      int at = page.indexOf("\n### " + name + "\n");
      if (at < 0) {
        missing.add("source model " + name);
        continue;
      }
      int next = page.indexOf("\n### ", at + 5);
      int enumsAt = page.indexOf("\n## ", at + 5);
      String section = page.substring(at, Math.min(next < 0 ? page.length() : next, enumsAt < 0 ? page.length() : enumsAt));
      int scalars = 0;
      for (FieldDecl f : m.fields()) {
        if (f.type().isEmpty()) {
          continue;
        }
        if (!section.contains("\n| " + f.name().name() + " | `")) {
          missing.add("source field " + name + "." + f.name().name());
        }
        if (modelNames.contains(f.type().get().name().name())) {
          if (!section.contains("\n- " + f.name().name() + " → " + f.type().get().name().name())) {
            missing.add("source relation " + name + "." + f.name().name());
          }
        } else {
          scalars++;
        }
      }
      if (name.matches("[A-Za-z_][A-Za-z0-9_]*") && !Integer.valueOf(scalars).equals(entities.get(name))) {
        missing.add("diagram entity " + name + " with " + scalars + " attributes (has " + entities.get(name) + ")");
      }
      long declared = m.fields().stream().filter(f -> f.attribute("unique").isPresent()).count()
          + m.members().stream().filter(x -> x instanceof BlockAttribute a && List.of("unique", "index").contains(a.name())).count()
          + (m.fields().stream().anyMatch(f -> f.attribute("id").isPresent())
              || m.members().stream().anyMatch(x -> x instanceof BlockAttribute a && a.name().equals("id")) ? 1 : 0);
      long listed = section.lines().filter(l -> l.matches("- `[^`]+` (primary key|unique|index) \\(.*\\)")).count();
      if (listed != declared) {
        missing.add("indexes of " + name + ": " + listed + " listed, " + declared + " declared");
      }
    }
    for (EnumDecl e : enums) {
      int at = page.indexOf("\n### " + e.name().name() + "\n", page.indexOf("\n## Enums\n"));
      if (page.indexOf("\n## Enums\n") < 0 || at < 0) {
        missing.add("source enum " + e.name().name());
        continue;
      }
      String values = page.substring(at, page.indexOf(".\n", at));
      e.values().forEach(v -> {
        if (!values.contains("`" + v.name().name() + "`")) {
          missing.add("source enum value " + e.name().name() + "." + v.name().name());
        }
      });
    }
    return missing;
  }

  /**
   * A parser of Mermaid's {@code erDiagram} syntax (entities with attribute blocks, relationships
   * with both cardinalities and a quoted label), after Mermaid's grammar: each problem with its line.
   */
  static final class MermaidErDiagram {
    private static final String ENTITY = "[A-Za-z_][A-Za-z0-9_-]*";
    private static final String WORD = "[*A-Za-z_][A-Za-z0-9_\\-\\[\\]()]*";
    private static final Pattern BLOCK = Pattern.compile("\\s*(" + ENTITY + ")\\s*\\{\\s*");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\s*(" + WORD + ")\\s+(" + WORD + ")(\\s+(PK|FK|UK)(\\s*,\\s*(PK|FK|UK))*)?(\\s+\"[^\"]*\")?\\s*");
    private static final Pattern RELATION = Pattern.compile(
        "\\s*(" + ENTITY + ")\\s+(\\|o|\\|\\||\\}o|\\}\\|)(--|\\.\\.)(o\\||\\|\\||o\\{|\\|\\{)\\s+(" + ENTITY + ")\\s*:\\s*(\"[^\"]*\"|" + ENTITY + ")\\s*");

    /** A parsed diagram: each entity with its number of attributes, and the problems found. */
    record Diagram(Map<String, Integer> attributes, List<String> problems) {}

    static List<String> problems(String diagram) {
      return parse(diagram).problems();
    }

    static Diagram parse(String diagram) {
      List<String> problems = new ArrayList<>();
      Map<String, Integer> attributes = new HashMap<>();
      String[] lines = diagram.split("\n", -1);
      if (lines.length == 0 || !lines[0].strip().equals("erDiagram")) {
        return new Diagram(attributes, List.of("line 1: not an erDiagram"));
      }
      String current = null;
      Set<String> entities = new HashSet<>();
      List<String[]> relations = new ArrayList<>();
      boolean inBlock = false;
      for (int i = 1; i < lines.length; i++) {
        String line = lines[i];
        if (line.isBlank()) {
          continue;
        }
        Matcher m;
        if (inBlock) {
          if (line.strip().equals("}")) {
            inBlock = false;
          } else if (!ATTRIBUTE.matcher(line).matches()) {
            problems.add("line " + (i + 1) + ": not an attribute: " + line);
          } else {
            attributes.merge(current, 1, Integer::sum);
          }
        } else if ((m = BLOCK.matcher(line)).matches()) {
          if (!entities.add(m.group(1))) {
            problems.add("line " + (i + 1) + ": entity " + m.group(1) + " declared twice");
          }
          current = m.group(1);
          attributes.putIfAbsent(current, 0);
          inBlock = true;
        } else if ((m = RELATION.matcher(line)).matches()) {
          relations.add(new String[] {m.group(1), m.group(5), String.valueOf(i + 1)});
        } else {
          problems.add("line " + (i + 1) + ": not a statement: " + line);
        }
      }
      if (inBlock) {
        problems.add("an attribute block is not closed");
      }
      for (String[] r : relations) {
        for (String e : new String[] {r[0], r[1]}) {
          if (!entities.contains(e)) {
            problems.add("line " + r[2] + ": relationship names " + e + ", which has no block");
          }
        }
      }
      return new Diagram(attributes, problems);
    }
  }
}
