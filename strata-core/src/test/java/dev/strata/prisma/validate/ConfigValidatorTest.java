package dev.strata.prisma.validate;

import static dev.strata.prisma.validate.ValidationTesting.check;
import static dev.strata.prisma.validate.ValidationTesting.codesAndLines;
import static dev.strata.prisma.validate.ValidationTesting.errors;
import static dev.strata.prisma.validate.ValidationTesting.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.diag.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {

  @Test
  void accepts_prisma6_style_urls_and_prisma7_style_without_url() {
    // Prisma 6 style: accepted, with Prisma 7's guidance (move them to prisma.config.ts) as warnings.
    assertThat(codesAndLines(check("datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n  directUrl = env(\"DIRECT\")\n}\nmodel A {\n  id Int @id\n}\n")))
        .containsExactly("PS124@3", "PS124@4");
    assertThat(check("datasource db {\n  provider = \"postgres\"\n}\nmodel A {\n  id Int @id\n}\n")).isEmpty();
    assertThat(codesAndLines(check("datasource db {\n  provider = \"postgresql\"\n  url = \"postgresql://u@h/db?schema=x\"\n}\n")))
        .containsExactly("PS124@3");
  }

  @Test
  void reports_one_unsupported_provider_error_and_stops_there() {
    List<Diagnostic> all = check("datasource db {\n  provider = \"mysql\"\n  url = \"mysql://x\"\n}\nmodel A {\n  id Int @id\n  t String @db.TinyText\n}\n");
    assertThat(codesAndLines(all)).containsExactly("PS100@2");
    assertThat(all.get(0).message()).isEqualTo("The datasource provider \"mysql\" is not supported yet by Strata (only postgresql).");
    assertThat(all.get(0).span().text()).isEqualTo("\"mysql\"");
    assertThat(all.get(0).help()).isPresent();
  }

  @Test
  void reports_unknown_properties_and_preview_features_in_the_datasource() {
    List<Diagnostic> all = check("datasource db {\n  provider = \"postgresql\"\n  foo = \"bar\"\n  previewFeatures = [\"views\"]\n}\n");
    assertThat(codesAndLines(all)).containsExactly("PS104@3", "PS114@4");
    assertThat(all.get(0).message()).isEqualTo("Property not known: \"foo\".");
  }

  @Test
  void rejects_a_literal_url_for_another_database_and_a_misused_env_call() {
    List<Diagnostic> all = check("datasource db {\n  provider = \"postgresql\"\n  url = \"mysql://localhost/x\"\n  directUrl = env()\n}\n");
    assertThat(codesAndLines(errors(all))).containsExactly("PS105@3", "PS115@4");
    assertThat(errors(all).get(1).message()).isEqualTo("The env function expects a singular, unnamed, string argument.");
  }

  @Test
  void rejects_a_shadow_database_url_equal_to_the_main_url() {
    List<Diagnostic> all = check("datasource db {\n  provider = \"postgresql\"\n  url = \"postgresql://a/b\"\n  shadowDatabaseUrl = \"postgresql://a/b\"\n}\n");
    assertThat(codesAndLines(errors(all))).containsExactly("PS106@3");
    assertThat(errors(all).get(0).message()).startsWith("shadowDatabaseUrl is the same as url for datasource \"db\".");
  }

  @Test
  void warns_about_referential_integrity_and_rejects_it_next_to_relation_mode() {
    assertThat(codesAndLines(check("datasource db {\n  provider = \"postgresql\"\n  referentialIntegrity = \"prisma\"\n}\n")))
        .containsExactly("PS108@3");
    List<Diagnostic> both = check("datasource db {\n  provider = \"postgresql\"\n  relationMode = \"prisma\"\n  referentialIntegrity = \"prisma\"\n}\n");
    assertThat(codesAndLines(errors(both))).containsExactly("PS109@4");
    assertThat(codesAndLines(warnings(both))).containsExactly("PS108@4");
  }

  @Test
  void rejects_an_unknown_relation_mode() {
    List<Diagnostic> all = check("datasource db {\n  provider = \"postgresql\"\n  relationMode = \"magic\"\n}\n");
    assertThat(codesAndLines(all)).containsExactly("PS107@3");
  }

  @Test
  void reports_duplicate_and_non_string_schema_names() {
    List<Diagnostic> all = check("datasource db {\n  provider = \"postgresql\"\n  schemas = [\"a\", \"a\", 3]\n}\n");
    assertThat(all).extracting(Diagnostic::message)
        .containsExactly("Duplicated schema names are not allowed", "Expected a string value, but received numeric value `3`.");
  }

  @Test
  void requires_the_preview_feature_for_extensions_and_checks_their_shape() {
    assertThat(codesAndLines(check("datasource db {\n  provider = \"postgresql\"\n  extensions = [postgis]\n}\n")))
        .containsExactly("PS112@3");
    String gen = "generator c {\n  provider = \"prisma-client\"\n  previewFeatures = [\"postgresqlExtensions\"]\n}\n";
    assertThat(check(gen + "datasource db {\n  provider = \"postgresql\"\n  extensions = [postgis, pg_trgm(schema: \"x\", version: \"1.2\")]\n}\n")).isEmpty();
    List<Diagnostic> bad = check(gen + "datasource db {\n  provider = \"postgresql\"\n  extensions = [\"postgis\", citext(foo: \"x\")]\n}\n");
    assertThat(bad).extracting(Diagnostic::message).containsExactly(
        "Expected a constant or function value, but received string value `\"postgis\"`.",
        "Argument not known: \"foo\".");
  }

  @Test
  void classifies_preview_features_as_known_stabilized_renamed_or_unknown() {
    List<Diagnostic> all = check("generator c {\n  provider = \"prisma-client\"\n  previewFeatures = [\"views\", \"multiSchema\", \"fullTextSearch\", \"teleport\"]\n}\n"
        + "datasource db {\n  provider = \"postgresql\"\n}\n");
    assertThat(warnings(all)).extracting(Diagnostic::message).containsExactly(
        "Preview feature \"multiSchema\" is deprecated. The functionality can be used without specifying it as a preview feature.",
        "On `provider = \"postgresql\"`, preview feature \"fullTextSearch\" has been renamed to \"fullTextSearchPostgres\". Learn more at https://pris.ly/d/fts-postgres.");
    assertThat(errors(all)).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("PS120");
      assertThat(d.message()).startsWith("The preview feature \"teleport\" is not known. Expected one of: fullTextSearchPostgres, nativeDistinct, partialIndexes");
      assertThat(d.span().startLine()).isEqualTo(3);
    });
  }

  @Test
  void requires_a_generator_provider() {
    List<Diagnostic> all = check("generator c {\n  output = \"x\"\n}\n");
    assertThat(all).extracting(Diagnostic::message).containsExactly("Argument \"provider\" is missing in generator block \"c\".");
    assertThat(all.get(0).span().startLine()).isEqualTo(1);
  }

  @Test
  void rejects_every_datasource_when_there_are_several() {
    List<Diagnostic> all = check("datasource a {\n  provider = \"postgresql\"\n}\ndatasource b {\n  provider = \"postgresql\"\n}\n");
    assertThat(codesAndLines(all)).containsExactly("PS101@1", "PS101@4");
    assertThat(all.get(1).message()).startsWith("Error validating datasource `b`: You defined more than one datasource.");
  }
}
