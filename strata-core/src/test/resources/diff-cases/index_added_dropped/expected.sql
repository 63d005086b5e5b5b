-- DropIndex
DROP INDEX "User_a_idx";

-- CreateIndex
CREATE INDEX "User_b_c_idx" ON "User"("b", "c" DESC);
