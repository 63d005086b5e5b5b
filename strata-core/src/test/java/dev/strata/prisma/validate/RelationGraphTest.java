package dev.strata.prisma.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.diag.Diagnostics;
import dev.strata.diag.SourceFile;
import dev.strata.prisma.parse.PrismaParser;
import dev.strata.prisma.validate.Relation.ReferentialAction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@link RelationGraph} pairs relation fields, names relations and picks their forward side. */
class RelationGraphTest {

  private static RelationGraph graph(String text) {
    return RelationGraph.of(PrismaParser.parse(List.of(new SourceFile("schema.prisma", text)), new Diagnostics()));
  }

  @Test
  void pairs_a_one_to_many_relation_with_the_single_side_forward() {
    RelationGraph g = graph("""
        model User {
          id    Int    @id
          posts Post[]
        }
        model Post {
          id       Int  @id
          authorId Int
          author   User @relation(fields: [authorId], references: [id], onUpdate: Restrict)
        }
        """);
    assertThat(g.relations()).hasSize(1);
    Relation r = g.relations().get(0);
    assertThat(r.kind()).isEqualTo(Relation.Kind.ONE_TO_MANY);
    assertThat(r.name()).isEqualTo("PostToUser");
    assertThat(r.explicitlyNamed()).isFalse();
    assertThat(r.referencingModel()).isEqualTo("Post");
    assertThat(r.referencedModel()).isEqualTo("User");
    assertThat(r.referencingFields()).containsExactly("authorId");
    assertThat(r.referencedFields()).containsExactly("id");
    assertThat(r.back().map(RelationField::name)).contains("posts");
    assertThat(r.effectiveOnDelete()).isEqualTo(ReferentialAction.RESTRICT);
    assertThat(r.effectiveOnUpdate()).isEqualTo(ReferentialAction.RESTRICT);
    assertThat(g.relationOf(g.field("User", "posts").orElseThrow())).contains(r);
  }

  @Test
  void defaults_on_delete_to_set_null_when_every_foreign_key_field_is_optional() {
    RelationGraph g = graph("""
        model User {
          id    Int    @id
          posts Post[]
        }
        model Post {
          id       Int   @id
          authorId Int?
          author   User? @relation(fields: [authorId], references: [id])
        }
        """);
    Relation r = g.relations().get(0);
    assertThat(r.effectiveOnDelete()).isEqualTo(ReferentialAction.SET_NULL);
    assertThat(r.effectiveOnUpdate()).isEqualTo(ReferentialAction.CASCADE);
  }

  @Test
  void names_implicit_many_to_many_relations_in_byte_order_of_model_names() {
    RelationGraph g = graph("""
        model tag {
          id    Int    @id
          posts Post[]
        }
        model Post {
          id   Int   @id
          tags tag[]
        }
        """);
    Relation r = g.implicitManyToMany().get(0);
    assertThat(r.name()).isEqualTo("PostTotag");
    assertThat(r.joinTableName()).contains("_PostTotag");
    assertThat(r.forward().modelName()).isEqualTo("Post");
    assertThat(r.effectiveOnDelete()).isEqualTo(ReferentialAction.CASCADE);
  }

  @Test
  void puts_the_field_whose_name_sorts_first_on_side_a_of_a_self_many_to_many() {
    RelationGraph g = graph("""
        model User {
          id         Int    @id
          following  User[] @relation("follows")
          followedBy User[] @relation("follows")
        }
        """);
    Relation r = g.relations().get(0);
    assertThat(r.kind()).isEqualTo(Relation.Kind.MANY_TO_MANY);
    assertThat(r.isSelfRelation()).isTrue();
    assertThat(r.joinTableName()).contains("_follows");
    assertThat(r.forward().name()).isEqualTo("followedBy");
  }

  @Test
  void makes_the_side_with_fields_forward_in_a_one_to_one_relation() {
    RelationGraph g = graph("""
        model User {
          id      Int      @id
          profile Profile?
        }
        model Profile {
          id     Int  @id
          userId Int  @unique
          user   User @relation(fields: [userId], references: [id], map: "profile_user_fk")
        }
        """);
    Relation r = g.relations().get(0);
    assertThat(r.kind()).isEqualTo(Relation.Kind.ONE_TO_ONE);
    assertThat(r.forward().name()).isEqualTo("user");
    assertThat(r.forward().map()).contains("profile_user_fk");
  }

  @Test
  void keeps_an_unpaired_field_as_a_relation_without_back_side() {
    RelationGraph g = graph("""
        model User {
          id    Int    @id
          posts Post[] @relation("a")
        }
        model Post {
          id Int @id
          u  User @relation("b", fields: [uid], references: [id])
          uid Int
        }
        """);
    assertThat(g.relations()).hasSize(2).allSatisfy(r -> assertThat(r.back()).isEmpty());
    assertThat(g.relations()).extracting(Relation::name).containsExactly("a", "b");
  }

  @Test
  void ignores_fields_of_enum_composite_and_unknown_types() {
    RelationGraph g = graph("""
        enum Role {
          A
        }
        type Address {
          street String
        }
        model User {
          id   Int     @id
          role Role
          addr Address
          x    Nope
        }
        """);
    assertThat(g.fields()).isEmpty();
    assertThat(g.relations()).isEmpty();
  }
}
