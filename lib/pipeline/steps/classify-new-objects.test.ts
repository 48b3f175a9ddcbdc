import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-database";
import { ALERT_FIXTURES_DIR } from "../../../tests/support/alert-fixtures";
import { readAlertFile } from "../../alerts/read-alert-file";
import { stampModelDir } from "../../classifiers/stamp/model-manifest";
import { loadStampClassifier, type StampClassifier } from "../../classifiers/stamp/stamp-classifier";
import { writeUntrainedStampModel } from "../../../training/stamp/write-untrained-stamp-model";
import { STAMP_CLASSES } from "../../classifiers/stamp/stamp-classes";
import { stampTensor } from "../../stamps/preprocess-stamps";
import { alertRows, type AlertRows } from "../../ingest/alert-rows";
import { readAlertSource } from "../../ingest/alert-sources";
import { classifyNewObjects, earliestAlertPerObject, stampInputOf } from "./classify-new-objects";
import { ingestAlertFiles } from "../../ingest/ingest-alerts";
import { persistAlertBatch } from "../../ingest/persist-alert-batch";
import { createPipeline } from "../pipeline";

const NIGHT = path.join(ALERT_FIXTURES_DIR, "night-2018-11-29");
/** The night's one object with two alerts. */
const TWO_ALERTS = { oid: "ZTF18acsbtem", first: "697252386115015001.avro", second: "697252840615015006.avro" };

function rowsOf(file: string): AlertRows[] {
  const { alerts } = readAlertFile(fs.readFileSync(path.join(NIGHT, file)), file);
  return alerts.map((a) => alertRows(a, file));
}

interface ProbabilityRow {
  oid: string;
  classifier_version: string;
  class_name: string;
  probability: number;
  ranking: number;
}
async function probabilities(db: TestDatabase): Promise<ProbabilityRow[]> {
  const { rows } = await db.pool.query<ProbabilityRow>(
    "SELECT oid, classifier_version, class_name, probability, ranking FROM probability WHERE classifier_name = 'stamp_classifier' ORDER BY oid, ranking",
  );
  return rows;
}

let tmp: string;
let classifier: StampClassifier;
/** A second model with another version string, to show that any stamp_classifier version counts. */
let otherVersion: StampClassifier;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cielo-classify-new-objects-"));
  let dir = stampModelDir();
  if (!fs.existsSync(path.join(dir, "model.onnx"))) {
    dir = path.join(tmp, "model");
    await writeUntrainedStampModel(dir);
  }
  classifier = await loadStampClassifier(dir);
  const other = path.join(tmp, "other");
  await writeUntrainedStampModel(other, 2);
  const manifest = JSON.parse(fs.readFileSync(path.join(other, "model.json"), "utf8")) as { classifierVersion: string };
  manifest.classifierVersion = "stamp_classifier_other";
  fs.writeFileSync(path.join(other, "model.json"), JSON.stringify(manifest));
  otherVersion = await loadStampClassifier(other);
});
afterAll(async () => {
  await classifier?.close();
  await otherVersion?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("earliestAlertPerObject", () => {
  it("keeps one alert per object, the earliest by mjd whatever the order", () => {
    const first = rowsOf(TWO_ALERTS.first)[0]!;
    const second = rowsOf(TWO_ALERTS.second)[0]!;
    expect(first.detections[0]!.mjd).toBeLessThan(second.detections[0]!.mjd);
    const other = rowsOf(fs.readdirSync(NIGHT).sort()[0]!)[0]!;
    for (const order of [
      [second, other, first],
      [first, second, other],
    ]) {
      const picked = earliestAlertPerObject(order);
      expect(picked).toHaveLength(2);
      expect(picked.find((r) => r.oid === TWO_ALERTS.oid)!.candid).toBe(first.candid);
    }
  });
});

describe("ingesting the night with the stamp classifier", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it("classifies every new object once, from its first alert, and replays add nothing", async () => {
    const summary = await ingestAlertFiles(db.pool, readAlertSource(NIGHT), {
      pipeline: createPipeline({ models: { stamp: classifier } }),
      batchSize: 50,
    });
    expect(summary.ingested).toBeGreaterThan(300);
    expect(summary.steps["stamp-classifier"]).toBeDefined();

    // Objects whose first alert (by mjd) carries its three cutouts.
    const { rows: firsts } = await db.pool.query<{ oid: string; candid: string; cutouts: number }>(`
      SELECT DISTINCT ON (p.oid) p.oid, p.candid::text, (SELECT count(*)::int FROM cutout c WHERE c.candid = p.candid) AS cutouts
      FROM alert_packet p ORDER BY p.oid, p.mjd, p.candid`);
    const withStamps = firsts.filter((f) => f.cutouts === 3);
    expect(withStamps.length).toBe(summary.objects);

    const rows = await probabilities(db);
    const byOid = new Map<string, ProbabilityRow[]>();
    for (const r of rows) byOid.set(r.oid, [...(byOid.get(r.oid) ?? []), r]);
    for (const [oid, list] of byOid) {
      expect(list, oid).toHaveLength(5);
      expect(new Set(list.map((r) => r.class_name))).toEqual(new Set(STAMP_CLASSES));
      expect(list.map((r) => r.ranking)).toEqual([1, 2, 3, 4, 5]);
      for (let i = 1; i < 5; i++) expect(list[i]!.probability).toBeLessThanOrEqual(list[i - 1]!.probability);
      expect(Math.abs(list.reduce((a, r) => a + r.probability, 0) - 1)).toBeLessThan(1e-5);
      expect(list[0]!.classifier_version).toBe(classifier.manifest.classifierVersion);
    }
    expect(byOid.size).toBe(summary.steps["stamp-classifier"]!.classified);
    expect(summary.steps["stamp-classifier"]!.skippedNoStamps).toBe(0);

    // Every object whose first alert has stamps is classified; the ones ALeRCE's SN rule kept out
    // of SN have P(SN) = 0: check them by classifying their first alert again.
    expect(withStamps.every((f) => byOid.has(f.oid))).toBe(true);
    const vetoed = withStamps.filter((f) => byOid.get(f.oid)!.find((r) => r.class_name === "SN")!.probability === 0);
    let sawRule = 0;
    for (const f of vetoed) {
      const { rows: packet } = await db.pool.query<{ source: string }>("SELECT source FROM alert_packet WHERE candid = $1::bigint", [
        f.candid,
      ]);
      const alert = rowsOf(path.basename(packet[0]!.source)).find((r) => r.candid.toString() === f.candid)!;
      const [science, template, difference] = (["science", "template", "difference"] as const).map((kind) => ({
        stampData: alert.cutouts.find((c) => c.kind === kind)!.stamp_data,
      }));
      const [result] = await classifier.classify([
        stampInputOf(alert, stampTensor({ science: science!, template: template!, difference: difference! })),
      ]);
      expect(result!.rule, f.oid).toMatch(/^(sn_|asteroid)/);
      if (result!.rule?.startsWith("sn_")) sawRule += 1;
    }
    expect(sawRule).toBe(summary.steps["stamp-classifier"]!.snVetoed);

    // Known asteroids (ssdistnr given) are asteroid with probability 1.
    const { rows: asteroids } = await db.pool.query<{ oid: string; probability: number }>(`
      SELECT p.oid, p.probability FROM probability p JOIN ss_ztf s USING (oid)
      WHERE s.ssdistnr IS NOT NULL AND s.ssdistnr <> -999 AND p.class_name = 'asteroid'`);
    expect(asteroids.length).toBeGreaterThan(50);
    for (const a of asteroids) expect(a.probability, a.oid).toBe(1);

    const { rows: taxonomy } = await db.pool.query<{ classes: string[] }>(
      "SELECT classes FROM taxonomy WHERE classifier_name = 'stamp_classifier' AND classifier_version = $1",
      [classifier.manifest.classifierVersion],
    );
    expect(taxonomy).toEqual([{ classes: [...STAMP_CLASSES] }]);

    // Ingesting again adds nothing, and classifying the same rows again writes nothing either.
    const again = await ingestAlertFiles(db.pool, readAlertSource(NIGHT), { pipeline: createPipeline({ models: { stamp: classifier } }) });
    expect(again.ingested).toBe(0);
    const client = await db.pool.connect();
    try {
      const rerun = await classifyNewObjects(client, fs.readdirSync(NIGHT).flatMap(rowsOf), classifier);
      expect(rerun.classified).toBe(0);
    } finally {
      client.release();
    }
    expect(await probabilities(db)).toEqual(rows);
  });
});

describe("an object's later alerts", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it("do not re-classify it, whatever the classifier version; a first alert without stamps leaves it for the next one", async () => {
    const client = await db.pool.connect();
    try {
      const first = rowsOf(TWO_ALERTS.first)[0]!;
      const second = rowsOf(TWO_ALERTS.second)[0]!;

      // First alert without usable cutouts (one missing, one not FITS): skipped and counted.
      const broken: AlertRows = {
        ...first,
        cutouts: first.cutouts
          .filter((c) => c.kind !== "template")
          .map((c) => (c.kind === "science" ? { ...c, stamp_data: Buffer.from("not a FITS file") } : c)),
      };
      const outcome1 = await persistAlertBatch(client, [broken], [], createPipeline({ models: { stamp: classifier } }));
      expect(outcome1.steps["stamp-classifier"]).toMatchObject({ classified: 0, skippedNoStamps: 1 });
      expect(await probabilities(db)).toEqual([]);

      // The second alert classifies it.
      const outcome2 = await persistAlertBatch(client, [second], [], createPipeline({ models: { stamp: classifier } }));
      expect(outcome2.steps["stamp-classifier"]!.classified).toBe(1);
      const afterSecond = await probabilities(db);
      expect(afterSecond.length).toBe(5);

      // A new alert of the same object (a copy of the first, new candid) changes nothing, even with another version.
      const third: AlertRows = { ...first, candid: first.candid + 1n, packet: { ...first.packet, candid: first.candid + 1n } };
      third.detections = first.detections.map((d) => (d.parent_candid === null ? { ...d, candid: third.candid } : d));
      third.cutouts = first.cutouts.map((c) => ({ ...c, candid: third.candid }));
      third.dataquality = { ...first.dataquality, candid: third.candid };
      third.ps1 = { ...first.ps1, candid: third.candid };
      const outcome3 = await persistAlertBatch(
        client,
        [third],
        [],
        createPipeline({ models: { stamp: afterSecond.length > 0 ? otherVersion : classifier } }),
      );
      expect(outcome3.ingested.size).toBe(1);
      if (afterSecond.length > 0) {
        expect(outcome3.steps["stamp-classifier"]).toMatchObject({ classified: 0, skippedNoStamps: 0 });
        expect(await probabilities(db)).toEqual(afterSecond);
      }
    } finally {
      client.release();
    }
  });
});
