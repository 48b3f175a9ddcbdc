import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { readAvroContainer } from "../avro/read-avro-container";
import { loadAlertFixtures } from "../../tests/support/alert-fixtures";
import { convertFpHistFast, convertPrvCandidateFast, ztfFpHistSchema, ztfPrvCandidateSchema } from "./ztf-alert-schema";

const entries = (field: "prv_candidates" | "fp_hists") =>
  loadAlertFixtures()
    .filter((f) => f.nAlerts > 0)
    .flatMap((f) => readAvroContainer(fs.readFileSync(f.absolutePath)).records)
    .flatMap((record) => {
      const list = (record as Record<string, unknown>)[field];
      return Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
    });

describe("the fast field conversion gives exactly what the zod schemas give", () => {
  it("on every prv_candidate of the bundled alerts", () => {
    const prv = entries("prv_candidates").filter((e) => !("forcediffimflux" in e));
    expect(prv.length).toBeGreaterThan(5000);
    for (const entry of prv) expect(convertPrvCandidateFast(entry)).toEqual(ztfPrvCandidateSchema.parse(entry));
  });

  it("on every fp_hists entry of the bundled alerts", () => {
    const fp = entries("fp_hists");
    expect(fp.length).toBeGreaterThan(40);
    for (const entry of fp) expect(convertFpHistFast(entry)).toEqual(ztfFpHistSchema.parse(entry));
  });

  it("declines what the schema rejects, so the caller can report zod's message", () => {
    const good = entries("prv_candidates")[0]!;
    for (const bad of [{ ...good, jd: null }, { ...good, fid: "g" }, { ...good, isdiffpos: "x" }, { ...good, candid: 1.5 }, null, [1]]) {
      expect(convertPrvCandidateFast(bad)).toBeNull();
      expect(ztfPrvCandidateSchema.safeParse(bad).success).toBe(false);
    }
  });
});
