-- CreateTable
CREATE TABLE "Shop" (
    "id" INTEGER NOT NULL,
    "location" geometry(Point, 4326) NOT NULL,

    CONSTRAINT "Shop_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Shop_location_idx" ON "Shop" USING GIST ("location");
