-- CreateEnum
CREATE TYPE "Kind" AS ENUM ('A', 'B');

-- CreateTable
CREATE TABLE "auth"."User" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Post" (
    "id" INTEGER NOT NULL,
    "kind" "Kind" NOT NULL,
    "userId" INTEGER NOT NULL,

    CONSTRAINT "Post_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auth"."User2" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "User2_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Post2" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "Post2_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_Post2ToUser2" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_Post2ToUser2_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE INDEX "Post_userId_idx" ON "Post"("userId");

-- CreateIndex
CREATE INDEX "_Post2ToUser2_B_index" ON "_Post2ToUser2"("B");

-- AddForeignKey
ALTER TABLE "Post" ADD CONSTRAINT "Post_userId_fkey" FOREIGN KEY ("userId") REFERENCES "auth"."User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_Post2ToUser2" ADD CONSTRAINT "_Post2ToUser2_A_fkey" FOREIGN KEY ("A") REFERENCES "Post2"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_Post2ToUser2" ADD CONSTRAINT "_Post2ToUser2_B_fkey" FOREIGN KEY ("B") REFERENCES "auth"."User2"("id") ON DELETE CASCADE ON UPDATE CASCADE;
