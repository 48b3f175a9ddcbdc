import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALERT_FIXTURES_DIR } from "../../tests/support/alert-fixtures";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { readAlertSource } from "../ingest/alert-sources";
import { ingestAlertFiles } from "../ingest/ingest-alerts";
import { createPipeline } from "../pipeline/pipeline";
import { createLogger } from "../server/logger";

const LSST_FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/lsst");
const BOOM = path.join(LSST_FIXTURES, "real/boom_7912941781254298.avro");
const ALERCE = path.join(LSST_FIXTURES, "real/alerce_sample_v9.avro");
const ZTF_SAMPLES = path.join(ALERT_FIXTURES_DIR, "samples");
const pipeline = () => createPipeline({ config: { xmatchRadiusArcsec: 2 }, log: createLogger("test") });

const LSST_TABLES = [
  "survey_object",
  "lsst_alert",
  "lsst_dia_source",
  "lsst_forced_source",
  "lsst_ss_source",
  "lsst_cutout",
  "lsst_flux_stat",
  "survey_link",
];
const ZTF_TABLES = [
  "object",
  "detection",
  "non_detection",
  "forced_photometry",
  "magstat",
  "alert_packet",
  "cutout",
  "ps1_ztf",
  "dataquality",
];

/** Every row of the tables, as text, without write times (a replay may not change anything else). */
async function snapshot(db: TestDatabase, tables: readonly string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of tables) {
    const { rows } = await db.pool.query<{ row: Record<string, unknown> }>(`SELECT to_jsonb(t) AS row FROM ${table} t`);
    out[table] = rows
      .map(({ row }) => {
        for (const key of ["last_ingested_at", "ingested_at", "received_at", "linked_at", "created_at", "updated_at"]) delete row[key];
        return JSON.stringify(row);
      })
      .sort();
  }
  return out;
}

async function* files(...paths: string[]) {
  for (const p of paths) yield* readAlertSource(p);
}

describe("LSST ingestion", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("ingests both real alerts and every synthetic sample; a replay changes nothing", async () => {
    const summary = await ingestAlertFiles(db.pool, readAlertSource(LSST_FIXTURES), { pipeline: pipeline() });
    expect(summary.rejected).toEqual([]);
    // All 25 synthetic samples are one made-up alert (diaSourceId 281323062375219200): stored once.
    expect(summary.alertsRead).toBe(2 + 14 + 10);
    expect(summary.ingested).toBe(3);
    expect(summary.duplicates).toBe(23);

    const objects = await db.pool.query<{ oid: string; ndet: number; firstmjd: number }>(
      "SELECT oid, ndet, firstmjd FROM survey_object WHERE survey = 'lsst' ORDER BY oid",
    );
    expect(objects.rows.map((r) => r.oid)).toEqual(["169298433221853273", "281323062375219201", "7912941781254298"]);
    const boom = await db.pool.query(
      "SELECT dia_source_id::text AS id, band, mjd, psf_flux_njy, is_negative, parent_alert_id FROM lsst_dia_source WHERE oid = '7912941781254298'",
    );
    expect(boom.rows).toEqual([
      {
        id: "7912941781254298",
        band: "r",
        mjd: 60961.23309222222,
        psf_flux_njy: -1230.2757568359375,
        is_negative: true,
        parent_alert_id: null,
      },
    ]);
    // Stored gzipped (lsst-cutout-storage.ts): gunzip gives back a FITS file, about twice the stored size.
    const cutouts = await db.pool.query<{ kind: string; fits: Buffer }>(
      "SELECT kind, fits FROM lsst_cutout WHERE dia_source_id = 169298433221853273 ORDER BY kind",
    );
    expect(cutouts.rows.map((r) => r.kind)).toEqual(["difference", "science", "template"]);
    for (const { fits } of cutouts.rows) {
      expect(fits.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
      const fitsFile = zlib.gunzipSync(fits);
      expect(fitsFile.subarray(0, 6).toString("latin1")).toBe("SIMPLE");
      expect(fitsFile.length % 2880).toBe(0);
      expect(fits.length).toBeLessThan(fitsFile.length * 0.7);
    }
    const synthetic = await db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM lsst_dia_source WHERE oid = '281323062375219201'");
    expect(synthetic.rows[0]!.n).toBe(3); // the diaSource and its two prvDiaSources
    const stats = await db.pool.query("SELECT band, ndet, flux_mean_njy, nneg FROM lsst_flux_stat WHERE oid = '7912941781254298'");
    expect(stats.rows).toEqual([{ band: "r", ndet: 1, flux_mean_njy: -1230.2757568359375, nneg: 1 }]);

    const before = await snapshot(db, LSST_TABLES);
    const again = await ingestAlertFiles(db.pool, readAlertSource(LSST_FIXTURES), { pipeline: pipeline() });
    expect(again.ingested).toBe(0);
    expect(await snapshot(db, LSST_TABLES)).toEqual(before);
  });

  it("quarantines a message whose schema id is not bundled, with the id in the reason", async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "cielo-lsst-"));
    const bytes = Buffer.from(fs.readFileSync(BOOM));
    bytes.writeUInt32BE(1299, 1);
    fs.writeFileSync(path.join(folder, "future.avro"), bytes);
    const summary = await ingestAlertFiles(db.pool, readAlertSource(folder), { pipeline: pipeline() });
    expect(summary.ingested).toBe(0);
    const { rows } = await db.pool.query<{ code: string; reason: string; record: number }>(
      "SELECT code, reason, record FROM quarantine WHERE source LIKE $1",
      [`${folder}%`],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.code).toBe("unknown_schema_id");
    expect(rows[0]!.record).toBe(-1);
    expect(rows[0]!.reason).toMatch(/schema id 1299 \(LSST schema 12\.99\)/);
    fs.rmSync(folder, { recursive: true });
  });
});

describe("ZTF and LSST in one database", () => {
  it("a mixed replay leaves the ZTF results as a ZTF-only replay makes them, and links sources within 1.5″", async () => {
    const ztfOnly = await createTestDatabase();
    const mixed = await createTestDatabase();
    try {
      await ingestAlertFiles(ztfOnly.pool, readAlertSource(ZTF_SAMPLES), { pipeline: pipeline() });
      const mixedSummary = await ingestAlertFiles(mixed.pool, files(BOOM, ZTF_SAMPLES, ALERCE), { pipeline: pipeline(), batchSize: 7 });
      expect(mixedSummary.rejected).toEqual([]);
      expect(await snapshot(mixed, ZTF_TABLES)).toEqual(await snapshot(ztfOnly, ZTF_TABLES));

      // A ZTF object 1.0″ north of the BOOM source and one 2.0″ south: only the first is linked,
      // whichever survey's alert comes second (here the ZTF object's row is already there).
      const { rows } = await mixed.pool.query<{ meanra: number; meandec: number }>(
        "SELECT meanra, meandec FROM survey_object WHERE oid = '7912941781254298'",
      );
      const { meanra, meandec } = rows[0]!;
      const insertZtf = (oid: string, decDeg: number) =>
        mixed.pool.query(
          `INSERT INTO object (oid, ndet, meanra, meandec, deltajd, firstmjd, lastmjd, step_id_corr) VALUES ($1, 1, $2, $3, 0, 60961, 60961, 'test')`,
          [oid, meanra, decDeg],
        );
      await insertZtf("ZTF25aaaanear", meandec + 1 / 3600);
      await insertZtf("ZTF25aaaaafar", meandec - 2 / 3600);
      const bytes = Buffer.from(fs.readFileSync(BOOM));
      // The same alert again is a duplicate (no step runs): link through a fresh alert of the same object.
      const relinked = await ingestAlertFiles(
        mixed.pool,
        (async function* () {
          yield { name: "boom-again.avro", bytes };
        })(),
        { pipeline: pipeline() },
      );
      expect(relinked.ingested).toBe(0);
      await mixed.pool.query("DELETE FROM lsst_alert WHERE oid = '7912941781254298'");
      await ingestAlertFiles(
        mixed.pool,
        (async function* () {
          yield { name: "boom-again.avro", bytes };
        })(),
        { pipeline: pipeline() },
      );
      const links = await mixed.pool.query<{ lsst_oid: string; ztf_oid: string; dist_arcsec: number }>(
        "SELECT lsst_oid, ztf_oid, dist_arcsec FROM survey_link",
      );
      expect(links.rows.map((l) => [l.lsst_oid, l.ztf_oid])).toEqual([["7912941781254298", "ZTF25aaaanear"]]);
      expect(links.rows[0]!.dist_arcsec).toBeCloseTo(1.0, 3);
    } finally {
      await ztfOnly.drop();
      await mixed.drop();
    }
  });
});
