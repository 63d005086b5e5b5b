-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "security";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "users";

-- CreateEnum
CREATE TYPE "users"."UserType" AS ENUM ('Bacteria', 'Archea', 'Eukaryote');

-- CreateTable
CREATE TABLE "users"."Test" (
    "id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Test_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Test2" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "Test2_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "security"."Test3" (
    "id" INTEGER NOT NULL,
    "type" "users"."UserType" NOT NULL,

    CONSTRAINT "Test3_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Test4" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "Test4_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "security"."Test5" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "Test5_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Test_name_key" ON "users"."Test"("name");

-- AddForeignKey
ALTER TABLE "Test4" ADD CONSTRAINT "Test4_id_fkey" FOREIGN KEY ("id") REFERENCES "security"."Test5"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
