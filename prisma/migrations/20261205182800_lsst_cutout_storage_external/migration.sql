-- FITS cutouts are kept as received: stored out of line without compression (see docs/ingest.md)
ALTER TABLE "lsst_cutout" ALTER COLUMN "fits" SET STORAGE EXTERNAL;
