package dev.strata.prisma.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.diag.Diagnostic;
import dev.strata.diag.Diagnostics;
import dev.strata.diag.SourceFile;
import dev.strata.prisma.ast.Argument;
import dev.strata.prisma.ast.ArrayExpression;
import dev.strata.prisma.ast.Attribute;
import dev.strata.prisma.ast.BlankLine;
import dev.strata.prisma.ast.BlockAttribute;
import dev.strata.prisma.ast.Comment;
import dev.strata.prisma.ast.ConfigBlock;
import dev.strata.prisma.ast.ConfigProperty;
import dev.strata.prisma.ast.ConstantValue;
import dev.strata.prisma.ast.EnumDecl;
import dev.strata.prisma.ast.EnumValueDecl;
import dev.strata.prisma.ast.Expression;
import dev.strata.prisma.ast.FieldDecl;
import dev.strata.prisma.ast.FieldType;
import dev.strata.prisma.ast.FunctionCall;
import dev.strata.prisma.ast.InvalidLine;
import dev.strata.prisma.ast.Member;
import dev.strata.prisma.ast.ModelDecl;
import dev.strata.prisma.ast.NumericLiteral;
import dev.strata.prisma.ast.ObjectExpression;
import dev.strata.prisma.ast.PrismaFile;
import dev.strata.prisma.ast.PrismaSchema;
import dev.strata.prisma.ast.StringLiteral;
import dev.strata.prisma.ast.Top;
import dev.strata.prisma.ast.TypeAliasDecl;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PrismaParserTest {

  private Diagnostics diagnostics;

  private PrismaFile parse(String text) {
    diagnostics = new Diagnostics();
    return PrismaParser.parse(new SourceFile("schema.prisma", text), diagnostics);
  }

  private PrismaFile parseClean(String text) {
    PrismaFile file = parse(text);
    assertThat(diagnostics.all()).as("diagnostics").isEmpty();
    return file;
  }

  private ModelDecl onlyModel(PrismaFile file) {
    return file.items().stream().filter(ModelDecl.class::isInstance).map(ModelDecl.class::cast).findFirst().orElseThrow();
  }

  private FieldDecl field(String line) {
    return onlyModel(parseClean("model M {\n  " + line + "\n}\n")).fields().get(0);
  }

  private Attribute fieldAttribute(String attribute) {
    return field("f Int " + attribute).attributes().get(0);
  }

  private Expression firstArgument(String attribute) {
    return fieldAttribute(attribute).args().get(0).value().orElseThrow();
  }

  private List<Integer> errorLines() {
    return diagnostics.sorted().stream().map(d -> d.span().startLine()).toList();
  }

  private Set<String> codes() {
    return diagnostics.all().stream().map(Diagnostic::code).collect(Collectors.toSet());
  }

  // --- Declarations --------------------------------------------------------------------------

  @Test
  void parses_models_views_and_composite_types_with_their_kind() {
    PrismaFile file = parseClean("model A {\n  id Int @id\n}\nview B {\n  id Int @unique\n}\ntype C {\n  x String\n}\n");
    List<ModelDecl> models = file.declarations().stream().map(ModelDecl.class::cast).toList();
    assertThat(models).extracting(ModelDecl::kind)
        .containsExactly(ModelDecl.Kind.MODEL, ModelDecl.Kind.VIEW, ModelDecl.Kind.TYPE);
    assertThat(models).extracting(m -> m.name().name()).containsExactly("A", "B", "C");
  }

  @Test
  void block_span_runs_from_keyword_to_closing_brace() {
    String text = "// lead\nmodel A {\n  id Int @id\n}\n";
    ModelDecl model = onlyModel(parseClean(text));
    assertThat(model.span().text()).isEqualTo("model A {\n  id Int @id\n}");
    assertThat(model.name().span().text()).isEqualTo("A");
  }

  @Test
  void parses_enums_with_values_attributes_and_block_attributes() {
    PrismaFile file = parseClean("enum Role {\n  USER @map(\"user\")\n  ADMIN // boss\n  @@map(\"roles\")\n}\n");
    EnumDecl role = (EnumDecl) file.declarations().get(0);
    assertThat(role.values()).extracting(v -> v.name().name()).containsExactly("USER", "ADMIN");
    assertThat(role.values().get(0).attributes().get(0).name().name()).isEqualTo("map");
    assertThat(role.values().get(1).trailingComment()).map(Comment::text).contains("// boss");
    assertThat(role.blockAttributes()).extracting(BlockAttribute::name).containsExactly("map");
  }

  @Test
  void parses_datasource_and_generator_properties() {
    PrismaFile file = parseClean(
        "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n  extensions = [pg_trgm(schema: \"x\"), citext]\n}\n"
            + "generator client {\n  provider = \"prisma-client-js\"\n  previewFeatures = [\"views\"]\n}\n");
    ConfigBlock db = (ConfigBlock) file.declarations().get(0);
    assertThat(db.kind()).isEqualTo(ConfigBlock.Kind.DATASOURCE);
    assertThat(db.property("provider").flatMap(ConfigProperty::value)).get()
        .isEqualTo(new StringLiteral("postgresql", "\"postgresql\"", db.property("provider").get().value().get().span()));
    FunctionCall url = (FunctionCall) db.property("url").get().value().get();
    assertThat(url.render()).isEqualTo("env(\"DATABASE_URL\")");
    ArrayExpression extensions = (ArrayExpression) db.property("extensions").get().value().get();
    assertThat(extensions.render()).isEqualTo("[pg_trgm(schema: \"x\"), citext]");
    ConfigBlock client = (ConfigBlock) file.declarations().get(1);
    assertThat(client.kind()).isEqualTo(ConfigBlock.Kind.GENERATOR);
    assertThat(client.properties()).hasSize(2);
  }

  @Test
  void parses_the_legacy_type_alias() {
    PrismaFile file = parseClean("type MongoID = String @id @default(dbgenerated()) @map(\"_id\") @db.ObjectId\n");
    TypeAliasDecl alias = (TypeAliasDecl) file.items().get(0);
    assertThat(alias.name().name()).isEqualTo("MongoID");
    assertThat(alias.target().render()).isEqualTo("String");
    assertThat(alias.attributes()).extracting(a -> a.name().name()).containsExactly("id", "default", "map", "db.ObjectId");
    assertThat(alias.span().text()).isEqualTo("type MongoID = String @id @default(dbgenerated()) @map(\"_id\") @db.ObjectId");
  }

  // --- Fields --------------------------------------------------------------------------------

  @Test
  void records_field_arity() {
    assertThat(field("a Int").type().get().arity()).isEqualTo(FieldType.Arity.REQUIRED);
    assertThat(field("a Int?").type().get().arity()).isEqualTo(FieldType.Arity.OPTIONAL);
    assertThat(field("a Int[]").type().get().arity()).isEqualTo(FieldType.Arity.LIST);
  }

  @Test
  void keeps_optional_list_but_reports_it() {
    FieldDecl f = onlyModel(parse("model M {\n  a Int[]?\n}\n")).fields().get(0);
    assertThat(f.type().get().arity()).isEqualTo(FieldType.Arity.OPTIONAL_LIST);
    assertThat(diagnostics.all()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo(ParseCodes.OPTIONAL_LIST);
      assertThat(d.message()).isEqualTo("Optional lists are not supported. Use either `Type[]` or `Type?`.");
      assertThat(d.span().text()).isEqualTo("Int[]?");
    });
  }

  @Test
  void parses_unsupported_types_with_arity() {
    FieldType type = field("geom Unsupported(\"geometry(Point, 4326)\")?").type().get();
    assertThat(type.isUnsupported()).isTrue();
    assertThat(type.unsupported().get().value()).isEqualTo("geometry(Point, 4326)");
    assertThat(type.arity()).isEqualTo(FieldType.Arity.OPTIONAL);
    assertThat(type.render()).isEqualTo("Unsupported(\"geometry(Point, 4326)\")?");
  }

  @Test
  void field_without_type_is_kept_and_reported_on_its_line() {
    ModelDecl model = onlyModel(parse("view Mountain {\n  id Int @unique\n  val\n}\n"));
    assertThat(model.fields()).hasSize(2);
    assertThat(model.fields().get(1).type()).isEmpty();
    assertThat(diagnostics.all()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo(ParseCodes.FIELD_WITHOUT_TYPE);
      assertThat(d.message()).isEqualTo("This field declaration is invalid. It is either missing a name or a type.");
      assertThat(d.span().startLine()).isEqualTo(3);
    });
  }

  @Test
  void field_span_excludes_its_trailing_comment() {
    FieldDecl f = field("email String @unique // contact");
    assertThat(f.span().text()).isEqualTo("email String @unique");
    assertThat(f.trailingComment().get().span().text()).isEqualTo("// contact");
    assertThat(f.type().get().span().text()).isEqualTo("String");
  }

  @Test
  void accepts_block_comments_as_trailing_comments() {
    FieldDecl f = field("id Int @id /* primary */");
    assertThat(f.trailingComment()).map(Comment::kind).contains(Comment.Kind.BLOCK);
    assertThat(f.trailingComment()).map(Comment::text).contains("/* primary */");
  }

  @Test
  void field_names_may_contain_digits_underscores_and_inner_dashes() {
    assertThat(field("a_1-b Int").name().name()).isEqualTo("a_1-b");
  }

  @Test
  void reports_legacy_colon_and_bang_but_keeps_the_field() {
    ModelDecl model = onlyModel(parse("model M {\n  a: Int\n  b Int!\n}\n"));
    assertThat(model.fields()).extracting(f -> f.type().get().render()).containsExactly("Int", "Int");
    assertThat(codes()).containsExactlyInAnyOrder(ParseCodes.LEGACY_COLON, ParseCodes.LEGACY_REQUIRED_MARKER);
    assertThat(errorLines()).containsExactly(2, 3);
  }

  // --- Attributes and expressions ------------------------------------------------------------

  @Test
  void parses_dotted_attribute_names_and_numeric_arguments() {
    Attribute attribute = fieldAttribute("@db.VarChar(255)");
    assertThat(attribute.name().name()).isEqualTo("db.VarChar");
    assertThat(attribute.positional(0).get().value().get()).isInstanceOf(NumericLiteral.class);
    assertThat(attribute.span().text()).isEqualTo("@db.VarChar(255)");
  }

  @Test
  void attribute_without_parentheses_has_no_argument_list() {
    assertThat(fieldAttribute("@id").arguments()).isEmpty();
    assertThat(fieldAttribute("@default()").arguments()).get().satisfies(a -> assertThat(a.arguments()).isEmpty());
  }

  @Test
  void parses_named_and_empty_arguments_and_trailing_commas() {
    Attribute attribute = fieldAttribute("@default(autoincrement(), map: )");
    assertThat(attribute.args()).hasSize(2);
    Argument map = attribute.named("map").orElseThrow();
    assertThat(map.value()).isEmpty();
    assertThat(map.span().text()).isEqualTo("map:");
    // The parser keeps a trailing comma of an argument list; the validator reports it (PS250), the formatter drops it.
    assertThat(fieldAttribute("@map(name: \"x\",)").arguments().get().trailingComma()).isTrue();
    assertThat(fieldAttribute("@map(name: \"x\")").arguments().get().trailingComma()).isFalse();
  }

  @Test
  void resolves_string_escapes_and_keeps_the_raw_text() {
    StringLiteral s = (StringLiteral) firstArgument("@default(\"a\\\"b\\\\c\\nd\\u00e9\")");
    assertThat(s.value()).isEqualTo("a\"b\\c\nd\u00e9");
    assertThat(s.raw()).isEqualTo("\"a\\\"b\\\\c\\nd\\u00e9\"");
  }

  @Test
  void parses_negative_and_decimal_numbers() {
    assertThat(firstArgument("@default(-1)")).isEqualTo(new NumericLiteral("-1", firstArgument("@default(-1)").span()));
    assertThat(firstArgument("@default(3.25)").render()).isEqualTo("3.25");
    assertThat(firstArgument("@default(-0.5)").render()).isEqualTo("-0.5");
  }

  @Test
  void parses_constants_including_dotted_paths_and_literals() {
    assertThat(firstArgument("@default(true)")).isInstanceOf(ConstantValue.class);
    assertThat(firstArgument("@default(null)").render()).isEqualTo("null");
    assertThat(firstArgument("@default(a.b)")).isEqualTo(new ConstantValue("a.b", firstArgument("@default(a.b)").span()));
  }

  @Test
  void parses_function_calls_with_arguments() {
    FunctionCall call = (FunctionCall) firstArgument("@default(dbgenerated(\"gen_random_uuid()\"))");
    assertThat(call.name().name()).isEqualTo("dbgenerated");
    assertThat(((StringLiteral) call.arguments().arguments().get(0).value().get()).value()).isEqualTo("gen_random_uuid()");
    FunctionCall now = (FunctionCall) firstArgument("@default(now())");
    assertThat(now.arguments().arguments()).isEmpty();
    assertThat(now.span().text()).isEqualTo("now()");
  }

  @Test
  void parses_sort_functions_in_block_attribute_arrays() {
    ModelDecl model = onlyModel(parseClean("model M {\n  a String\n  @@index([a(sort: Desc), b], type: Gin)\n}\n"));
    Attribute index = model.blockAttributes().get(0).attribute();
    ArrayExpression fields = (ArrayExpression) index.positional(0).get().value().get();
    assertThat(fields.elements().get(0).render()).isEqualTo("a(sort: Desc)");
    assertThat(index.named("type").get().value().get().render()).isEqualTo("Gin");
  }

  @Test
  void parses_objects_with_nested_objects() {
    ModelDecl model = onlyModel(parseClean(
        "model M {\n  a Int\n  @@index([a], where: { published: true, deletedAt: { not: null }, n: 3 })\n}\n"));
    ObjectExpression where = (ObjectExpression) model.blockAttributes().get(0).attribute().named("where").get().value().get();
    assertThat(where.entries()).extracting(e -> e.key().name()).containsExactly("published", "deletedAt", "n");
    assertThat(where.render()).isEqualTo("{ published: true, deletedAt: { not: null }, n: 3 }");
    assertThat(where.span().text()).isEqualTo("{ published: true, deletedAt: { not: null }, n: 3 }");
  }

  @Test
  void a_list_ending_with_a_comma_is_an_invalid_line_as_in_prisma() {
    parse("model M {\n  a Int\n  b Int\n  @@unique([a, b,])\n  c Int\n}\n");
    assertThat(errorLines()).containsExactly(4);
    assertThat(diagnostics.sorted().get(0).label()).hasValueSatisfying(l -> assertThat(l).contains("a list cannot end with a comma"));
  }

  @Test
  void raw_where_predicates_parse_as_function_calls() {
    ModelDecl model = onlyModel(parseClean("model M {\n  a Int\n  @@index([a], where: raw(\"a > 0\"))\n}\n"));
    FunctionCall raw = (FunctionCall) model.blockAttributes().get(0).attribute().named("where").get().value().get();
    assertThat(raw.render()).isEqualTo("raw(\"a > 0\")");
  }

  // --- Comments, blank lines, documentation --------------------------------------------------

  @Test
  void keeps_top_level_comments_and_collapses_blank_lines() {
    PrismaFile file = parseClean("// one\n\n\n/// doc\nmodel A {\n  id Int @id\n}\n\n/* block\n   two */\n");
    List<Top> items = file.items();
    assertThat(items).hasSize(6);
    assertThat(((Comment) items.get(0)).kind()).isEqualTo(Comment.Kind.LINE);
    assertThat(((BlankLine) items.get(1)).count()).isEqualTo(2);
    assertThat(((Comment) items.get(2)).kind()).isEqualTo(Comment.Kind.DOC);
    assertThat(items.get(3)).isInstanceOf(ModelDecl.class);
    assertThat(((BlankLine) items.get(4)).count()).isEqualTo(1);
    Comment block = (Comment) items.get(5);
    assertThat(block.kind()).isEqualTo(Comment.Kind.BLOCK);
    assertThat(block.text()).isEqualTo("/* block\n   two */");
  }

  @Test
  void doc_comments_document_the_next_declaration_and_stay_in_the_members() {
    PrismaFile file = parseClean("/// A user.\n/// Second line.\nmodel User {\n  /// The key.\n  id Int @id\n\n  // plain\n  name String\n}\n");
    ModelDecl user = onlyModel(file);
    assertThat(user.documentation()).contains("A user.\nSecond line.");
    assertThat(user.fields().get(0).documentation()).contains("The key.");
    assertThat(user.fields().get(1).documentation()).isEmpty();
    List<Member> members = user.members();
    assertThat(members).hasSize(5);
    assertThat(members.get(0)).isInstanceOf(Comment.class);
    assertThat(((Comment) members.get(0)).kind()).isEqualTo(Comment.Kind.DOC);
    assertThat(members.get(2)).isInstanceOf(BlankLine.class);
    assertThat(((Comment) members.get(3)).kind()).isEqualTo(Comment.Kind.LINE);
  }

  @Test
  void a_blank_line_detaches_a_doc_comment() {
    PrismaFile file = parseClean("/// floating\n\nmodel A {\n  id Int @id\n}\n");
    assertThat(onlyModel(file).documentation()).isEmpty();
  }

  @Test
  void multi_line_block_comments_inside_models_are_members() {
    ModelDecl model = onlyModel(parseClean("model M {\n  pk Int @id\n\n  /**\n   * Multi\n   */\n  field1 Int // c\n}\n"));
    Comment block = (Comment) model.members().get(2);
    assertThat(block.kind()).isEqualTo(Comment.Kind.BLOCK);
    assertThat(block.text()).isEqualTo("/**\n   * Multi\n   */");
    assertThat(model.fields()).hasSize(2);
  }

  @Test
  void a_block_comment_may_precede_a_declaration_on_the_same_line() {
    PrismaFile file = parseClean("/* a\n block */ model C {\n  id Int @id\n}\n");
    assertThat(file.items()).hasSize(2);
    assertThat(onlyModel(file).name().name()).isEqualTo("C");
  }

  @Test
  void trailing_comments_in_config_blocks_are_kept() {
    PrismaFile file = parseClean("datasource db {\n  provider = \"postgres\" // which\n  relationMode = \"prisma\" /* emulate */\n}\n");
    ConfigBlock db = (ConfigBlock) file.declarations().get(0);
    assertThat(db.properties()).extracting(p -> p.trailingComment().get().text())
        .containsExactly("// which", "/* emulate */");
  }

  @Test
  void trailing_comment_on_a_block_attribute_is_kept() {
    ModelDecl model = onlyModel(parseClean("model M {\n  a Int\n  @@unique([a]) // younique\n}\n"));
    assertThat(model.blockAttributes().get(0).trailingComment()).map(Comment::text).contains("// younique");
  }

  // --- Text encodings ------------------------------------------------------------------------

  @Test
  void handles_crlf_tabs_and_a_byte_order_mark() {
    String text = "\uFEFFmodel A {\r\n\tid\tInt\t@id // k\r\n\r\n\r\n\tname String\r\n}\r\n";
    ModelDecl model = onlyModel(parseClean(text));
    assertThat(model.fields()).extracting(f -> f.name().name()).containsExactly("id", "name");
    assertThat(model.fields().get(0).trailingComment().get().text()).isEqualTo("// k");
    assertThat(model.members().get(1)).isEqualTo(new BlankLine(2, model.members().get(1).span()));
    assertThat(model.span().start()).isEqualTo(1);
  }

  @Test
  void accepts_unicode_identifiers_and_strings() {
    FieldDecl f = field("prénom String @default(\"日本語 ✓\")");
    assertThat(f.name().name()).isEqualTo("prénom");
    assertThat(((StringLiteral) f.attributes().get(0).args().get(0).value().get()).value()).isEqualTo("日本語 ✓");
  }

  @Test
  void empty_and_comment_only_files_parse_cleanly() {
    assertThat(parseClean("").items()).isEmpty();
    assertThat(parseClean("// only\n/// doc\n").items()).hasSize(2);
    assertThat(parseClean("\n\n").items()).singleElement().isEqualTo(new BlankLine(2, parse("\n\n").items().get(0).span()));
  }

  @Test
  void parses_several_files_into_one_schema_in_order() {
    Diagnostics d = new Diagnostics();
    PrismaSchema schema = PrismaParser.parse(
        List.of(new SourceFile("a.prisma", "model A {\n  id Int @id\n}\n"), new SourceFile("b.prisma", "enum B {\n  X\n}\n")),
        d);
    assertThat(schema.files()).extracting(f -> f.source().path()).containsExactly("a.prisma", "b.prisma");
    assertThat(schema.models()).hasSize(1);
    assertThat(schema.enums()).hasSize(1);
    assertThat(d.all()).isEmpty();
  }

  // --- Recovery ------------------------------------------------------------------------------

  @Test
  void invalid_line_in_a_model_is_kept_verbatim_and_parsing_continues() {
    ModelDecl model = onlyModel(parse("model Post {\n  id   Int @id\n  this is an invalid line   \n  anotherField String\n}\n"));
    assertThat(model.members().get(1)).isInstanceOf(InvalidLine.class);
    assertThat(((InvalidLine) model.members().get(1)).text()).isEqualTo("this is an invalid line");
    assertThat(model.fields()).extracting(f -> f.name().name()).containsExactly("id", "anotherField");
    assertThat(diagnostics.all()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo(ParseCodes.INVALID_MODEL_LINE);
      assertThat(d.message()).isEqualTo("This line is not a valid field or attribute definition.");
      assertThat(d.span().text()).isEqualTo("this is an invalid line");
    });
  }

  @Test
  void a_list_over_several_lines_is_an_error_on_each_of_its_lines_as_in_prisma() {
    // Prisma 7.10 rejects each of these lines (checked with prisma validate), in models and config blocks alike.
    parse(String.join("\n",
        "generator client {", //                   1
        "  provider        = \"prisma-client-js\"", // 2
        "  previewFeatures = [", //                3
        "    \"views\"", //                         4
        "  ]", //                                   5
        "}", //                                     6
        "model A {", //                             7
        "  id Int @id", //                          8
        "  a  Int", //                              9
        "  b  Int", //                              10
        "  @@unique([a,", //                        11
        "    b])", //                               12
        "  @@index([a, b])", //                     13
        "}", //                                     14
        ""));
    assertThat(errorLines()).containsExactly(3, 4, 5, 11, 12);
    assertThat(diagnostics.sorted().get(0).label()).hasValueSatisfying(l -> assertThat(l).contains("a list must be closed with `]` on the line where it starts"));
    assertThat(diagnostics.sorted().get(3).label()).hasValueSatisfying(l -> assertThat(l).contains("a list must be closed"));
    parseClean("model A {\n  id Int @id\n  @@index([id, id], map: \"x\")\n}\n");
  }

  @Test
  void reports_every_broken_line_of_a_file_once_on_prismas_lines() {
    parse(String.join("\n",
        "datasource db {", //                1
        "  provider = \"postgresql\"", //    2
        "  foo", //                          3
        "}", //                              4
        "model A {", //                      5
        "  id Int @id", //                   6
        "  d Int @default(", //              7
        "  @@index([id", //                  8
        "}", //                              9
        "enum E {", //                       10
        "  B C", //                          11
        "}", //                              12
        "garbage text here", //              13
        "model B {", //                      14
        "  s String @default(\"unterminated)", // 15
        "  t Int", //                        16
        "}", //                              17
        ""));
    assertThat(errorLines()).containsExactly(3, 7, 8, 11, 13, 15);
    assertThat(diagnostics.sorted()).extracting(Diagnostic::code).containsExactly(
        ParseCodes.INVALID_CONFIG_LINE,
        ParseCodes.INVALID_MODEL_LINE,
        ParseCodes.INVALID_MODEL_LINE,
        ParseCodes.INVALID_ENUM_LINE,
        ParseCodes.INVALID_TOP_LEVEL_LINE,
        ParseCodes.INVALID_MODEL_LINE);
    assertThat(diagnostics.sorted().get(0).message()).isEqualTo("This line is not a valid definition within a datasource.");
    assertThat(diagnostics.sorted().get(2).label()).contains("a list must be closed with `]` on the line where it starts");
    assertThat(diagnostics.sorted().get(5).label()).contains("this string is not terminated");
  }

  @Test
  void misspelt_block_keyword_gives_one_diagnostic_with_a_suggestion() {
    PrismaFile file = parse("modle Foo {\n  x Int\n}\nmodel Bar {\n  id Int @id\n}\n");
    assertThat(diagnostics.all()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo(ParseCodes.UNKNOWN_BLOCK_KEYWORD);
      assertThat(d.help()).contains("did you mean `model`?");
      assertThat(d.span().text()).isEqualTo("modle");
    });
    assertThat(file.items()).filteredOn(InvalidLine.class::isInstance).extracting(t -> ((InvalidLine) t).text())
        .containsExactly("modle Foo {", "x Int", "}");
    assertThat(onlyModel(file).name().name()).isEqualTo("Bar");
  }

  @Test
  void block_without_a_name_is_reported_once_over_the_whole_block() {
    PrismaFile file = parse("model {\n  id Int @id\n}\nenum E {\n  A\n}\n");
    assertThat(diagnostics.all()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo(ParseCodes.BLOCK_WITHOUT_NAME);
      assertThat(d.span().startLine()).isEqualTo(1);
      assertThat(d.span().endLine()).isEqualTo(3);
    });
    assertThat(file.declarations()).singleElement().isInstanceOf(EnumDecl.class);
  }

  @Test
  void unclosed_block_at_end_of_file_makes_each_of_its_lines_an_invalid_top_level_line() {
    // Prisma cannot read the block at all: every line from its header on is an invalid line.
    PrismaFile file = parse("model A {\n  id Int @id\n\n  // note\n  name String\n");
    assertThat(file.declarations()).isEmpty();
    assertThat(errorLines()).containsExactly(1, 2, 5);
    assertThat(codes()).containsOnly(ParseCodes.INVALID_TOP_LEVEL_LINE);
    assertThat(file.items()).filteredOn(InvalidLine.class::isInstance).extracting(t -> ((InvalidLine) t).text())
        .containsExactly("model A {", "id Int @id", "name String");
  }

  @Test
  void missing_brace_runs_the_block_on_to_the_next_closing_brace_like_prisma() {
    PrismaFile file = parse("model A {\n  id Int @id\n\nmodel B {\n  other Int\n}\nenum E {\n  X\n}\n");
    assertThat(file.declarations()).extracting(d -> d.name().name()).containsExactly("A", "E");
    assertThat(onlyModel(file).fields()).extracting(f -> f.name().name()).containsExactly("id", "other");
    assertThat(errorLines()).containsExactly(4);
    assertThat(codes()).containsExactly(ParseCodes.INVALID_MODEL_LINE);
  }

  @Test
  void stray_closing_brace_at_top_level_is_an_invalid_line() {
    PrismaFile file = parse("model A {\n  id Int @id\n}\n}\n");
    assertThat(file.items()).last().isEqualTo(new InvalidLine("}", file.items().get(file.items().size() - 1).span()));
    assertThat(errorLines()).containsExactly(4);
    assertThat(codes()).containsExactly(ParseCodes.INVALID_TOP_LEVEL_LINE);
  }

  @Test
  void unterminated_block_comment_is_reported_at_its_start() {
    PrismaFile file = parse("model A {\n  id Int @id\n}\n/* unclosed\nmodel B {\n}\n");
    assertThat(file.declarations()).hasSize(1);
    assertThat(diagnostics.all()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo(ParseCodes.UNTERMINATED_BLOCK_COMMENT);
      assertThat(d.span().startLine()).isEqualTo(4);
    });
  }

  @Test
  void config_property_without_value_is_kept_and_reported_against_the_block() {
    PrismaFile file = parse("generator gen {\n  provider = \"x\"\n  configValue =\n}\n");
    ConfigBlock gen = (ConfigBlock) file.declarations().get(0);
    assertThat(gen.property("configValue").get().value()).isEmpty();
    assertThat(diagnostics.all()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo(ParseCodes.PROPERTY_WITHOUT_VALUE);
      assertThat(d.message()).isEqualTo("Property configValue in generator gen needs to be assigned a value");
      assertThat(d.span().startLine()).isEqualTo(1);
    });
  }

  @Test
  void lone_at_signs_are_invalid_lines() {
    ModelDecl model = onlyModel(parse("model D {\n  id Int @id\n  @@\n  @\n}\n"));
    assertThat(model.members()).filteredOn(InvalidLine.class::isInstance).hasSize(2);
    assertThat(errorLines()).containsExactly(3, 4);
  }

  @Test
  void a_broken_line_drops_the_diagnostics_it_raised_before_failing() {
    parse("model M {\n  a Int[]? @default(\n}\n");
    assertThat(codes()).containsExactly(ParseCodes.INVALID_MODEL_LINE);
  }

  @Test
  void every_parse_code_is_registered_with_a_description_in_range() {
    assertThat(ParseCodes.all()).isNotEmpty();
    ParseCodes.all().forEach((code, description) -> {
      assertThat(code).matches("PS0\\d\\d");
      assertThat(description).isNotBlank();
    });
    assertThat(ParseCodes.describe(ParseCodes.OPTIONAL_LIST)).isNotBlank();
  }

  @Test
  void enum_values_may_start_with_a_digit_for_the_validator_to_judge() {
    EnumDecl e = (EnumDecl) parseClean("enum E {\n  1x\n}\n").declarations().get(0);
    assertThat(e.values()).extracting(EnumValueDecl::name).extracting(i -> i.name()).containsExactly("1x");
  }

  @Test
  void names_cannot_start_with_an_underscore_like_in_prisma() {
    PrismaFile file = parse("model M {\n  id Int @id\n  _x Int\n}\nmodel _N {\n  id Int @id\n}\n");
    assertThat(onlyModel(file).fields()).hasSize(1);
    assertThat(errorLines()).containsExactly(3, 5);
    assertThat(codes()).containsExactlyInAnyOrder(ParseCodes.INVALID_MODEL_LINE, ParseCodes.INVALID_TOP_LEVEL_LINE);
    assertThat(file.declarations()).hasSize(1);
  }

  @Test
  void a_one_line_block_is_one_error_and_still_closes() {
    PrismaFile file = parse("model A { id Int @id }\nmodel B {\n  id Int @id\n}\n");
    assertThat(file.declarations()).extracting(d -> d.name().name()).containsExactly("A", "B");
    assertThat(diagnostics.all()).singleElement().satisfies(d -> assertThat(d.code()).isEqualTo(ParseCodes.INVALID_MODEL_LINE));
    assertThat(file.declarations().get(0).span().text()).isEqualTo("model A { id Int @id }");
  }

  @Test
  void a_closing_brace_after_the_block_allows_another_block_on_the_same_line() {
    PrismaFile file = parseClean("model B {\n  id Int @id\n} model C {\n  id Int @id\n}\n");
    assertThat(file.declarations()).extracting(d -> d.name().name()).containsExactly("B", "C");
  }

  @Test
  void numbers_with_exponents_or_spaced_signs_are_invalid_lines() {
    parse("model M {\n  v Float @default(1e5)\n  u Int @default(- 1)\n  w Int @default (1)\n}\n");
    assertThat(errorLines()).containsExactly(2, 3);
  }
}
