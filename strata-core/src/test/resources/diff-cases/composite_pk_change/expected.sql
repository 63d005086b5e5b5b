-- AlterTable
ALTER TABLE "T" DROP CONSTRAINT "T_pkey",
ADD CONSTRAINT "T_pkey" PRIMARY KEY ("a", "b", "c");
