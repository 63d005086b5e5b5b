-- CreateTable
CREATE TABLE "Place" (
    "id" INTEGER NOT NULL,
    "location" circle NOT NULL,
    "search" tsvector,
    "area" box,
    "spot" point,

    CONSTRAINT "Place_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Place_location_idx" ON "Place" USING GIST ("location");

-- CreateIndex
CREATE INDEX "Place_search_idx" ON "Place" USING GIN ("search");

-- CreateIndex
CREATE INDEX "Place_area_idx" ON "Place" USING BRIN ("area");

-- CreateIndex
CREATE INDEX "Place_spot_idx" ON "Place" USING SPGIST ("spot");

-- CreateIndex
CREATE INDEX "spot_area_gist" ON "Place" USING GIST ("spot", "area");
