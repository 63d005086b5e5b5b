package dev.strata.plan;

/**
 * The kinds of migration step, in the order Prisma Migrate executes them (the declaration order
 * is the execution order; the name is the {@code -- Header} of the step in migration.sql).
 */
public enum Step {
  CreateSchema,
  DropExtension,
  CreateExtension,
  AlterExtension,
  AlterSequence,
  DropView,
  DropUserDefinedType,
  CreateEnum,
  AlterEnum,
  DropForeignKey,
  DropIndex,
  AlterTable,
  AlterPrimaryKey,
  DropTable,
  DropEnum,
  CreateTable,
  RedefineTables,
  CreateIndex,
  RenameForeignKey,
  AddForeignKey,
  RenameIndex,
  RedefineIndex
}
