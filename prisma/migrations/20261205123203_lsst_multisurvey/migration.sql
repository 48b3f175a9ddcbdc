-- CreateTable
CREATE TABLE "survey_object" (
    "survey" TEXT NOT NULL,
    "oid" TEXT NOT NULL,
    "meanra" DOUBLE PRECISION NOT NULL,
    "meandec" DOUBLE PRECISION NOT NULL,
    "firstmjd" DOUBLE PRECISION NOT NULL,
    "lastmjd" DOUBLE PRECISION NOT NULL,
    "ndet" INTEGER NOT NULL,
    "nforced" INTEGER NOT NULL,
    "last_ingested_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "survey_object_pkey" PRIMARY KEY ("survey","oid")
);

-- CreateTable
CREATE TABLE "lsst_alert" (
    "dia_source_id" BIGINT NOT NULL,
    "oid" TEXT NOT NULL,
    "mjd" DOUBLE PRECISION NOT NULL,
    "schema_version" TEXT NOT NULL,
    "framing" TEXT NOT NULL,
    "schema_fingerprint" TEXT NOT NULL,
    "avro" BYTEA NOT NULL,
    "source" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "ingested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT clock_timestamp(),

    CONSTRAINT "lsst_alert_pkey" PRIMARY KEY ("dia_source_id")
);

-- CreateTable
CREATE TABLE "lsst_dia_source" (
    "dia_source_id" BIGINT NOT NULL,
    "oid" TEXT NOT NULL,
    "mjd" DOUBLE PRECISION NOT NULL,
    "band" TEXT NOT NULL,
    "ra" DOUBLE PRECISION NOT NULL,
    "dec" DOUBLE PRECISION NOT NULL,
    "ra_err_deg" DOUBLE PRECISION,
    "dec_err_deg" DOUBLE PRECISION,
    "psf_flux_njy" DOUBLE PRECISION,
    "psf_flux_err_njy" DOUBLE PRECISION,
    "science_flux_njy" DOUBLE PRECISION,
    "science_flux_err_njy" DOUBLE PRECISION,
    "ap_flux_njy" DOUBLE PRECISION,
    "ap_flux_err_njy" DOUBLE PRECISION,
    "snr" DOUBLE PRECISION,
    "is_negative" BOOLEAN,
    "reliability" DOUBLE PRECISION,
    "extendedness" DOUBLE PRECISION,
    "visit" BIGINT,
    "detector" INTEGER,
    "ss_object_id" BIGINT,
    "parent_alert_id" BIGINT,

    CONSTRAINT "lsst_dia_source_pkey" PRIMARY KEY ("dia_source_id")
);

-- CreateTable
CREATE TABLE "lsst_forced_source" (
    "dia_forced_source_id" BIGINT NOT NULL,
    "oid" TEXT NOT NULL,
    "mjd" DOUBLE PRECISION NOT NULL,
    "band" TEXT NOT NULL,
    "ra" DOUBLE PRECISION,
    "dec" DOUBLE PRECISION,
    "psf_flux_njy" DOUBLE PRECISION,
    "psf_flux_err_njy" DOUBLE PRECISION,
    "science_flux_njy" DOUBLE PRECISION,
    "science_flux_err_njy" DOUBLE PRECISION,
    "visit" BIGINT,
    "detector" INTEGER,

    CONSTRAINT "lsst_forced_source_pkey" PRIMARY KEY ("dia_forced_source_id")
);

-- CreateTable
CREATE TABLE "lsst_ss_source" (
    "dia_source_id" BIGINT NOT NULL,
    "oid" TEXT NOT NULL,
    "ss_object_id" BIGINT,
    "designation" TEXT,
    "phase_angle_deg" DOUBLE PRECISION,
    "helio_range_au" DOUBLE PRECISION,
    "topo_range_au" DOUBLE PRECISION,
    "eph_v_mag" DOUBLE PRECISION,

    CONSTRAINT "lsst_ss_source_pkey" PRIMARY KEY ("dia_source_id")
);

-- CreateTable
CREATE TABLE "lsst_cutout" (
    "dia_source_id" BIGINT NOT NULL,
    "kind" TEXT NOT NULL,
    "fits" BYTEA NOT NULL,

    CONSTRAINT "lsst_cutout_pkey" PRIMARY KEY ("dia_source_id","kind")
);

-- CreateTable
CREATE TABLE "lsst_flux_stat" (
    "oid" TEXT NOT NULL,
    "band" TEXT NOT NULL,
    "ndet" INTEGER NOT NULL,
    "mjd_first" DOUBLE PRECISION NOT NULL,
    "mjd_last" DOUBLE PRECISION NOT NULL,
    "flux_mean_njy" DOUBLE PRECISION NOT NULL,
    "flux_median_njy" DOUBLE PRECISION NOT NULL,
    "flux_std_njy" DOUBLE PRECISION,
    "flux_min_njy" DOUBLE PRECISION NOT NULL,
    "flux_max_njy" DOUBLE PRECISION NOT NULL,
    "flux_first_njy" DOUBLE PRECISION NOT NULL,
    "flux_last_njy" DOUBLE PRECISION NOT NULL,
    "flux_wmean_njy" DOUBLE PRECISION,
    "flux_wmean_err_njy" DOUBLE PRECISION,
    "nneg" INTEGER NOT NULL,
    "step_version" TEXT NOT NULL,

    CONSTRAINT "lsst_flux_stat_pkey" PRIMARY KEY ("oid","band")
);

-- CreateTable
CREATE TABLE "lsst_xmatch" (
    "oid" TEXT NOT NULL,
    "catid" TEXT NOT NULL,
    "oid_catalog" TEXT NOT NULL,
    "dist" DOUBLE PRECISION NOT NULL,
    "class_catalog" TEXT,
    "period" DOUBLE PRECISION,
    "magnitudes" JSONB,

    CONSTRAINT "lsst_xmatch_pkey" PRIMARY KEY ("oid","catid")
);

-- CreateTable
CREATE TABLE "survey_link" (
    "lsst_oid" TEXT NOT NULL,
    "ztf_oid" TEXT NOT NULL,
    "dist_arcsec" DOUBLE PRECISION NOT NULL,
    "linked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "survey_link_pkey" PRIMARY KEY ("lsst_oid","ztf_oid")
);

-- CreateIndex
CREATE INDEX "survey_object_meandec_meanra_idx" ON "survey_object"("meandec", "meanra");

-- CreateIndex
CREATE INDEX "survey_object_lastmjd_idx" ON "survey_object"("lastmjd");

-- CreateIndex
CREATE INDEX "lsst_alert_oid_mjd_idx" ON "lsst_alert"("oid", "mjd");

-- CreateIndex
CREATE INDEX "lsst_dia_source_oid_mjd_idx" ON "lsst_dia_source"("oid", "mjd");

-- CreateIndex
CREATE INDEX "lsst_forced_source_oid_mjd_idx" ON "lsst_forced_source"("oid", "mjd");

-- CreateIndex
CREATE INDEX "lsst_ss_source_oid_idx" ON "lsst_ss_source"("oid");

-- CreateIndex
CREATE INDEX "survey_link_ztf_oid_idx" ON "survey_link"("ztf_oid");
