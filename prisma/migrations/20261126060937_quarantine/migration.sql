-- DropTable
DROP TABLE "rejected_alert";

-- CreateTable
CREATE TABLE "quarantine" (
    "id" SERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "record" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "bytes" BYTEA,
    "quarantined_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "quarantine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "quarantine_quarantined_at_idx" ON "quarantine"("quarantined_at");

-- CreateIndex
CREATE UNIQUE INDEX "quarantine_sha256_record_key" ON "quarantine"("sha256", "record");
