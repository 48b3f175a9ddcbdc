-- DropForeignKey
ALTER TABLE "alert_packet" DROP CONSTRAINT "alert_packet_oid_fkey";

-- DropForeignKey
ALTER TABLE "cutout" DROP CONSTRAINT "cutout_candid_fkey";

-- DropForeignKey
ALTER TABLE "dataquality" DROP CONSTRAINT "dataquality_oid_fkey";

-- DropForeignKey
ALTER TABLE "detection" DROP CONSTRAINT "detection_oid_fkey";

-- DropForeignKey
ALTER TABLE "forced_photometry" DROP CONSTRAINT "forced_photometry_oid_fkey";

-- DropForeignKey
ALTER TABLE "gaia_ztf" DROP CONSTRAINT "gaia_ztf_oid_fkey";

-- DropForeignKey
ALTER TABLE "magstat" DROP CONSTRAINT "magstat_oid_fkey";

-- DropForeignKey
ALTER TABLE "non_detection" DROP CONSTRAINT "non_detection_oid_fkey";

-- DropForeignKey
ALTER TABLE "probability" DROP CONSTRAINT "probability_oid_fkey";

-- DropForeignKey
ALTER TABLE "ps1_ztf" DROP CONSTRAINT "ps1_ztf_oid_fkey";

-- DropForeignKey
ALTER TABLE "reference" DROP CONSTRAINT "reference_oid_fkey";

-- DropForeignKey
ALTER TABLE "ss_ztf" DROP CONSTRAINT "ss_ztf_oid_fkey";

-- What the dropped foreign keys did besides checking inserts (ON DELETE CASCADE, ON UPDATE CASCADE),
-- kept by triggers that cost nothing on insert: deleting objects deletes their rows in these tables
-- (and a packet's cutouts), and an object's oid or a packet's candid cannot change (nothing changes
-- them). The per-row insert check is what was dropped (ADR 0050): the ingest upserts, and so locks,
-- each object in the batch's transaction before writing its rows.
CREATE FUNCTION "object_delete_ingest_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "alert_packet" WHERE "oid" IN (SELECT "oid" FROM gone);
  DELETE FROM "detection" WHERE "oid" IN (SELECT "oid" FROM gone);
  DELETE FROM "non_detection" WHERE "oid" IN (SELECT "oid" FROM gone);
  DELETE FROM "forced_photometry" WHERE "oid" IN (SELECT "oid" FROM gone);
  DELETE FROM "magstat" WHERE "oid" IN (SELECT "oid" FROM gone);
  DELETE FROM "probability" WHERE "oid" IN (SELECT "oid" FROM gone);
  DELETE FROM "ps1_ztf" WHERE "oid" IN (SELECT "oid" FROM gone);
  DELETE FROM "ss_ztf" WHERE "oid" IN (SELECT "oid" FROM gone);
  DELETE FROM "gaia_ztf" WHERE "oid" IN (SELECT "oid" FROM gone);
  DELETE FROM "reference" WHERE "oid" IN (SELECT "oid" FROM gone);
  DELETE FROM "dataquality" WHERE "oid" IN (SELECT "oid" FROM gone);
  RETURN NULL;
END $$;
CREATE TRIGGER "object_delete_ingest_rows" AFTER DELETE ON "object"
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION "object_delete_ingest_rows"();

CREATE FUNCTION "alert_packet_delete_cutouts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "cutout" WHERE "candid" IN (SELECT "candid" FROM gone);
  RETURN NULL;
END $$;
CREATE TRIGGER "alert_packet_delete_cutouts" AFTER DELETE ON "alert_packet"
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION "alert_packet_delete_cutouts"();

CREATE FUNCTION "refuse_key_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%.% cannot change: the ingest tables refer to it', TG_TABLE_NAME, TG_ARGV[0]
    USING ERRCODE = 'foreign_key_violation';
END $$;
CREATE TRIGGER "object_oid_fixed" BEFORE UPDATE OF "oid" ON "object"
  FOR EACH ROW WHEN (OLD."oid" IS DISTINCT FROM NEW."oid") EXECUTE FUNCTION "refuse_key_change"('oid');
CREATE TRIGGER "alert_packet_candid_fixed" BEFORE UPDATE OF "candid" ON "alert_packet"
  FOR EACH ROW WHEN (OLD."candid" IS DISTINCT FROM NEW."candid") EXECUTE FUNCTION "refuse_key_change"('candid');
