// The real-data section of a model card, written from the model's evaluation.json only, so a test
// can check that the card's numbers are the recorded evaluation's (real-card-section.test.ts) and
// `npm run eval:stamps` / `eval:lc` that the recorded evaluation is what the model gives now.
import type { ReliabilityBin, RealReport } from "./real-metrics";
import type { LcRealEvaluation, RecallCell } from "../lc/evaluate-lc-real";
import type { StampRealEvaluation } from "../stamp/evaluate-stamp-real";

export const REAL_SECTION_BEGIN = "<!-- real-data:begin (generated from evaluation.json; do not edit by hand) -->";
export const REAL_SECTION_END = "<!-- real-data:end -->";

const table = (rows: string[][]) => rows.map((r) => `| ${r.join(" | ")} |`).join("\n");
const f3 = (v: number) => v.toFixed(3);
const ci = (i: { low: number; high: number }) => `${i.low.toFixed(2)}–${i.high.toFixed(2)}`;

function reportTables(report: RealReport): string {
  const classes = Object.keys(report.perClass);
  return `${table([
    ["class", "precision [95 % CI]", "recall [95 % CI]", "F1 [95 % CI]", "support"],
    ["---", "---", "---", "---", "---"],
    ...classes.map((c) => {
      const s = report.perClass[c]!;
      return [
        c,
        `${f3(s.precision)} [${ci(s.precisionCi)}]`,
        `${f3(s.recall)} [${ci(s.recallCi)}]`,
        `${f3(s.f1)} [${ci(s.f1Ci)}]`,
        String(s.support),
      ];
    }),
  ])}

Confusion (rows = label, columns = predicted):

${table([["label \\ predicted", ...classes], ["---", ...classes.map(() => "---")], ...report.confusion.map((row, i) => [classes[i]!, ...row.map(String)])])}`;
}

function reliabilityTable(bins: readonly ReliabilityBin[]): string {
  return table([
    ["top-class probability", "alerts", "mean probability", "fraction right", "diagram"],
    ["---", "---", "---", "---", "---"],
    ...bins
      .filter((b) => b.count > 0)
      .map((b) => [
        `${b.from.toFixed(1)}–${b.to.toFixed(1)}`,
        String(b.count),
        f3(b.meanConfidence),
        f3(b.accuracy),
        `\`${"#".repeat(Math.round(b.accuracy * 20)).padEnd(20, ".")}\` vs \`${"#".repeat(Math.round(b.meanConfidence * 20)).padEnd(20, ".")}\``,
      ]),
  ]);
}

/** The stamp card's real-data section: `current` for this model, `baseline` for the version it replaces (null for none). */
export function stampRealCardSection(
  current: StampRealEvaluation,
  baseline: { version: string; evaluation: StampRealEvaluation } | null,
): string {
  const support = Object.entries(current.support)
    .map(
      ([c, kinds]) =>
        `${c}: ${Object.entries(kinds)
          .map(([k, n]) => `${n} ${k}`)
          .join(", ")}`,
    )
    .join("; ");
  const w = current.withRules;
  const lines = [
    REAL_SECTION_BEGIN,
    "## Real ZTF alerts (validation split) — read this first",
    "",
    `${current.alerts} labelled real alerts of ${current.objects} objects, the validation side of the split by a hash of the objectId (\`training/real-data/object-split.ts\`, fixed before any result was seen). Labels by kind: ${support}.`,
    "",
    "Label kinds and their caveats: `tns` spectroscopic (TNS classes in Fink's alerts); `sso` Fink's roid = 3 and `ssnamenr` ZTF's own known-SSO match (the asteroid rule reads the same field, so asteroid recall *with rules* is not an independent check — the *network* rows are); `simbad`, `vsx`, `gcvs`, `spicy`, `3hsp` catalogue types by position (≤ 1.5″; a star or AGN catalogue type says what the source is, not that this alert is not an artefact); `drb-proxy` bogus = ZTF's deep real/bogus score < 0.1, a **proxy label**, not a human vetting. `../shared/data/labelled/*` are ALeRCE's predictions, not truth, and are not used.",
    "",
    `**After the production rules (served):** balanced accuracy **${f3(w.balancedAccuracy)}** [${ci(w.balancedAccuracyCi)}] over the ${Object.values(w.perClass).filter((s) => s.support > 0).length} classes with support; macro recall over the catalogue/spectroscopic classes (AGN, SN, VS, asteroid) ${f3(w.macroRecallStrong)}; accuracy ${f3(w.accuracy)}; ECE **${f3(current.ece)}** (network alone ${f3(current.eceNetwork)}). Rules that changed the top class: ${rulesChanged(current.rules)}.`,
    "",
    reportTables(w),
    "",
    `**The network alone** (no rules): balanced accuracy ${f3(current.network.balancedAccuracy)} [${ci(current.network.balancedAccuracyCi)}], macro recall (AGN, SN, VS, asteroid) ${f3(current.network.macroRecallStrong)}.`,
    "",
    reportTables(current.network),
    "",
    "Reliability of the served probabilities (top class, 10 bins; `#` bars: fraction right vs mean probability):",
    "",
    reliabilityTable(current.reliability),
  ];
  if (baseline) {
    const b = baseline.evaluation;
    lines.push(
      "",
      `**${baseline.version} on the same alerts, with the same (corrected) rules:** balanced accuracy ${f3(b.withRules.balancedAccuracy)} [${ci(b.withRules.balancedAccuracyCi)}], macro recall (AGN, SN, VS, asteroid) ${f3(b.withRules.macroRecallStrong)}, ECE ${f3(b.ece)}; network alone: balanced accuracy ${f3(b.network.balancedAccuracy)}. Per-class recall ${Object.entries(
        b.withRules.perClass,
      )
        .map(([c, s]) => `${c} ${f3(s.recall)}`)
        .join(", ")}.`,
    );
  }
  lines.push(REAL_SECTION_END);
  return lines.join("\n");
}

/** "asteroid 112, sn_near_star 2", or "none". */
function rulesChanged(rules: Record<string, number>): string {
  return (
    Object.entries(rules)
      .map(([rule, count]) => `${rule} ${count}`)
      .join(", ") || "none"
  );
}

export const FIRST_ALERTS_SECTION_BEGIN = "<!-- real-data-first-alerts:begin (generated from evaluation.json; do not edit by hand) -->";
export const FIRST_ALERTS_SECTION_END = "<!-- real-data-first-alerts:end -->";

/**
 * The stamp card's section on the pipeline's setting: the earliest labelled alert of each validation
 * object only (`realValidationFirstAlerts` of evaluation.json), served, beside the baseline's.
 */
export function stampFirstAlertsCardSection(
  current: StampRealEvaluation,
  baseline: { version: string; evaluation: StampRealEvaluation } | null,
): string {
  const w = current.withRules;
  const lines = [
    FIRST_ALERTS_SECTION_BEGIN,
    "### The pipeline's setting: the first alert of each object",
    "",
    `The pipeline classifies an object's first alert; the split above keeps up to 5 alerts per object, and later alerts of a supernova can have negative differences (the SN veto then fires). The same validation objects, their earliest labelled alert only (${current.alerts} alerts), served: balanced accuracy **${f3(w.balancedAccuracy)}** [${ci(w.balancedAccuracyCi)}], macro recall (AGN, SN, VS, asteroid) ${f3(w.macroRecallStrong)}, ECE ${f3(current.ece)}; network alone ${f3(current.network.balancedAccuracy)} [${ci(current.network.balancedAccuracyCi)}]. Rules that changed the top class: ${rulesChanged(current.rules)}.`,
    "",
    reportTables(w),
  ];
  if (baseline) {
    const b = baseline.evaluation;
    lines.push(
      "",
      `${baseline.version} on the same first alerts, served: balanced accuracy ${f3(b.withRules.balancedAccuracy)} [${ci(b.withRules.balancedAccuracyCi)}]; per-class recall ${Object.entries(
        b.withRules.perClass,
      )
        .map(([c, s]) => `${c} ${f3(s.recall)}`)
        .join(", ")}.`,
    );
  }
  lines.push(FIRST_ALERTS_SECTION_END);
  return lines.join("\n");
}

/** `card` with its first-alerts section replaced by `section` (inserted after the real-data section when absent). */
export function withFirstAlertsSection(card: string, section: string): string {
  const begin = card.indexOf(FIRST_ALERTS_SECTION_BEGIN);
  const end = card.indexOf(FIRST_ALERTS_SECTION_END);
  if (begin >= 0 && end > begin) return card.slice(0, begin) + section + card.slice(end + FIRST_ALERTS_SECTION_END.length);
  const realEnd = card.indexOf(REAL_SECTION_END);
  if (realEnd >= 0) {
    const at = realEnd + REAL_SECTION_END.length;
    return `${card.slice(0, at)}\n\n${section}${card.slice(at)}`;
  }
  return `${card.trimEnd()}\n\n${section}\n`;
}

function recallRows(byLength: Record<string, RecallCell>, all: RecallCell): string[][] {
  return [
    ...Object.entries(byLength).map(([bin, c]) => [bin, String(c.objects), `${f3(c.recall)} [${ci(c.recallCi)}]`, f3(c.transientRecall)]),
    ["all", String(all.objects), `${f3(all.recall)} [${ci(all.recallCi)}]`, f3(all.transientRecall)],
  ];
}

function lcLabelledSection(l: NonNullable<LcRealEvaluation["labelled"]>): string[] {
  const supported = Object.keys(l.final.perClass).filter(
    (c) => l.final.perClass[c]!.support > 0 || l.final.confusion.some((row) => row[Object.keys(l.final.perClass).indexOf(c)]! > 0),
  );
  const all = Object.keys(l.final.perClass);
  const idx = supported.map((c) => all.indexOf(c));
  return [
    `### All real labelled light curves of the validation split (${l.objects} objects, whole light curves)`,
    "",
    `Label kinds and support: ${Object.entries(l.support)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(", ")}.`,
    "",
    `**Top level** (Periodic / Stochastic / Transient): accuracy **${f3(l.topAccuracy)}** [Wilson 95 % CI ${ci(l.topAccuracyCi)}], balanced accuracy ${f3(l.top.balancedAccuracy)} [bootstrap ${ci(l.top.balancedAccuracyCi)}]. Without the BTS SNe Ia (${l.withoutBts.objects} objects): top-level accuracy ${f3(l.withoutBts.topAccuracy)} [${ci(l.withoutBts.topAccuracyCi)}].`,
    "",
    reportTables(l.top),
    "",
    `**15 classes**: accuracy ${f3(l.final.accuracy)}, balanced accuracy over the ${all.filter((c) => l.final.perClass[c]!.support > 0).length} classes with real support **${f3(l.final.balancedAccuracy)}** [bootstrap ${ci(l.final.balancedAccuracyCi)}]; without the BTS SNe Ia ${f3(l.withoutBts.balancedAccuracy)}. Classes with support or predictions:`,
    "",
    table([
      ["class", "precision [95 % CI]", "recall [95 % CI]", "F1 [95 % CI]", "support"],
      ["---", "---", "---", "---", "---"],
      ...supported.map((c) => {
        const s = l.final.perClass[c]!;
        return [
          c,
          `${f3(s.precision)} [${ci(s.precisionCi)}]`,
          `${f3(s.recall)} [${ci(s.recallCi)}]`,
          `${f3(s.f1)} [${ci(s.f1Ci)}]`,
          String(s.support),
        ];
      }),
    ]),
    "",
    "Confusion (rows = label, columns = predicted):",
    "",
    table([
      ["label \\ predicted", ...supported],
      ["---", ...supported.map(() => "---")],
      ...idx
        .filter((i) => l.final.perClass[all[i]!]!.support > 0)
        .map((i) => [all[i]!, ...idx.map((j) => String(l.final.confusion[i]![j]!))]),
    ]),
    "",
    `Calibration (served, i.e. calibrated, probabilities): top level ECE **${f3(l.eceTop)}**, 15 classes ECE ${f3(l.eceFinal)}. Reliability diagram of the top level:`,
    "",
    reliabilityTable(l.reliabilityTop),
    "",
  ];
}

/** The light-curve card's real-data section. */
export function lcRealCardSection(current: LcRealEvaluation): string {
  return [
    REAL_SECTION_BEGIN,
    "## Real light curves (validation split) — read this first",
    "",
    ...(current.labelled ? lcLabelledSection(current.labelled) : []),
    `### BTS SNe Ia by length`,
    "",
    `${current.source}: ${current.objects} objects on the validation side of the objectId-hash split, ${current.eligible} with ≥ 5 detections in g or r. Labels are spectroscopic (BTS); the light curves are alert photometry (detections only, no non-detections, no sgscore1 or rb), so features that need those are missing, as for \`npm run classify:lc\` on such files.`,
    "",
    "Whole light curves, by number of detections (g + r):",
    "",
    table([
      ["detections", "objects", "SN Ia recall [Wilson 95 % CI]", "Transient recall"],
      ["---", "---", "---", "---"],
      ...recallRows(current.whole.byLength, current.whole.all),
    ]),
    "",
    `Predicted classes of the whole light curves: ${Object.entries(current.whole.predicted)
      .sort((a, b) => b[1] - a[1])
      .map(([c, n]) => `${c} ${n}`)
      .join(", ")}.`,
    "",
    "The same light curves truncated at a random epoch (seed 20261205; the classifier's view while the supernova evolves):",
    "",
    table([
      ["detections", "objects", "SN Ia recall [Wilson 95 % CI]", "Transient recall"],
      ["---", "---", "---", "---"],
      ...recallRows(current.truncated.byLength, current.truncated.all),
    ]),
    "",
    `Top-level calibration on the BTS SNe Ia (P of the top branch vs right, whole curves): ECE ${f3(current.eceTop)}.`,
    "",
    reliabilityTable(current.reliabilityTop),
    REAL_SECTION_END,
  ].join("\n");
}

/** The card with its real-data section replaced (or inserted after the title's first paragraph). */
export function withRealSection(card: string, section: string): string {
  const begin = card.indexOf(REAL_SECTION_BEGIN);
  const end = card.indexOf(REAL_SECTION_END);
  if (begin >= 0 && end > begin) return card.slice(0, begin) + section + card.slice(end + REAL_SECTION_END.length);
  const firstBreak = card.indexOf("\n\n", card.indexOf("\n\n") + 2);
  return `${card.slice(0, firstBreak)}\n\n${section}${card.slice(firstBreak)}`;
}
