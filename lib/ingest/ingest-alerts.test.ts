import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createGzip } from "node:zlib";
import { pipeline } from "node:stream/promises";
import tar from "tar-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { ALERT_FIXTURES_DIR, loadAlertFixtures } from "../../tests/support/alert-fixtures";
import { readAvroContainer } from "../avro/read-avro-container";
import { writeAvroContainer } from "../avro/write-avro-container";
import { readAlertSource } from "./alert-sources";
import { withTransaction } from "../db/sql";
import { updateObjectStatistics } from "../pipeline/steps/update-object-statistics";
import { ingestAlertFiles } from "./ingest-alerts";

const TABLES = [
  "object",
  "detection",
  "non_detection",
  "forced_photometry",
  "dataquality",
  "reference",
  "ps1_ztf",
  "ss_ztf",
  "gaia_ztf",
  "alert_schema",
  "alert_packet",
  "cutout",
  "magstat",
] as const;

/** Everything the pipeline derives, without the write timestamps: equal after a replay. */
async function derivedContent(db: TestDatabase): Promise<string> {
  const objects = await db.pool.query("select * from object order by oid");
  const magstats = await db.pool.query("select * from magstat order by oid, fid");
  const detections = await db.pool.query(
    "select candid::text, magpsf_corr, sigmapsf_corr, corrected, dubious from detection order by candid",
  );
  const strip = (rows: Record<string, unknown>[]) => rows.map(({ created_at: _c, updated_at: _u, last_ingested_at: _l, ...rest }) => rest);
  return JSON.stringify([strip(objects.rows), magstats.rows, detections.rows]);
}

async function rowCounts(db: TestDatabase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const { rows } = await db.pool.query<{ n: number }>(`select count(*)::int as n from "${table}"`);
    counts[table] = rows[0]!.n;
  }
  return counts;
}

const SAMPLE = [path.join(ALERT_FIXTURES_DIR, "night-2018-11-29"), path.join(ALERT_FIXTURES_DIR, "samples")];

async function ingestSample(db: TestDatabase) {
  const summaries = [];
  for (const dir of SAMPLE) summaries.push(await ingestAlertFiles(db.pool, readAlertSource(dir)));
  return summaries;
}

describe("ingesting the bundled sample", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it("stores every alert once and gives the same rows when ingested twice", async () => {
    const fixtures = loadAlertFixtures().filter((f) => !f.fixturePath.startsWith("malformed/"));
    const distinctCandids = new Set(fixtures.map((f) => f.candid));

    const first = await ingestSample(db);
    const read = first.reduce((n, s) => n + s.alertsRead, 0);
    const ingested = first.reduce((n, s) => n + s.ingested, 0);
    expect(read).toBe(fixtures.length);
    expect(ingested).toBe(distinctCandids.size);
    expect(first.flatMap((s) => s.rejected)).toEqual([]);
    const afterFirst = await rowCounts(db);
    const contentAfterFirst = await derivedContent(db);
    expect(afterFirst.alert_packet).toBe(distinctCandids.size);
    expect(afterFirst.object).toBe(new Set(fixtures.map((f) => f.objectId)).size);

    const second = await ingestSample(db);
    expect(second.reduce((n, s) => n + s.ingested, 0)).toBe(0);
    expect(second.reduce((n, s) => n + s.duplicates, 0)).toBe(read);
    expect(await rowCounts(db)).toEqual(afterFirst);
    expect(await derivedContent(db)).toBe(contentAfterFirst);
  });

  it("gives objects created by a batch (statistics from the batch's rows) the statistics recomputed from the stored rows", async () => {
    const before = await derivedContent(db);
    const { rows } = await db.pool.query<{ oid: string }>("select oid from object order by oid");
    const client = await db.pool.connect();
    try {
      // No CreatedObjects: every object is read back from the database.
      await withTransaction(client, () =>
        updateObjectStatistics(
          client,
          rows.map((r) => r.oid),
        ),
      );
    } finally {
      client.release();
    }
    expect(rows.length).toBeGreaterThan(350);
    expect(await derivedContent(db)).toBe(before);
  });

  it("keeps ps1_ztf.unique1..3 true exactly while an object's nearest PS1 ids stayed the same over its alerts", async () => {
    const { rows } = await db.pool.query<{ rows: number; wrong: number; changed: number }>(`
      select count(*)::int as rows,
        count(*) filter (where (p.unique1, p.unique2, p.unique3) is distinct from (u.n1 <= 1, u.n2 <= 1, u.n3 <= 1))::int as wrong,
        count(*) filter (where not (p.unique1 and p.unique2 and p.unique3))::int as changed
      from ps1_ztf p join (
        select oid, count(distinct objectidps1) as n1, count(distinct objectidps2) as n2, count(distinct objectidps3) as n3
        from ps1_ztf group by oid) u using (oid)`);
    expect(rows[0]!.rows).toBeGreaterThan(350);
    expect(rows[0]!.changed).toBeGreaterThan(0); // the sample has objects whose neighbours changed
    expect(rows[0]!.wrong).toBe(0);
  });

  it("stores corrected magnitudes and per-band magstats consistent with the detections", async () => {
    const { rows: corrected } = await db.pool.query<{ n: number; with_mag: number }>(
      "select count(*)::int as n, count(magpsf_corr)::int as with_mag from detection where corrected",
    );
    expect(corrected[0]!.n).toBeGreaterThan(50);
    expect(corrected[0]!.with_mag).toBeGreaterThan(0.5 * corrected[0]!.n);
    expect((await db.pool.query("select 1 from detection where not corrected and magpsf_corr is not null")).rowCount).toBe(0);
    const { rows } = await db.pool.query<{
      oid: string;
      fid: number;
      ndet: number;
      n: number;
      magmin: number;
      min: number;
      firstmjd: number;
      first: number;
    }>(`
      select m.oid, m.fid, m.ndet, count(d.candid)::int as n, m.magmin, min(d.magpsf) as min, m.firstmjd, min(d.mjd) as first
      from magstat m join detection d on d.oid = m.oid and d.fid = m.fid group by m.oid, m.fid`);
    expect(rows.length).toBeGreaterThan(350);
    for (const r of rows) {
      expect(r.ndet, `${r.oid} fid ${r.fid}`).toBe(r.n);
      expect(r.magmin).toBe(r.min);
      expect(r.firstmjd).toBe(r.first);
    }
  });

  it("gives each object ndet = its distinct detections and first/last mjd from them", async () => {
    const { rows } = await db.pool.query<{
      oid: string;
      ndet: number;
      n: number;
      firstmjd: number;
      lastmjd: number;
      min: number;
      max: number;
    }>(`
      select o.oid, o.ndet, count(distinct d.candid)::int as n, o.firstmjd, o.lastmjd, min(d.mjd) as min, max(d.mjd) as max
      from object o join detection d using (oid) group by o.oid`);
    expect(rows.length).toBeGreaterThan(350);
    for (const r of rows) {
      expect(r.ndet, r.oid).toBe(r.n);
      expect(r.firstmjd).toBe(r.min);
      expect(r.lastmjd).toBe(r.max);
    }
  });

  it("keeps each alert's own candidate over its copy in a later alert's prv_candidates", async () => {
    const { rows } = await db.pool.query<{ n: number }>(`
      select count(*)::int as n from detection d join alert_packet p on p.candid = d.candid
      where d.parent_candid is not null or not d.has_stamp and exists (select 1 from cutout c where c.candid = d.candid)`);
    expect(rows[0]!.n).toBe(0);
  });

  it("keeps the three cutouts byte for byte", async () => {
    const fixture = loadAlertFixtures().find((f) => f.fixturePath.startsWith("night-2018-11-29/"))!;
    const { rows } = await db.pool.query<{ kind: string; bytes: number; magic: string }>(
      "select kind::text, length(stamp_data) as bytes, encode(substring(stamp_data from 1 for 2), 'hex') as magic from cutout where candid = $1 order by cutout.kind",
      [fixture.candid],
    );
    expect(rows.map((r) => r.kind)).toEqual(["science", "template", "difference"]);
    expect(rows.map((r) => r.bytes)).toEqual(fixture.cutoutBytes);
    expect(rows.every((r) => r.magic === "1f8b")).toBe(true);
  });
});

describe("bad input", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it("reports truncated files clearly, keeps their bytes, and still ingests the good files beside them", async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "cielo-bad-input-"));
    const malformed = fs.readdirSync(path.join(ALERT_FIXTURES_DIR, "malformed"));
    for (const name of malformed) fs.copyFileSync(path.join(ALERT_FIXTURES_DIR, "malformed", name), path.join(folder, `bad-${name}`));
    const good = loadAlertFixtures().filter((f) => f.fixturePath.startsWith("samples/ampel_ZTF18abxhyqv"));
    for (const f of good) fs.copyFileSync(f.absolutePath, path.join(folder, path.basename(f.absolutePath)));
    fs.writeFileSync(path.join(folder, "garbage.avro"), "this is not avro");

    const summary = await ingestAlertFiles(db.pool, readAlertSource(folder));
    expect(summary.ingested).toBe(good.length);
    expect(summary.rejected).toHaveLength(malformed.length + 1);
    for (const r of summary.rejected.filter((x) => path.basename(x.source).startsWith("bad-"))) expect(r.reason).toMatch(/truncated/i);
    expect(summary.rejected.find((r) => r.source.endsWith("garbage.avro"))?.reason).toMatch(/not an Avro/i);

    const { rows } = await db.pool.query<{ n: number; with_bytes: number; truncated: number }>(
      "select count(*)::int as n, count(bytes)::int as with_bytes, count(*) filter (where code = 'truncated')::int as truncated from quarantine",
    );
    expect(rows[0]).toEqual({ n: malformed.length + 1, with_bytes: malformed.length + 1, truncated: malformed.length });

    // Replaying the same bad files quarantines nothing twice.
    await ingestAlertFiles(db.pool, readAlertSource(folder));
    const again = await db.pool.query<{ n: number }>("select count(*)::int as n from quarantine");
    expect(again.rows[0]!.n).toBe(malformed.length + 1);
    fs.rmSync(folder, { recursive: true });
  });

  it("quarantines alerts with NaN/null required fields or of an unknown schema, and ingests the rest of the file", async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "cielo-bad-records-"));
    const template = loadAlertFixtures().find((f) => f.fixturePath.startsWith("night-2018-11-29/"))!;
    const container = readAvroContainer(fs.readFileSync(template.absolutePath));
    const record = container.records[0] as { candid: bigint; candidate: Record<string, unknown> };
    const variant = (candid: bigint, candidate: Record<string, unknown>) => ({
      ...record,
      candid,
      candidate: { ...record.candidate, ...candidate, candid },
    });
    // One file, four records: good, NaN magnitude, missing (-999) position, good.
    const records = [
      variant(record.candid, {}),
      variant(record.candid + 1n, { magpsf: Number.NaN }),
      variant(record.candid + 2n, { ra: -999 }), // ZTF's "no value" sentinel in a required field
      variant(record.candid + 3n, {}),
    ];
    fs.writeFileSync(path.join(folder, "mixed.avro"), writeAvroContainer(container.schemaJson, records));
    const lsstLike = JSON.stringify({ type: "record", name: "alert", namespace: "lsst.v7_0", fields: [{ name: "alertId", type: "long" }] });
    fs.writeFileSync(path.join(folder, "unknown-schema.avro"), writeAvroContainer(lsstLike, [{ alertId: 1n }]));

    const summary = await ingestAlertFiles(db.pool, readAlertSource(folder));
    expect(summary.ingested).toBe(2);
    const { rows } = await db.pool.query<{ source: string; record: number; code: string; reason: string }>(
      "select source, record, code, reason from quarantine where source like $1 order by source, record",
      [`${folder}%`],
    );
    expect(rows.map((r) => [path.basename(r.source), r.record, r.code])).toEqual([
      ["mixed.avro", 1, "invalid_alert"],
      ["mixed.avro", 2, "invalid_alert"],
      ["unknown-schema.avro", 0, "invalid_alert"],
    ]);
    expect(rows[0]!.reason).toMatch(/magpsf/);
    expect(rows[1]!.reason).toMatch(/ra/);
    // Its writer schema is named lsst.v7_0.alert: read as an LSST alert, which it is not either.
    expect(rows[2]!.reason).toMatch(/LSST alert \(schema 7\.0\) field diaSource/);
    fs.rmSync(folder, { recursive: true });
  });

  it("reports a missing path", async () => {
    await expect(ingestAlertFiles(db.pool, readAlertSource("/nonexistent/alerts"))).rejects.toThrow(/no such file or folder/);
  });
});

describe("sources and arrival order", () => {
  const objectFixtures = () => loadAlertFixtures().filter((f) => f.fixturePath.startsWith("samples/ampel_ZTF18abxhyqv"));

  async function snapshot(db: TestDatabase) {
    const detections = await db.pool.query(
      "select candid::text, parent_candid::text, has_stamp, magpsf, mjd from detection order by candid",
    );
    const objects = await db.pool.query(
      "select oid, ndet, firstmjd, lastmjd, meanra, meandec, sigmara, sigmadec, ndethist, ncovhist from object order by oid",
    );
    const limits = await db.pool.query("select oid, fid, mjd, diffmaglim from non_detection order by oid, fid, mjd");
    return { detections: detections.rows, objects: objects.rows, limits: limits.rows };
  }

  it("ends in the same rows whatever the order the alerts of an object arrive in", async () => {
    const forward = await createTestDatabase();
    const backward = await createTestDatabase();
    try {
      const files = objectFixtures()
        .map((f) => f.absolutePath)
        .sort();
      expect(files.length).toBeGreaterThanOrEqual(3);
      async function* from(list: string[]) {
        for (const file of list) yield { name: path.basename(file), bytes: fs.readFileSync(file) };
      }
      // One alert per batch, so a later alert really meets the rows of an earlier one.
      await ingestAlertFiles(forward.pool, from(files), { batchSize: 1 });
      await ingestAlertFiles(backward.pool, from([...files].reverse()), { batchSize: 1 });
      const a = await snapshot(forward);
      expect(a.objects).toHaveLength(1);
      expect(a.objects[0].ndet).toBe(a.detections.length);
      expect(await snapshot(backward)).toEqual(a);
    } finally {
      await forward.drop();
      await backward.drop();
    }
  });

  it("reads a nightly-archive style .tar.gz like the folder it came from", async () => {
    const db = await createTestDatabase();
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "cielo-tar-"));
    try {
      const files = objectFixtures();
      const archive = path.join(folder, "ztf_public_20181105.tar.gz");
      const pack = tar.pack();
      for (const f of files) pack.entry({ name: `ztf_public_20181105/${path.basename(f.absolutePath)}` }, fs.readFileSync(f.absolutePath));
      pack.finalize();
      await pipeline(pack, createGzip(), fs.createWriteStream(archive));

      const summary = await ingestAlertFiles(db.pool, readAlertSource(archive));
      expect(summary.files).toBe(files.length);
      expect(summary.ingested).toBe(files.length);
      expect(summary.rejected).toEqual([]);
      const { rows } = await db.pool.query<{ source: string }>("select source from alert_packet order by source limit 1");
      expect(rows[0]!.source).toMatch(/^ztf_public_20181105\.tar\.gz:ztf_public_20181105\/.+\.avro$/);
    } finally {
      fs.rmSync(folder, { recursive: true });
      await db.drop();
    }
  });
});
