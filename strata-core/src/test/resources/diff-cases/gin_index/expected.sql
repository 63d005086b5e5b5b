-- CreateIndex
CREATE INDEX "Doc_data_idx" ON "Doc" USING GIN ("data" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "Doc_id_idx" ON "Doc" USING HASH ("id");
