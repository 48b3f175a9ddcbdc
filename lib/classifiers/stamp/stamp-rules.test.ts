import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ALERT_FIXTURES_DIR } from "../../../tests/support/alert-fixtures";
import { readAlertFile } from "../../alerts/read-alert-file";
import { alertRows } from "../../ingest/alert-rows";
import { stampInputOf } from "../../pipeline/steps/classify-new-objects";
import { STAMP_CLASSES } from "./stamp-classes";
import { applyStampRules, knownSolarSystemObject, recurringSource, type StampRuleInput } from "./stamp-rules";

const ASTEROID = STAMP_CLASSES.indexOf("asteroid");
const SN = STAMP_CLASSES.indexOf("SN");
const VS = STAMP_CLASSES.indexOf("VS");
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const rawWithTop = (top: number) => STAMP_CLASSES.map((_, i) => (i === top ? 0.6 : 0.1));

/** The rule input the pipeline builds (stampInputOf over alertRows) for one real fixture alert. */
function ruleInputOf(relativePath: string): StampRuleInput & { objectId: string } {
  const file = path.join(ALERT_FIXTURES_DIR, relativePath);
  const [decoded] = readAlertFile(fs.readFileSync(file), path.basename(file)).alerts;
  if (!decoded) throw new Error(`${relativePath}: no alert`);
  const input = stampInputOf(alertRows(decoded, path.basename(file)), new Float32Array(21 * 21 * 3));
  return { ...input, objectId: decoded.alert.objectId };
}

describe("the asteroid rule on real alerts", () => {
  it("fires on known solar-system objects of the 2018-11-29 night (ssdistnr 0–1″, ndethist 1)", () => {
    const alert = ruleInputOf("night-2018-11-29/697251921615015001.avro");
    expect(alert.objectId).toBe("ZTF18acsbjor");
    expect(alert.ssdistnr).toBe(0);
    expect(alert.meta?.ndethist).toBe(1);
    for (const top of [SN, VS, ASTEROID]) {
      const out = applyStampRules(rawWithTop(top), alert);
      expect(out.rule).toBe("asteroid");
      expect(out.probabilities).toEqual(STAMP_CLASSES.map((c) => (c === "asteroid" ? 1 : 0)));
    }
  });

  it("fires on a slow mover detected twice that night at the same place (ndethist 2)", () => {
    const alert = ruleInputOf("night-2018-11-29/697252840615015006.avro");
    expect(alert.objectId).toBe("ZTF18acsbtem");
    expect(alert.meta?.ndethist).toBe(2);
    expect(applyStampRules(rawWithTop(SN), alert).rule).toBe("asteroid");
  });

  it("treats Fink's ssdistnr = 60.0 fill as missing (ZTF18adljlvp, ndethist 1741): not an asteroid", () => {
    for (const file of ["2481196894815010000.avro", "2481198801415010033.avro"]) {
      const alert = ruleInputOf(`samples/fink-broker_spark-rewritten_v4.02/${file}`);
      expect(alert.objectId).toBe("ZTF18adljlvp");
      expect(alert.ssdistnr).toBe(60);
      expect(knownSolarSystemObject(alert.ssdistnr)).toBe(false);
      const out = applyStampRules(rawWithTop(VS), alert);
      expect(out.rule).toBeNull();
      expect(out.probabilities[ASTEROID]).toBe(0);
      expect(out.probabilities[VS]).toBeGreaterThan(0.6);
      expect(sum(out.probabilities)).toBeCloseTo(1, 12);
    }
  });

  it("treats ZTF's −999 (decoded as null) as missing", () => {
    const alert = ruleInputOf("samples/ztf-avro-alert/v3.3_472263571115115000.avro");
    expect(alert.ssdistnr).toBeNull();
    expect(applyStampRules(rawWithTop(VS), { ...alert, meta: { ndethist: 1 } })).toEqual({ probabilities: rawWithTop(VS), rule: null });
    expect(applyStampRules(rawWithTop(VS), { ...alert, ssdistnr: -999, meta: { ndethist: 1 } }).rule).toBeNull();
    expect(knownSolarSystemObject(undefined)).toBe(false);
    expect(knownSolarSystemObject(Number.NaN)).toBe(false);
    expect(knownSolarSystemObject(30)).toBe(true);
    expect(knownSolarSystemObject(30.5)).toBe(false);
  });

  it("a recurring source is not an asteroid, even with an SSO reported nearby", () => {
    const asteroid = ruleInputOf("night-2018-11-29/697251921615015001.avro");
    const recurring = { ...asteroid, meta: { ndethist: 3 } };
    expect(recurringSource(3)).toBe(true);
    expect(recurringSource(2)).toBe(false);
    expect(recurringSource(null)).toBe(false);
    const out = applyStampRules(rawWithTop(ASTEROID), recurring);
    expect(out.rule).toBe("not_asteroid_recurring");
    expect(out.probabilities[ASTEROID]).toBe(0);
    expect(sum(out.probabilities)).toBeCloseTo(1, 12);
    // the network's asteroid top class of a real recurring source (ZTF17aaajnnn, ndethist 146) is dropped too
    const star = ruleInputOf("samples/ztf-avro-alert/v3.3_472263571115115000.avro");
    expect(star.meta?.ndethist).toBe(146);
    const starOut = applyStampRules(rawWithTop(ASTEROID), star);
    expect(starOut.rule).toBe("not_asteroid_recurring");
    expect(starOut.probabilities.indexOf(Math.max(...starOut.probabilities))).not.toBe(ASTEROID);
  });

  it("does not read a −999 distpsnr1 as a star within 1″", () => {
    const alert = ruleInputOf("samples/ztf-avro-alert/v3.3_472263571115115000.avro");
    const out = applyStampRules(rawWithTop(SN), { ...alert, isdiffpos: "t", sgscore1: 0.9, distpsnr1: -999, meta: { ndethist: 1 } });
    expect(out.rule).toBeNull();
  });
});
