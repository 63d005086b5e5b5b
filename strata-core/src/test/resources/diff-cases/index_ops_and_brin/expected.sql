-- CreateIndex
CREATE INDEX "T_name_idx" ON "T" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "T_at_idx" ON "T" USING BRIN ("at");

-- CreateIndex
CREATE INDEX "T_name_at_idx" ON "T"("name" DESC, "at" ASC);
