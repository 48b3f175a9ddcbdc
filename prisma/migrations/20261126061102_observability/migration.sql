-- AlterTable
-- Rows ingested before this migration get the migration time as their arrival time.
ALTER TABLE "alert_packet" ADD COLUMN     "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ALTER COLUMN "ingested_at" SET DEFAULT clock_timestamp();
ALTER TABLE "alert_packet" ALTER COLUMN "received_at" DROP DEFAULT;

-- AlterTable
ALTER TABLE "object" ADD COLUMN     "last_alert_mjd" DOUBLE PRECISION,
ADD COLUMN     "last_ingested_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "worker_status" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "heartbeat_at" TIMESTAMPTZ(3) NOT NULL,
    "alerts_ingested" INTEGER NOT NULL DEFAULT 0,
    "alerts_duplicate" INTEGER NOT NULL DEFAULT 0,
    "alerts_quarantined" INTEGER NOT NULL DEFAULT 0,
    "last_batch_at" TIMESTAMPTZ(3),
    "backlog" INTEGER,
    "oldest_pending_at" TIMESTAMPTZ(3),
    "stopped_at" TIMESTAMPTZ(3),

    CONSTRAINT "worker_status_pkey" PRIMARY KEY ("id")
);
