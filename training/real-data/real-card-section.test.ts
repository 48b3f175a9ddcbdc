import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { stampModelDir } from "../../lib/classifiers/stamp/model-manifest";
import { lcModelDir, readLcModelManifest } from "../../lib/classifiers/lc/model-manifest";
import { type Lc2Evaluation, lc2ModelCard } from "../lc/lc2-model-card";
import type { LcRealEvaluation } from "../lc/evaluate-lc-real";
import type { StampRealEvaluation } from "../stamp/evaluate-stamp-real";
import { lcRealCardSection, stampFirstAlertsCardSection, stampRealCardSection } from "./real-card-section";

// The model cards' real-data numbers are the recorded evaluation's: the section in MODEL_CARD.md is
// exactly what evaluation.json gives. (`npm run eval:stamps` / `eval:lc` check that evaluation.json
// is what the model gives on the real validation split now; they need ../shared/data.)
const read = <T>(dir: string, file: string): T => JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as T;

describe("model cards show the recorded real-data evaluation", () => {
  it("stamp classifier (current version)", () => {
    const dir = stampModelDir();
    const evaluation = read<{ realValidation: StampRealEvaluation; baseline: { version: string; realValidation: StampRealEvaluation } }>(
      dir,
      "evaluation.json",
    );
    const card = fs.readFileSync(path.join(dir, "MODEL_CARD.md"), "utf8");
    const section = stampRealCardSection(evaluation.realValidation, {
      version: evaluation.baseline.version,
      evaluation: evaluation.baseline.realValidation,
    });
    expect(card).toContain(section);
    expect(card).toContain(`balanced accuracy **${evaluation.realValidation.withRules.balancedAccuracy.toFixed(3)}**`);
    // 2.1.0 on: the pipeline's setting (first alert of each object) is recorded and shown too
    const recorded = read<{
      realValidationFirstAlerts?: StampRealEvaluation;
      baseline: { version: string; realValidationFirstAlerts?: StampRealEvaluation };
    }>(dir, "evaluation.json");
    if (recorded.realValidationFirstAlerts) {
      const first = stampFirstAlertsCardSection(
        recorded.realValidationFirstAlerts,
        recorded.baseline.realValidationFirstAlerts
          ? { version: recorded.baseline.version, evaluation: recorded.baseline.realValidationFirstAlerts }
          : null,
      );
      expect(card).toContain(first);
      expect(recorded.realValidationFirstAlerts.objects).toBe(recorded.realValidationFirstAlerts.alerts);
      expect(recorded.realValidationFirstAlerts.objects).toBe(evaluation.realValidation.objects);
    }
  });

  it("light-curve classifier (current version)", () => {
    const dir = lcModelDir();
    const evaluation = read<{ realValidation: LcRealEvaluation }>(dir, "evaluation.json");
    const card = fs.readFileSync(path.join(dir, "MODEL_CARD.md"), "utf8");
    expect(card).toContain(lcRealCardSection(evaluation.realValidation));
    // 2.0.0 on: the whole card (headline table, calibration, domain gap, shortcut check) is made from evaluation.json
    const manifest = readLcModelManifest(dir);
    if (manifest.calibration) {
      const recorded = read<Lc2Evaluation>(dir, "evaluation.json");
      expect(card).toBe(lc2ModelCard(recorded, manifest, recorded.baseline.test));
      expect(card).toContain(`**${recorded.realValidation.labelled!.topAccuracy.toFixed(3)}**`);
      expect(card).toContain(`ECE, top level (served) | **${recorded.realValidation.labelled!.eceTop.toFixed(3)}**`);
    }
  });
});
