import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALERT_FIXTURES_DIR } from "../../../tests/support/alert-fixtures";
import { readAlertFile } from "../../alerts/read-alert-file";
import { alertRows } from "../../ingest/alert-rows";
import { stampInputOf } from "../../pipeline/steps/classify-new-objects";
import { STAMP_CHANNELS, STAMP_CROP_SIZE, stampTensor } from "../../stamps/preprocess-stamps";
import { loadStampClassifier, type StampClassifier, type StampClassifierInput } from "./stamp-classifier";
import { CURRENT_STAMP_MODEL_VERSION, stampModelDir } from "./model-manifest";
import { OCCLUSION_PATCH, occludeStamps, renderSaliencyPng, stampSaliency } from "./stamp-saliency";

const NIGHT = path.join(ALERT_FIXTURES_DIR, "night-2018-11-29");
const ALERTS = 10;
const SIZE = STAMP_CROP_SIZE;

let classifier: StampClassifier;
const inputs: StampClassifierInput[] = [];

beforeAll(async () => {
  classifier = await loadStampClassifier(stampModelDir(CURRENT_STAMP_MODEL_VERSION));
  for (const name of fs.readdirSync(NIGHT).sort()) {
    if (inputs.length >= ALERTS) break;
    const { alerts } = readAlertFile(fs.readFileSync(path.join(NIGHT, name)), name);
    for (const decoded of alerts) {
      const c = decoded.alert.cutouts;
      if (!c.science || !c.template || !c.difference) continue;
      inputs.push(
        stampInputOf(alertRows(decoded, name), stampTensor({ science: c.science, template: c.template, difference: c.difference })),
      );
    }
  }
}, 120_000);

afterAll(async () => {
  await classifier?.close();
});

/** The patch-sized window (any channel, any position) whose summed saliency is largest, or smallest. */
function extremeWindow(maps: Record<(typeof STAMP_CHANNELS)[number], Float32Array>, sign: 1 | -1) {
  let best = { c: 0, x0: 0, y0: 0, score: -Infinity };
  STAMP_CHANNELS.forEach((channel, c) => {
    for (let y0 = 0; y0 + OCCLUSION_PATCH <= SIZE; y0++) {
      for (let x0 = 0; x0 + OCCLUSION_PATCH <= SIZE; x0++) {
        let s = 0;
        for (let y = y0; y < y0 + OCCLUSION_PATCH; y++) for (let x = x0; x < x0 + OCCLUSION_PATCH; x++) s += maps[channel][y * SIZE + x]!;
        if (sign * s > best.score) best = { c, x0, y0, score: sign * s };
      }
    }
  });
  return best;
}

describe("stamp classifier occlusion saliency (the served model, real alerts of 2018-11-29)", () => {
  it("occluding the map's most salient region lowers the top class's probability more than occluding its least salient one", async () => {
    expect(inputs.length).toBe(ALERTS);
    let holds = 0;
    for (const [k, input] of inputs.entries()) {
      const saliency = await stampSaliency(classifier, input);
      const most = extremeWindow(saliency.maps, 1);
      const least = extremeWindow(saliency.maps, -1);
      const [pMost, pLeast] = await classifier.classify([
        { ...input, stamps: occludeStamps(input.stamps, most.c, most.x0, most.y0) },
        { ...input, stamps: occludeStamps(input.stamps, least.c, least.x0, least.y0) },
      ]);
      const dropMost = saliency.probability - pMost!.raw[saliency.classIndex]!;
      const dropLeast = saliency.probability - pLeast!.raw[saliency.classIndex]!;
      if (k === 0) expect(dropMost).toBeGreaterThan(dropLeast);
      if (dropMost > dropLeast) holds++;
    }
    // Measured: 10 of 10.
    expect(holds).toBeGreaterThanOrEqual(9);
  }, 120_000);

  it("renders each channel's map as a PNG of the stamps' size", async () => {
    const saliency = await stampSaliency(classifier, inputs[0]!);
    for (const channel of STAMP_CHANNELS) {
      const png = renderSaliencyPng(saliency, channel, 3);
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
      expect(png.readUInt32BE(16)).toBe(SIZE * 3);
      expect(png.readUInt32BE(20)).toBe(SIZE * 3);
    }
  });
});
