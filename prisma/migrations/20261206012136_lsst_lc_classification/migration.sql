-- CreateTable
CREATE TABLE "lsst_feature" (
    "oid" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "fid" INTEGER NOT NULL,
    "value" DOUBLE PRECISION,
    "version" TEXT NOT NULL,

    CONSTRAINT "lsst_feature_pkey" PRIMARY KEY ("oid","name","fid","version")
);

-- CreateTable
CREATE TABLE "lsst_probability" (
    "oid" TEXT NOT NULL,
    "classifier_name" TEXT NOT NULL,
    "classifier_version" TEXT NOT NULL,
    "class_name" TEXT NOT NULL,
    "probability" DOUBLE PRECISION NOT NULL,
    "ranking" INTEGER NOT NULL,
    "trained_on_survey" TEXT NOT NULL,

    CONSTRAINT "lsst_probability_pkey" PRIMARY KEY ("oid","classifier_name","classifier_version","class_name")
);

-- CreateTable
CREATE TABLE "lsst_lc_classification" (
    "oid" TEXT NOT NULL,
    "classifier_version" TEXT NOT NULL,
    "last_mjd" DOUBLE PRECISION NOT NULL,
    "n_det" INTEGER NOT NULL,
    "trained_on_survey" TEXT NOT NULL,
    "classified_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lsst_lc_classification_pkey" PRIMARY KEY ("oid","classifier_version")
);
