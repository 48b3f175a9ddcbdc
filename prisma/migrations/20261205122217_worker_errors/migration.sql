-- AlterTable
ALTER TABLE "worker_status" ADD COLUMN     "last_error" TEXT,
ADD COLUMN     "last_error_at" TIMESTAMPTZ(3),
ADD COLUMN     "recent_errors" INTEGER NOT NULL DEFAULT 0;
