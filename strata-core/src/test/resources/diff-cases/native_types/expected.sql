-- CreateTable
CREATE TABLE "T" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "a" VARCHAR(255) NOT NULL,
    "b" CHAR(3) NOT NULL,
    "c" SMALLINT NOT NULL,
    "d" DECIMAL(10,2) NOT NULL,
    "e" TIMESTAMPTZ(6) NOT NULL,
    "f" DATE NOT NULL,
    "g" JSON NOT NULL,
    "h" BYTEA NOT NULL DEFAULT '\x68656c6c6f',
    "i" REAL NOT NULL,
    "j" BIGSERIAL NOT NULL,
    "k" CITEXT NOT NULL,
    "l" tsvector,

    CONSTRAINT "T_pkey" PRIMARY KEY ("id")
);
