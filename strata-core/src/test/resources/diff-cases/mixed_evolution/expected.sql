-- CreateEnum
CREATE TYPE "Kind" AS ENUM ('NEWS', 'BLOG');

-- AlterEnum
ALTER TYPE "Status" ADD VALUE 'PAUSED';

-- DropForeignKey
ALTER TABLE "Post" DROP CONSTRAINT "Post_authorId_fkey";

-- DropIndex
DROP INDEX "Post_title_idx";

-- AlterTable
ALTER TABLE "User" ALTER COLUMN "email" SET DATA TYPE VARCHAR(320),
ALTER COLUMN "name" SET NOT NULL,
ALTER COLUMN "status" SET DEFAULT 'OFF';

-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "kind" "Kind" NOT NULL DEFAULT 'NEWS';

-- DropTable
DROP TABLE "Legacy";

-- CreateTable
CREATE TABLE "Comment" (
    "id" SERIAL NOT NULL,
    "body" TEXT NOT NULL,
    "postId" INTEGER NOT NULL,
    "userId" INTEGER,

    CONSTRAINT "Comment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Comment_postId_id_key" ON "Comment"("postId", "id");

-- CreateIndex
CREATE INDEX "Post_title_kind_idx" ON "Post"("title", "kind");

-- AddForeignKey
ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
