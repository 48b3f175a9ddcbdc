-- CreateTable
CREATE TABLE "lc_classification" (
    "oid" TEXT NOT NULL,
    "classifier_version" TEXT NOT NULL,
    "last_mjd" DOUBLE PRECISION NOT NULL,
    "n_det" INTEGER NOT NULL,
    "classified_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lc_classification_pkey" PRIMARY KEY ("oid","classifier_version")
);

-- AddForeignKey
ALTER TABLE "lc_classification" ADD CONSTRAINT "lc_classification_oid_fkey" FOREIGN KEY ("oid") REFERENCES "object"("oid") ON DELETE CASCADE ON UPDATE CASCADE;
