-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "billing";

-- AlterEnum
BEGIN;
CREATE TYPE "shop"."Size_new" AS ENUM ('S', 'L');
ALTER TABLE "shop"."Item" ALTER COLUMN "size" TYPE "shop"."Size_new" USING ("size"::text::"shop"."Size_new");
ALTER TYPE "shop"."Size" RENAME TO "Size_old";
ALTER TYPE "shop"."Size_new" RENAME TO "Size";
DROP TYPE "shop"."Size_old";
COMMIT;

-- DropIndex
DROP INDEX "shop"."Item_name_idx";

-- AlterTable
ALTER TABLE "shop"."Item" DROP COLUMN "name",
ADD COLUMN     "title" TEXT NOT NULL,
ALTER COLUMN "size" SET DEFAULT 'S';

-- CreateTable
CREATE TABLE "billing"."Invoice" (
    "id" SERIAL NOT NULL,
    "itemId" INTEGER NOT NULL,

    CONSTRAINT "Invoice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "item_title" ON "shop"."Item"("title");

-- AddForeignKey
ALTER TABLE "billing"."Invoice" ADD CONSTRAINT "Invoice_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "shop"."Item"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
