-- CreateEnum
CREATE TYPE "CutoutKind" AS ENUM ('science', 'template', 'difference');

-- CreateTable
CREATE TABLE "object" (
    "oid" TEXT NOT NULL,
    "ndethist" INTEGER,
    "ncovhist" INTEGER,
    "mjdstarthist" DOUBLE PRECISION,
    "mjdendhist" DOUBLE PRECISION,
    "corrected" BOOLEAN NOT NULL DEFAULT false,
    "stellar" BOOLEAN NOT NULL DEFAULT false,
    "ndet" INTEGER NOT NULL,
    "g_r_max" DOUBLE PRECISION,
    "g_r_max_corr" DOUBLE PRECISION,
    "g_r_mean" DOUBLE PRECISION,
    "g_r_mean_corr" DOUBLE PRECISION,
    "meanra" DOUBLE PRECISION NOT NULL,
    "meandec" DOUBLE PRECISION NOT NULL,
    "sigmara" DOUBLE PRECISION,
    "sigmadec" DOUBLE PRECISION,
    "deltajd" DOUBLE PRECISION NOT NULL,
    "firstmjd" DOUBLE PRECISION NOT NULL,
    "lastmjd" DOUBLE PRECISION NOT NULL,
    "step_id_corr" TEXT NOT NULL,
    "diffpos" BOOLEAN,
    "reference_change" BOOLEAN,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "object_pkey" PRIMARY KEY ("oid")
);

-- CreateTable
CREATE TABLE "detection" (
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

    CONSTRAINT "detection_pkey" PRIMARY KEY ("candid")
);

-- CreateTable
CREATE TABLE "non_detection" (
    "oid" TEXT NOT NULL,
    "fid" INTEGER NOT NULL,
    "mjd" DOUBLE PRECISION NOT NULL,
    "diffmaglim" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "non_detection_pkey" PRIMARY KEY ("oid","fid","mjd")
);

-- CreateTable
CREATE TABLE "forced_photometry" (
    "oid" TEXT NOT NULL,
    "pid" BIGINT NOT NULL,
    "mjd" DOUBLE PRECISION NOT NULL,
    "fid" INTEGER NOT NULL,
    "field" INTEGER,
    "rcid" INTEGER,
    "rfid" BIGINT,
    "sciinpseeing" DOUBLE PRECISION,
    "scibckgnd" DOUBLE PRECISION,
    "scisigpix" DOUBLE PRECISION,
    "magzpsci" DOUBLE PRECISION,
    "magzpsciunc" DOUBLE PRECISION,
    "magzpscirms" DOUBLE PRECISION,
    "clrcoeff" DOUBLE PRECISION,
    "clrcounc" DOUBLE PRECISION,
    "exptime" DOUBLE PRECISION,
    "adpctdif1" DOUBLE PRECISION,
    "adpctdif2" DOUBLE PRECISION,
    "diffmaglim" DOUBLE PRECISION,
    "programid" INTEGER,
    "procstatus" TEXT,
    "forcediffimflux" DOUBLE PRECISION,
    "forcediffimfluxunc" DOUBLE PRECISION,
    "distnr" DOUBLE PRECISION,
    "ranr" DOUBLE PRECISION,
    "decnr" DOUBLE PRECISION,
    "magnr" DOUBLE PRECISION,
    "sigmagnr" DOUBLE PRECISION,
    "chinr" DOUBLE PRECISION,
    "sharpnr" DOUBLE PRECISION,
    "mag" DOUBLE PRECISION,
    "e_mag" DOUBLE PRECISION,
    "isdiffpos" INTEGER,
    "mag_corr" DOUBLE PRECISION,
    "e_mag_corr" DOUBLE PRECISION,
    "e_mag_corr_ext" DOUBLE PRECISION,
    "corrected" BOOLEAN NOT NULL DEFAULT false,
    "dubious" BOOLEAN NOT NULL DEFAULT false,
    "parent_candid" BIGINT NOT NULL,

    CONSTRAINT "forced_photometry_pkey" PRIMARY KEY ("oid","pid")
);

-- CreateTable
CREATE TABLE "magstat" (
    "oid" TEXT NOT NULL,
    "fid" INTEGER NOT NULL,
    "stellar" BOOLEAN NOT NULL DEFAULT false,
    "corrected" BOOLEAN NOT NULL DEFAULT false,
    "ndet" INTEGER NOT NULL,
    "ndubious" INTEGER NOT NULL DEFAULT 0,
    "dmdt_first" DOUBLE PRECISION,
    "dm_first" DOUBLE PRECISION,
    "sigmadm_first" DOUBLE PRECISION,
    "dt_first" DOUBLE PRECISION,
    "magmean" DOUBLE PRECISION,
    "magmedian" DOUBLE PRECISION,
    "magmax" DOUBLE PRECISION,
    "magmin" DOUBLE PRECISION,
    "magsigma" DOUBLE PRECISION,
    "maglast" DOUBLE PRECISION,
    "magfirst" DOUBLE PRECISION,
    "magmean_corr" DOUBLE PRECISION,
    "magmedian_corr" DOUBLE PRECISION,
    "magmax_corr" DOUBLE PRECISION,
    "magmin_corr" DOUBLE PRECISION,
    "magsigma_corr" DOUBLE PRECISION,
    "maglast_corr" DOUBLE PRECISION,
    "magfirst_corr" DOUBLE PRECISION,
    "firstmjd" DOUBLE PRECISION,
    "lastmjd" DOUBLE PRECISION,
    "step_id_corr" TEXT NOT NULL,
    "saturation_rate" DOUBLE PRECISION,

    CONSTRAINT "magstat_pkey" PRIMARY KEY ("oid","fid")
);

-- CreateTable
CREATE TABLE "taxonomy" (
    "classifier_name" TEXT NOT NULL,
    "classifier_version" TEXT NOT NULL,
    "classes" TEXT[],

    CONSTRAINT "taxonomy_pkey" PRIMARY KEY ("classifier_name","classifier_version")
);

-- CreateTable
CREATE TABLE "probability" (
    "oid" TEXT NOT NULL,
    "classifier_name" TEXT NOT NULL,
    "classifier_version" TEXT NOT NULL,
    "class_name" TEXT NOT NULL,
    "probability" DOUBLE PRECISION NOT NULL,
    "ranking" INTEGER NOT NULL,

    CONSTRAINT "probability_pkey" PRIMARY KEY ("oid","classifier_name","classifier_version","class_name")
);

-- CreateTable
CREATE TABLE "feature_version" (
    "version" TEXT NOT NULL,
    "step_id_feature" TEXT NOT NULL,
    "step_id_preprocess" TEXT NOT NULL,

    CONSTRAINT "feature_version_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "feature" (
    "oid" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    "fid" INTEGER NOT NULL,
    "version" TEXT NOT NULL,

    CONSTRAINT "feature_pkey" PRIMARY KEY ("oid","name","fid","version")
);

-- CreateTable
CREATE TABLE "xmatch" (
    "oid" TEXT NOT NULL,
    "catid" TEXT NOT NULL,
    "oid_catalog" TEXT NOT NULL,
    "dist" DOUBLE PRECISION NOT NULL,
    "class_catalog" TEXT,
    "period" DOUBLE PRECISION,

    CONSTRAINT "xmatch_pkey" PRIMARY KEY ("oid","catid")
);

-- CreateTable
CREATE TABLE "ps1_ztf" (
    "oid" TEXT NOT NULL,
    "candid" BIGINT NOT NULL,
    "objectidps1" BIGINT,
    "sgmag1" DOUBLE PRECISION,
    "srmag1" DOUBLE PRECISION,
    "simag1" DOUBLE PRECISION,
    "szmag1" DOUBLE PRECISION,
    "sgscore1" DOUBLE PRECISION,
    "distpsnr1" DOUBLE PRECISION,
    "objectidps2" BIGINT,
    "sgmag2" DOUBLE PRECISION,
    "srmag2" DOUBLE PRECISION,
    "simag2" DOUBLE PRECISION,
    "szmag2" DOUBLE PRECISION,
    "sgscore2" DOUBLE PRECISION,
    "distpsnr2" DOUBLE PRECISION,
    "objectidps3" BIGINT,
    "sgmag3" DOUBLE PRECISION,
    "srmag3" DOUBLE PRECISION,
    "simag3" DOUBLE PRECISION,
    "szmag3" DOUBLE PRECISION,
    "sgscore3" DOUBLE PRECISION,
    "distpsnr3" DOUBLE PRECISION,
    "nmtchps" INTEGER NOT NULL,
    "unique1" BOOLEAN NOT NULL,
    "unique2" BOOLEAN NOT NULL,
    "unique3" BOOLEAN NOT NULL,

    CONSTRAINT "ps1_ztf_pkey" PRIMARY KEY ("oid","candid")
);

-- CreateTable
CREATE TABLE "ss_ztf" (
    "oid" TEXT NOT NULL,
    "candid" BIGINT NOT NULL,
    "ssdistnr" DOUBLE PRECISION,
    "ssmagnr" DOUBLE PRECISION,
    "ssnamenr" TEXT,

    CONSTRAINT "ss_ztf_pkey" PRIMARY KEY ("oid")
);

-- CreateTable
CREATE TABLE "gaia_ztf" (
    "oid" TEXT NOT NULL,
    "candid" BIGINT NOT NULL,
    "neargaia" DOUBLE PRECISION,
    "neargaiabright" DOUBLE PRECISION,
    "maggaia" DOUBLE PRECISION,
    "maggaiabright" DOUBLE PRECISION,
    "unique1" BOOLEAN NOT NULL,

    CONSTRAINT "gaia_ztf_pkey" PRIMARY KEY ("oid")
);

-- CreateTable
CREATE TABLE "reference" (
    "oid" TEXT NOT NULL,
    "rfid" BIGINT NOT NULL,
    "candid" BIGINT NOT NULL,
    "fid" INTEGER NOT NULL,
    "rcid" INTEGER,
    "field" INTEGER,
    "magnr" DOUBLE PRECISION,
    "sigmagnr" DOUBLE PRECISION,
    "chinr" DOUBLE PRECISION,
    "sharpnr" DOUBLE PRECISION,
    "ra" DOUBLE PRECISION NOT NULL,
    "dec" DOUBLE PRECISION NOT NULL,
    "mjdstartref" DOUBLE PRECISION,
    "mjdendref" DOUBLE PRECISION,
    "nframesref" INTEGER,

    CONSTRAINT "reference_pkey" PRIMARY KEY ("oid","rfid")
);

-- CreateTable
CREATE TABLE "dataquality" (
    "candid" BIGINT NOT NULL,
    "oid" TEXT NOT NULL,
    "fid" INTEGER NOT NULL,
    "xpos" DOUBLE PRECISION,
    "ypos" DOUBLE PRECISION,
    "chipsf" DOUBLE PRECISION,
    "sky" DOUBLE PRECISION,
    "fwhm" DOUBLE PRECISION,
    "classtar" DOUBLE PRECISION,
    "mindtoedge" DOUBLE PRECISION,
    "seeratio" DOUBLE PRECISION,
    "aimage" DOUBLE PRECISION,
    "bimage" DOUBLE PRECISION,
    "aimagerat" DOUBLE PRECISION,
    "bimagerat" DOUBLE PRECISION,
    "nneg" INTEGER,
    "nbad" INTEGER,
    "sumrat" DOUBLE PRECISION,
    "scorr" DOUBLE PRECISION,
    "dsnrms" DOUBLE PRECISION,
    "ssnrms" DOUBLE PRECISION,
    "magzpsci" DOUBLE PRECISION,
    "magzpsciunc" DOUBLE PRECISION,
    "magzpscirms" DOUBLE PRECISION,
    "nmatches" INTEGER,
    "clrcoeff" DOUBLE PRECISION,
    "clrcounc" DOUBLE PRECISION,
    "zpclrcov" DOUBLE PRECISION,
    "zpmed" DOUBLE PRECISION,
    "clrmed" DOUBLE PRECISION,
    "clrrms" DOUBLE PRECISION,
    "exptime" DOUBLE PRECISION,

    CONSTRAINT "dataquality_pkey" PRIMARY KEY ("candid")
);

-- CreateTable
CREATE TABLE "alert_schema" (
    "fingerprint" TEXT NOT NULL,
    "record_name" TEXT NOT NULL,
    "schema_json" TEXT NOT NULL,
    "first_seen" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_schema_pkey" PRIMARY KEY ("fingerprint")
);

-- CreateTable
CREATE TABLE "alert_packet" (
    "candid" BIGINT NOT NULL,
    "oid" TEXT NOT NULL,
    "mjd" DOUBLE PRECISION NOT NULL,
    "schemavsn" TEXT,
    "schema_fingerprint" TEXT NOT NULL,
    "avro" BYTEA NOT NULL,
    "cutouts_stripped" BOOLEAN NOT NULL,
    "source" TEXT NOT NULL,
    "ingested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_packet_pkey" PRIMARY KEY ("candid")
);

-- CreateTable
CREATE TABLE "cutout" (
    "candid" BIGINT NOT NULL,
    "kind" "CutoutKind" NOT NULL,
    "file_name" TEXT NOT NULL,
    "stamp_data" BYTEA NOT NULL,

    CONSTRAINT "cutout_pkey" PRIMARY KEY ("candid","kind")
);

-- CreateTable
CREATE TABLE "ingested_file" (
    "sha256" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "alerts_read" INTEGER NOT NULL,
    "alerts_ingested" INTEGER NOT NULL,
    "alerts_duplicate" INTEGER NOT NULL,
    "alerts_rejected" INTEGER NOT NULL,
    "ingested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ingested_file_pkey" PRIMARY KEY ("sha256")
);

-- CreateTable
CREATE TABLE "rejected_alert" (
    "id" SERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "record" INTEGER,
    "reason" TEXT NOT NULL,
    "bytes" BYTEA,
    "rejected_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rejected_alert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "object_ndet_idx" ON "object"("ndet");

-- CreateIndex
CREATE INDEX "object_firstmjd_idx" ON "object"("firstmjd");

-- CreateIndex
CREATE INDEX "object_lastmjd_idx" ON "object"("lastmjd");

-- CreateIndex
CREATE INDEX "object_meandec_meanra_idx" ON "object"("meandec", "meanra");

-- CreateIndex
CREATE INDEX "detection_oid_mjd_idx" ON "detection"("oid", "mjd");

-- CreateIndex
CREATE INDEX "forced_photometry_oid_mjd_idx" ON "forced_photometry"("oid", "mjd");

-- CreateIndex
CREATE INDEX "probability_classifier_name_class_name_ranking_probability_idx" ON "probability"("classifier_name", "class_name", "ranking", "probability");

-- CreateIndex
CREATE INDEX "probability_oid_idx" ON "probability"("oid");

-- CreateIndex
CREATE INDEX "dataquality_oid_idx" ON "dataquality"("oid");

-- CreateIndex
CREATE INDEX "alert_packet_oid_mjd_idx" ON "alert_packet"("oid", "mjd");

-- CreateIndex
CREATE INDEX "rejected_alert_source_idx" ON "rejected_alert"("source");

-- AddForeignKey
ALTER TABLE "detection" ADD CONSTRAINT "detection_oid_fkey" FOREIGN KEY ("oid") REFERENCES "object"("oid") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "non_detection" ADD CONSTRAINT "non_detection_oid_fkey" FOREIGN KEY ("oid") REFERENCES "object"("oid") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "forced_photometry" ADD CONSTRAINT "forced_photometry_oid_fkey" FOREIGN KEY ("oid") REFERENCES "object"("oid") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "magstat" ADD CONSTRAINT "magstat_oid_fkey" FOREIGN KEY ("oid") REFERENCES "object"("oid") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "probability" ADD CONSTRAINT "probability_oid_fkey" FOREIGN KEY ("oid") REFERENCES "object"("oid") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feature" ADD CONSTRAINT "feature_oid_fkey" FOREIGN KEY ("oid") REFERENCES "object"("oid") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "xmatch" ADD CONSTRAINT "xmatch_oid_fkey" FOREIGN KEY ("oid") REFERENCES "object"("oid") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ps1_ztf" ADD CONSTRAINT "ps1_ztf_oid_fkey" FOREIGN KEY ("oid") REFERENCES "object"("oid") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ss_ztf" ADD CONSTRAINT "ss_ztf_oid_fkey" FOREIGN KEY ("oid") REFERENCES "object"("oid") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gaia_ztf" ADD CONSTRAINT "gaia_ztf_oid_fkey" FOREIGN KEY ("oid") REFERENCES "object"("oid") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reference" ADD CONSTRAINT "reference_oid_fkey" FOREIGN KEY ("oid") REFERENCES "object"("oid") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataquality" ADD CONSTRAINT "dataquality_oid_fkey" FOREIGN KEY ("oid") REFERENCES "object"("oid") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_packet" ADD CONSTRAINT "alert_packet_oid_fkey" FOREIGN KEY ("oid") REFERENCES "object"("oid") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_packet" ADD CONSTRAINT "alert_packet_schema_fingerprint_fkey" FOREIGN KEY ("schema_fingerprint") REFERENCES "alert_schema"("fingerprint") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cutout" ADD CONSTRAINT "cutout_candid_fkey" FOREIGN KEY ("candid") REFERENCES "alert_packet"("candid") ON DELETE CASCADE ON UPDATE CASCADE;
