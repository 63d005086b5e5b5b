-- AlterTable
ALTER TABLE "User" DROP COLUMN "a",
DROP COLUMN "b";
