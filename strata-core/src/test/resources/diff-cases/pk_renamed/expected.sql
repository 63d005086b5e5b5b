-- AlterTable
ALTER TABLE "T" RENAME CONSTRAINT "T_pkey" TO "T_custom_pk";
