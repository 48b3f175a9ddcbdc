import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { readAvroContainer } from "../avro/read-avro-container";
import { loadAlertFixtures } from "../../tests/support/alert-fixtures";
import {
  convertCandidateFast,
  convertCutoutFast,
  convertFpHistFast,
  convertPrvCandidateFast,
  ztfCandidateSchema,
  ztfCutoutSchema,
  ztfFpHistSchema,
  ztfPrvCandidateSchema,
} from "./ztf-alert-schema";
import { ZTF_CUTOUT_FIELDS } from "./ztf-cutouts";

const records = () =>
  loadAlertFixtures()
    .filter((f) => f.nAlerts > 0)
    .flatMap((f) => readAvroContainer(fs.readFileSync(f.absolutePath)).records as Record<string, unknown>[]);

const entries = (field: "prv_candidates" | "fp_hists") =>
  records().flatMap((record) => {
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

  it("on every candidate and cutout of the bundled alerts", () => {
    const all = records();
    expect(all.length).toBeGreaterThan(300);
    for (const record of all) {
      expect(convertCandidateFast(record.candidate)).toEqual(ztfCandidateSchema.parse(record.candidate));
      for (const field of Object.values(ZTF_CUTOUT_FIELDS)) {
        const fast = convertCutoutFast(record[field]);
        const zod = ztfCutoutSchema.parse(record[field]);
        expect(fast === null).toBe(zod === null);
        if (!fast || !zod) continue;
        // The same view into the file's bytes (compared by position: a byte-wise toEqual is slow).
        expect(fast.fileName).toBe(zod.fileName);
        expect(Buffer.isBuffer(fast.stampData)).toBe(true);
        expect(fast.stampData.buffer).toBe(zod.stampData.buffer);
        expect([fast.stampData.byteOffset, fast.stampData.length]).toEqual([zod.stampData.byteOffset, zod.stampData.length]);
      }
    }
  });

  it("declines candidates and cutouts the schemas reject", () => {
    const record = records()[0]!;
    const candidate = record.candidate as Record<string, unknown>;
    for (const bad of [{ ...candidate, ra: null }, { ...candidate, fid: 1.5 }, { ...candidate, isdiffpos: "x" }, null, [1], "x"]) {
      expect(convertCandidateFast(bad)).toBeNull();
      expect(ztfCandidateSchema.safeParse(bad).success).toBe(false);
    }
    for (const bad of [{ fileName: 3, stampData: null }, { fileName: "a", stampData: "bytes" }, [1], "x"]) {
      expect(convertCutoutFast(bad)).toBeUndefined();
      expect(ztfCutoutSchema.safeParse(bad).success).toBe(false);
    }
    expect(convertCutoutFast(null)).toBeNull();
    expect(convertCutoutFast({ fileName: "a", stampData: null })).toBeNull();
  });

  it("declines what the schema rejects, so the caller can report zod's message", () => {
    const good = entries("prv_candidates")[0]!;
    for (const bad of [{ ...good, jd: null }, { ...good, fid: "g" }, { ...good, isdiffpos: "x" }, { ...good, candid: 1.5 }, null, [1]]) {
      expect(convertPrvCandidateFast(bad)).toBeNull();
      expect(ztfPrvCandidateSchema.safeParse(bad).success).toBe(false);
    }
  });
});
