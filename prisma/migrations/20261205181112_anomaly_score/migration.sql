-- CreateTable
CREATE TABLE "anomaly_score" (
    "oid" TEXT NOT NULL,
    "model_version" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "last_mjd" DOUBLE PRECISION NOT NULL,
    "scored_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "anomaly_score_pkey" PRIMARY KEY ("oid","model_version")
);

-- CreateIndex
CREATE INDEX "anomaly_score_model_version_score_idx" ON "anomaly_score"("model_version", "score");

-- AddForeignKey
ALTER TABLE "anomaly_score" ADD CONSTRAINT "anomaly_score_oid_fkey" FOREIGN KEY ("oid") REFERENCES "object"("oid") ON DELETE CASCADE ON UPDATE CASCADE;
