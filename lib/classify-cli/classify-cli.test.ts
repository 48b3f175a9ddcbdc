import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALERT_FIXTURES_DIR } from "../../tests/support/alert-fixtures";
import { LIGHTCURVE_FIXTURES_DIR } from "../features/load-lightcurve-fixtures";
import { loadStampClassifier, type StampClassifier } from "../classifiers/stamp/stamp-classifier";
import { stampModelDir } from "../classifiers/stamp/model-manifest";
import { loadLcClassifier, type LcClassifier } from "../classifiers/lc/lc-classifier";
import { lcModelDir } from "../classifiers/lc/model-manifest";
import { LC_BRANCHES, LC_CLASSES } from "../classifiers/lc/lc-taxonomy";
import { STAMP_CLASSES } from "../classifiers/stamp/stamp-classes";
import { type AlertClassificationLine, classifyAlertSource, type ClassifyFailure } from "./classify-alerts";
import { classifyLightcurveSource, type LightcurveClassificationLine } from "./classify-lightcurves";
import { LightcurveCsvError, parseLightcurveCsv } from "./lightcurve-csv";

const REPO = path.resolve(import.meta.dirname, "../..");
const FINK = path.join(ALERT_FIXTURES_DIR, "samples/fink-broker_spark-rewritten_v4.02");
const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);
let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cielo-classify-cli-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("classify (stamp classifier on alert files)", () => {
  let classifier: StampClassifier;
  beforeAll(async () => {
    classifier = await loadStampClassifier(stampModelDir());
  });
  afterAll(async () => classifier?.close());

  it("gives one line per real alert with the rules applied, and one failure per bad file", async () => {
    const lines: AlertClassificationLine[] = [];
    const failures: ClassifyFailure[] = [];
    const night = path.join(ALERT_FIXTURES_DIR, "night-2018-11-29");
    const folder = path.join(tmp, "mixed");
    fs.mkdirSync(folder);
    for (const f of ["697251921615015001.avro", "697252386115015001.avro"]) fs.copyFileSync(path.join(night, f), path.join(folder, f));
    for (const f of fs.readdirSync(FINK)) fs.copyFileSync(path.join(FINK, f), path.join(folder, f));
    fs.copyFileSync(path.join(ALERT_FIXTURES_DIR, "malformed/516401801315010009.avro"), path.join(folder, "truncated.avro"));

    const summary = await classifyAlertSource(
      folder,
      classifier,
      (l) => lines.push(l),
      (f) => failures.push(f),
      4,
    );
    expect(summary).toEqual({ alerts: 17, failures: 1 });
    expect(failures).toHaveLength(1);
    expect(failures[0]!.source).toMatch(/truncated\.avro$/);
    expect(failures[0]!.message).toMatch(/truncated/);
    for (const line of lines) {
      expect(line.classifier).toBe("stamp_classifier");
      expect(`${line.classifier}_${line.version}`).toBe(classifier.manifest.classifierVersion);
      expect(Object.keys(line.probabilities)).toEqual([...STAMP_CLASSES]);
      expect(sum(line.probabilities)).toBeCloseTo(1, 5);
      expect(sum(line.network_probabilities)).toBeCloseTo(1, 5);
    }
    // a known asteroid of the 2018-11-29 night (ssdistnr 0″, ndethist 1): the rule sets asteroid = 1
    const asteroid = lines.find((l) => l.candid === "697251921615015001")!;
    expect(asteroid.objectId).toBe("ZTF18acsbjor");
    expect(asteroid.rule).toBe("asteroid");
    expect(asteroid.probabilities.asteroid).toBe(1);
    expect(asteroid.rule_changed_result).toBe(asteroid.network_probabilities.asteroid !== 1);
    // Fink's ssdistnr = 60 fill on a recurring source (ZTF18adljlvp): never an asteroid
    for (const l of lines.filter((x) => x.objectId === "ZTF18adljlvp")) {
      expect(l.rule).not.toBe("asteroid");
      expect(l.probabilities.asteroid).toBe(0);
    }
    // candids are exact (they exceed 2^53)
    expect(lines.map((l) => l.candid)).toContain("3213262934615015018");
  });

  it("reports a missing target as one failure", async () => {
    const failures: ClassifyFailure[] = [];
    const summary = await classifyAlertSource(
      path.join(tmp, "nothing.avro"),
      classifier,
      () => {},
      (f) => failures.push(f),
    );
    expect(summary).toEqual({ alerts: 0, failures: 1 });
    expect(failures[0]!.message).toBe("no such file or folder");
  });
});

describe("light-curve CSVs", () => {
  const alerceRows = fs.readFileSync(path.join(LIGHTCURVE_FIXTURES_DIR, "sne_detections.csv"), "utf8").trim().split("\n");
  const header = alerceRows[0]!;
  const rowsOf = (oid: string) => alerceRows.filter((r) => r.startsWith(`${oid},`));

  it("reads ALeRCE's detections export (one object) and takes the oid from the file", () => {
    const text = [header, ...rowsOf("ZTF19aaknvuh")].join("\n");
    const lc = parseLightcurveCsv(text, "whatever.csv");
    expect(lc.oid).toBe("ZTF19aaknvuh");
    expect(lc.detections).toHaveLength(48);
    expect(lc.context.sgscore1).not.toBeNull();
    expect(Number.isFinite(lc.context.raDeg)).toBe(true);
  });

  it("refuses a file with several objects, unknown columns or a bad value, with a one-line reason", () => {
    const several = fs.readFileSync(path.join(LIGHTCURVE_FIXTURES_DIR, "sne_detections.csv"), "utf8");
    expect(() => parseLightcurveCsv(several, "sne_detections.csv")).toThrow(/5 objects in one file/);
    expect(() => parseLightcurveCsv("a,b\n1,2\n", "x.csv")).toThrow(LightcurveCsvError);
    expect(() => parseLightcurveCsv("time,mag,magerr,band\n58000.1,18.2,0.1,i\n", "x.csv")).toThrow(/line 2: band/);
    expect(() => parseLightcurveCsv("time,mag,magerr,band\n58000.1,abc,0.1,g\n", "x.csv")).toThrow(/line 2: mag/);
    expect(() => parseLightcurveCsv("", "x.csv")).toThrow(/empty file/);
  });

  it("reads time,mag,magerr,band with MJD or JD times and g/r/R/1/2 bands", () => {
    const mjd = parseLightcurveCsv(
      "time,mag,magerr,band\n58000.25,18.2,0.1,g\n58001.5,18.4,0.1,R\n58002.5,18.5,0.1,2\n",
      "ZTF18aaaaaaa.csv",
    );
    const jd = parseLightcurveCsv(
      "time,mag,magerr,band\n2458000.75,18.2,0.1,1\n2458001.5,18.4,0.1,r\n2458003.0,18.5,0.1,r\n",
      "ZTF18aaaaaaa.csv",
    );
    expect(mjd.oid).toBe("ZTF18aaaaaaa");
    expect(mjd.detections.map((d) => [d.mjd, d.fid])).toEqual([
      [58000.25, 1],
      [58001.5, 2],
      [58002.5, 2],
    ]);
    expect(jd.detections.map((d) => [d.mjd, d.fid])).toEqual([
      [58000.25, 1],
      [58001, 2],
      [58002.5, 2],
    ]);
  });
});

describe("classify:lc (light-curve classifier on CSV files)", () => {
  let classifier: LcClassifier;
  beforeAll(async () => {
    classifier = await loadLcClassifier(lcModelDir());
  });
  afterAll(async () => classifier?.close());

  it("classifies real ALeRCE light curves in both formats alike and reports short or bad files", async () => {
    const folder = path.join(tmp, "lightcurves");
    fs.mkdirSync(folder);
    const alerceRows = fs.readFileSync(path.join(LIGHTCURVE_FIXTURES_DIR, "sne_detections.csv"), "utf8").trim().split("\n");
    const header = alerceRows[0]!.split(",");
    const col = (name: string) => header.indexOf(name);
    const rows = alerceRows.filter((r) => r.startsWith("ZTF20aafxahn,")).map((r) => r.split(","));
    // the ALeRCE export without the corrected magnitudes and rb (the simple form has no rb, and the
    // median-rb feature moves 2.0.0's probabilities by a few %), and the same detections as time(JD),mag,magerr,band
    const keep = ["objectId", "fid", "mjd", "magpsf", "sigmapsf", "isdiffpos"];
    fs.writeFileSync(
      path.join(folder, "alerce.csv"),
      [keep.join(","), ...rows.map((r) => keep.map((k) => r[col(k)]).join(","))].join("\n"),
    );
    fs.writeFileSync(
      path.join(folder, "ZTF20aafxahn-simple.csv"),
      [
        "time,mag,magerr,band",
        ...rows.map((r) =>
          [Number(r[col("mjd")]) + 2400000.5, r[col("magpsf")], r[col("sigmapsf")], r[col("fid")] === "1" ? "g" : "R"].join(","),
        ),
      ].join("\n"),
    );
    fs.writeFileSync(path.join(folder, "short.csv"), "time,mag,magerr,band\n58000.1,18.2,0.1,g\n58001.1,18.3,0.1,r\n");
    fs.writeFileSync(path.join(folder, "bad.csv"), "a,b\n1,2\n");

    const lines: LightcurveClassificationLine[] = [];
    const failures: ClassifyFailure[] = [];
    const summary = await classifyLightcurveSource(
      folder,
      classifier,
      (l) => lines.push(l),
      (f) => failures.push(f),
    );
    expect(summary).toEqual({ objects: 2, failures: 2 });
    expect(failures.map((f) => path.basename(f.source)).sort()).toEqual(["bad.csv", "short.csv"]);
    expect(failures.find((f) => f.source.endsWith("short.csv"))!.message).toMatch(/needs at least 5/);
    const [alerce, simple] = [lines.find((l) => l.oid === "ZTF20aafxahn")!, lines.find((l) => l.oid === "ZTF20aafxahn-simple")!];
    expect(alerce.n_detections).toBe(57);
    expect(simple.n_detections).toBe(57);
    expect(Object.keys(alerce.probabilities)).toEqual([...LC_CLASSES]);
    expect(Object.keys(alerce.top)).toEqual([...LC_BRANCHES]);
    expect(alerce.probabilities).toHaveProperty("SNIa");
    expect(sum(alerce.probabilities)).toBeCloseTo(1, 4);
    expect(sum(alerce.top)).toBeCloseTo(1, 4);
    for (const c of LC_CLASSES) expect(simple.probabilities[c]).toBeCloseTo(alerce.probabilities[c], 5);
  });
});

describe("the CLIs' exit codes", () => {
  const run = promisify(execFile);
  it("npm run classify exits 1 when a file failed and still writes the other alerts", async () => {
    const out = path.join(tmp, "out.jsonl");
    const result = await run(
      process.execPath,
      [
        "--import",
        "tsx",
        "scripts/classify.ts",
        path.join(FINK, "3213262934615015018.avro"),
        path.join(ALERT_FIXTURES_DIR, "malformed/516401801315010009.avro"),
        "--out",
        out,
      ],
      { cwd: REPO },
    ).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .*516401801315010009\.avro: Avro container truncated/m);
    const lines = fs.readFileSync(out, "utf8").trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ objectId: "ZTF17aaawgox", candid: "3213262934615015018" });
  }, 60_000);

  it("npm run classify:lc exits 2 without input", async () => {
    const code = await run(process.execPath, ["--import", "tsx", "scripts/classify-lc.ts"], { cwd: REPO }).then(
      () => 0,
      (error: { code: number }) => error.code,
    );
    expect(code).toBe(2);
  }, 60_000);
});
