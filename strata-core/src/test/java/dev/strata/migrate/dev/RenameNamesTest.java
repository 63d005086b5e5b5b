package dev.strata.migrate.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.StrataException;
import dev.strata.diag.SourceFile;
import dev.strata.diff.RenameDetector.RenameSpec;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.prisma.ast.PrismaSchema;
import dev.strata.prisma.lower.PrismaLowering;
import dev.strata.schema.DatabaseSchema;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code --rename} arguments in Prisma names (models with {@code @@map}, fields with {@code @map}) become database names. */
class RenameNamesTest {
  private static final String HEAD = "datasource db {\n  provider = \"postgresql\"\n}\n";

  private static PrismaSchema parse(String models) {
    PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(List.of(new SourceFile("schema.prisma", HEAD + models)));
    assertThat(checked.hasErrors()).as(checked.diagnostics().toString()).isFalse();
    return checked.schema();
  }

  private static final PrismaSchema BEFORE = parse("""
      model User {
        id      Int    @id
        name    String
        coachId Int?   @map("coach_id")

        @@map("users")
      }

      model Post {
        id Int @id

        @@map("posts")
      }
      """);
  private static final PrismaSchema AFTER = parse("""
      model User {
        id       Int    @id
        fullName String @map("full_name")
        mentorId Int?   @map("mentor_id")

        @@map("users")
      }

      model Article {
        id Int @id

        @@map("articles")
      }
      """);
  private static final DatabaseSchema HISTORY = PrismaLowering.lower(BEFORE);
  private static final DatabaseSchema TARGET = PrismaLowering.lower(AFTER);
  private static final RenameNames NAMES = RenameNames.of(PrismaLowering.names(AFTER));

  private static RenameSpec translate(String text) {
    return NAMES.translate(RenameSpec.parse(text).orElseThrow(), HISTORY, TARGET);
  }

  @Test
  void model_and_field_names_become_the_mapped_table_and_columns() {
    assertThat(translate("User.name=fullName")).isEqualTo(new RenameSpec(Optional.of("users"), "name", "full_name"));
    // The old field is gone from the schema: coachId is found as coach_id in the history.
    assertThat(translate("User.coachId=mentorId")).isEqualTo(new RenameSpec(Optional.of("users"), "coach_id", "mentor_id"));
    assertThat(translate("posts=Article")).isEqualTo(new RenameSpec(Optional.empty(), "posts", "articles"));
  }

  @Test
  void database_names_are_taken_as_they_are() {
    assertThat(translate("users.name=full_name")).isEqualTo(new RenameSpec(Optional.of("users"), "name", "full_name"));
    assertThat(RenameNames.none().translate(RenameSpec.parse("users.coach_id=mentor_id").orElseThrow(), HISTORY, TARGET))
        .isEqualTo(new RenameSpec(Optional.of("users"), "coach_id", "mentor_id"));
  }

  @Test
  void a_name_that_matches_nothing_suggests_the_closest() {
    assertThatThrownBy(() -> translate("Usr.name=fullName")).isInstanceOf(StrataException.class)
        .hasMessage("--rename Usr.name=fullName: there is no model or table `Usr` in the schema; did you mean `User`?");
    assertThatThrownBy(() -> translate("User.nme=fullName"))
        .hasMessage("--rename User.nme=fullName: the table `users` has no column `nme` in the migration history; did you mean `name`?");
    assertThatThrownBy(() -> translate("User.name=fulName"))
        .hasMessage("--rename User.name=fulName: the model `User` has no field or column `fulName` in the schema; did you mean `fullName`?");
    assertThatThrownBy(() -> translate("Post=Article"))
        .hasMessage("--rename Post=Article: there is no table `Post` in the migration history; did you mean `posts`?");
    assertThatThrownBy(() -> translate("User.name=somethingElse"))
        .hasMessageEndingWith("has no field or column `somethingElse` in the schema.");
  }
}
