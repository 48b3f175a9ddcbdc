-- DropIndex
DROP INDEX "probability_oid_idx";
