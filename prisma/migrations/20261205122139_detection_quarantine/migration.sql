-- CreateTable
CREATE TABLE "detection_quarantine" (
    "candid" BIGINT NOT NULL,
    "oid" TEXT NOT NULL,
    "mjd" DOUBLE PRECISION NOT NULL,
    "fid" INTEGER NOT NULL,
    "pid" BIGINT NOT NULL,
    "diffmaglim" DOUBLE PRECISION,
    "isdiffpos" INTEGER NOT NULL,
    "nid" INTEGER,
    "ra" DOUBLE PRECISION NOT NULL,
    "dec" DOUBLE PRECISION NOT NULL,
    "magpsf" DOUBLE PRECISION NOT NULL,
    "sigmapsf" DOUBLE PRECISION NOT NULL,
    "magap" DOUBLE PRECISION,
    "sigmagap" DOUBLE PRECISION,
    "distnr" DOUBLE PRECISION,
    "magnr" DOUBLE PRECISION,
    "sigmagnr" DOUBLE PRECISION,
    "chinr" DOUBLE PRECISION,
    "sharpnr" DOUBLE PRECISION,
    "rb" DOUBLE PRECISION,
    "rbversion" TEXT,
    "drb" DOUBLE PRECISION,
    "drbversion" TEXT,
    "magapbig" DOUBLE PRECISION,
    "sigmagapbig" DOUBLE PRECISION,
    "rfid" BIGINT,
    "magpsf_corr" DOUBLE PRECISION,
    "sigmapsf_corr" DOUBLE PRECISION,
    "sigmapsf_corr_ext" DOUBLE PRECISION,
    "corrected" BOOLEAN NOT NULL DEFAULT false,
    "dubious" BOOLEAN NOT NULL DEFAULT false,
    "parent_candid" BIGINT,
    "has_stamp" BOOLEAN NOT NULL DEFAULT false,
    "step_id_corr" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "separation_arcsec" DOUBLE PRECISION NOT NULL,
    "reference_ra" DOUBLE PRECISION NOT NULL,
    "reference_dec" DOUBLE PRECISION NOT NULL,
    "quarantined_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "detection_quarantine_pkey" PRIMARY KEY ("candid")
);

-- CreateIndex
CREATE INDEX "detection_quarantine_oid_idx" ON "detection_quarantine"("oid");

-- AddForeignKey
ALTER TABLE "detection_quarantine" ADD CONSTRAINT "detection_quarantine_oid_fkey" FOREIGN KEY ("oid") REFERENCES "object"("oid") ON DELETE CASCADE ON UPDATE CASCADE;
