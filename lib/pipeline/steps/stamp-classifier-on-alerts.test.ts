import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALERT_FIXTURES_DIR } from "../../../tests/support/alert-fixtures";
import { readAlertFile } from "../../alerts/read-alert-file";
import { alertRows } from "../../ingest/alert-rows";
import { stampInputOf } from "./classify-new-objects";
import { stampTensor } from "../../stamps/preprocess-stamps";
import { STAMP_CLASSES } from "../../classifiers/stamp/stamp-classes";
import { stampModelDir } from "../../classifiers/stamp/model-manifest";
import {
  applyAlerceStampRules,
  loadStampClassifier,
  loadStampClassifierIfPresent,
  type StampClassifier,
  type StampClassifierInput,
} from "../../classifiers/stamp/stamp-classifier";
import { writeUntrainedStampModel } from "../../../training/stamp/write-untrained-stamp-model";

const NIGHT = path.join(ALERT_FIXTURES_DIR, "night-2018-11-29");
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const SN = STAMP_CLASSES.indexOf("SN");
const VS = STAMP_CLASSES.indexOf("VS");
const ASTEROID = STAMP_CLASSES.indexOf("asteroid");

/** A network output with `top` as the most probable class. */
function rawWithTop(top: number): number[] {
  return STAMP_CLASSES.map((_, i) => (i === top ? 0.6 : 0.1));
}

describe("applyAlerceStampRules (ALeRCE ZTFStrategy / EarlyClassifier rules)", () => {
  const plain = { ssdistnr: null, isdiffpos: "t", sgscore1: 0.1, distpsnr1: 5 } as const;

  it("leaves the network's output alone when no rule applies", () => {
    const raw = rawWithTop(SN);
    expect(applyAlerceStampRules(raw, plain)).toEqual({ probabilities: raw, rule: null });
    expect(applyAlerceStampRules(raw, { ...plain, ssdistnr: -999 })).toEqual({ probabilities: raw, rule: null });
  });

  it("a known solar-system object reported by ZTF makes it an asteroid with probability 1", () => {
    for (const top of [SN, VS, ASTEROID]) {
      const out = applyAlerceStampRules(rawWithTop(top), { ...plain, ssdistnr: 3.2 });
      expect(out.rule).toBe("asteroid");
      expect(out.probabilities).toEqual(STAMP_CLASSES.map((c) => (c === "asteroid" ? 1 : 0)));
    }
    // the asteroid rule wins over the SN veto (ALeRCE sets asteroid=1 first; SN is then not the top class)
    expect(applyAlerceStampRules(rawWithTop(SN), { ssdistnr: 0.4, isdiffpos: "f", sgscore1: 0.9, distpsnr1: 0.2 }).rule).toBe("asteroid");
  });

  const vetoed = (raw: number[]) => {
    const rest = raw.reduce((t, p, i) => (i === SN ? t : t + p), 0);
    return raw.map((p, i) => (i === SN ? 0 : p / rest));
  };

  it("does not keep as SN an SN with a negative difference ('f' in the alert, -1 in the detection table)", () => {
    for (const isdiffpos of ["f", -1] as const) {
      const out = applyAlerceStampRules(rawWithTop(SN), { ...plain, isdiffpos });
      expect(out.rule).toBe("sn_negative_difference");
      out.probabilities.forEach((p, i) => expect(p).toBeCloseTo(vetoed(rawWithTop(SN))[i]!, 12));
      expect(sum(out.probabilities)).toBeCloseTo(1, 12);
    }
    expect(applyAlerceStampRules(rawWithTop(SN), { ...plain, isdiffpos: 1 }).rule).toBeNull();
  });

  it("does not keep as SN an SN with a star-like PS1 source within 1″ (sgscore1 > 0.5 and distpsnr1 < 1)", () => {
    const near = applyAlerceStampRules(rawWithTop(SN), { ...plain, sgscore1: 0.9, distpsnr1: 0.5 });
    expect(near.rule).toBe("sn_near_star");
    expect(near.probabilities[SN]).toBe(0);
    // the thresholds are strict
    expect(applyAlerceStampRules(rawWithTop(SN), { ...plain, sgscore1: 0.5, distpsnr1: 0.5 }).rule).toBeNull();
    expect(applyAlerceStampRules(rawWithTop(SN), { ...plain, sgscore1: 0.9, distpsnr1: 1 }).rule).toBeNull();
    expect(applyAlerceStampRules(rawWithTop(SN), { ...plain, sgscore1: 0.9, distpsnr1: 1.5 }).rule).toBeNull();
    // ZTF's missing values (-999) never make a star
    expect(applyAlerceStampRules(rawWithTop(SN), { ...plain, sgscore1: -999, distpsnr1: -999 }).rule).toBeNull();
    expect(applyAlerceStampRules(rawWithTop(SN), { ...plain, sgscore1: null, distpsnr1: null }).rule).toBeNull();
  });

  it("only vetoes when SN is the top class", () => {
    const raw = rawWithTop(VS);
    expect(applyAlerceStampRules(raw, { ...plain, isdiffpos: "f", sgscore1: 0.9, distpsnr1: 0.1 })).toEqual({
      probabilities: raw,
      rule: null,
    });
  });
});

describe("the stamp classifier on real alerts (night 2018-11-29)", () => {
  let tmp: string;
  let classifier: StampClassifier;
  const inputs: StampClassifierInput[] = [];

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cielo-stamp-classifier-"));
    let dir = stampModelDir();
    if (!fs.existsSync(path.join(dir, "model.onnx"))) {
      dir = path.join(tmp, "untrained");
      await writeUntrainedStampModel(dir);
    }
    classifier = await loadStampClassifier(dir);
    for (const name of fs.readdirSync(NIGHT).sort().slice(0, 120)) {
      const { alerts } = readAlertFile(fs.readFileSync(path.join(NIGHT, name)), name);
      for (const decoded of alerts) {
        const rows = alertRows(decoded, name);
        const c = decoded.alert.cutouts;
        if (!c.science || !c.template || !c.difference) continue;
        inputs.push(stampInputOf(rows, stampTensor({ science: c.science, template: c.template, difference: c.difference })));
      }
    }
  });
  afterAll(async () => {
    await classifier?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("gives 5 probabilities summing to 1 for every alert, in one run", async () => {
    expect(inputs.length).toBeGreaterThan(100);
    const results = await classifier.classify(inputs);
    expect(results).toHaveLength(inputs.length);
    for (const r of results) {
      expect(r.raw).toHaveLength(5);
      expect(Math.abs(sum(r.raw) - 1)).toBeLessThan(1e-5);
      for (const p of r.raw) expect(p).toBeGreaterThanOrEqual(0);
      expect(r.probabilities).toHaveLength(5);
      expect(Math.abs(sum(r.probabilities) - 1)).toBeLessThan(1e-5);
      if (r.rule?.startsWith("sn_")) expect(r.probabilities[STAMP_CLASSES.indexOf("SN")]).toBe(0);
    }
  });

  it("gives the same result for an alert alone as within a batch", async () => {
    const batch = await classifier.classify(inputs.slice(0, 16));
    for (const k of [0, 7, 15]) {
      const [alone] = await classifier.classify([inputs[k]!]);
      alone!.raw.forEach((p, i) => expect(p).toBeCloseTo(batch[k]!.raw[i]!, 6));
    }
  });

  it("reads the class order from model.json", async () => {
    const dir = path.join(tmp, "permuted");
    await writeUntrainedStampModel(dir, 5);
    const reference = await loadStampClassifier(dir);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "model.json"), "utf8")) as { classes: string[] };
    manifest.classes = [...manifest.classes].reverse();
    fs.writeFileSync(path.join(dir, "model.json"), JSON.stringify(manifest));
    const permuted = await loadStampClassifier(dir);
    const [a] = await reference.classify(inputs.slice(0, 1));
    const [b] = await permuted.classify(inputs.slice(0, 1));
    expect(b!.raw).toEqual([...a!.raw].reverse());
    await reference.close();
    await permuted.close();
  });

  it("loadStampClassifierIfPresent gives null for a directory without a model", async () => {
    expect(await loadStampClassifierIfPresent(path.join(tmp, "nothing-here"))).toBeNull();
  });
});
