-- RenameIndex
ALTER INDEX "User_a_idx" RENAME TO "my_a_idx";

-- RenameIndex
ALTER INDEX "User_b_key" RENAME TO "b_uq";
