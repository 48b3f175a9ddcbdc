// The anomaly detector's input row: the light-curve classifier's stored features (lib/features keys)
// followed by colours derived from pairs of per-band features (g − r), so that the isolation
// forest sees colour in more than the four g-r_* columns lib/features computes (ADR 0038, 1.1.0).
// No ONNX or node:fs here: the pages import it.
import { z } from "zod";

/** The input's missing marker (lc-classifier's LC_MISSING_VALUE; not imported: that module loads onnxruntime). */
const LC_MISSING_VALUE = -999;

export const derivedColourSchema = z.object({
  /** The per-band lib/features name whose g (fid 1) and r (fid 2) values give the colour. */
  feature: z.string().min(1),
  /** magnitude: g − r; flux: −2.5 log10(g / r) (both values must be > 0). */
  kind: z.enum(["magnitude", "flux"]),
});
export type DerivedColour = z.infer<typeof derivedColourSchema>;

/** The colours 1.1.0 adds: mean, brightest, first-detection magnitudes and the SPM peak flux, g − r. */
export const ANOMALY_DERIVED_COLOURS: readonly DerivedColour[] = [
  { feature: "Mean", kind: "magnitude" },
  { feature: "min_mag", kind: "magnitude" },
  { feature: "first_mag", kind: "magnitude" },
  { feature: "SPM_A", kind: "flux" },
];

/** The column's display name, e.g. "g−r of min_mag". */
export function derivedColourName(c: DerivedColour): string {
  return `g−r of ${c.feature}`;
}

function colour(g: number | undefined, r: number | undefined, kind: DerivedColour["kind"]): number {
  if (g === undefined || r === undefined || g === LC_MISSING_VALUE || r === LC_MISSING_VALUE) return LC_MISSING_VALUE;
  if (kind === "magnitude") return g - r;
  return g > 0 && r > 0 ? -2.5 * Math.log10(g / r) : LC_MISSING_VALUE;
}

/**
 * One input row: `columns` as featureVector gives them (−999 for missing), then each derived colour
 * (−999 when a band is missing). `out` has columns.length + derived.length entries.
 */
export function anomalyInputRow(
  values: readonly { name: string; fid: number; value: number | null }[],
  columns: readonly { name: string; fid: number }[],
  derived: readonly DerivedColour[],
  out = new Float32Array(columns.length + derived.length),
): Float32Array {
  const byKey = new Map<string, number | null>();
  for (const v of values) byKey.set(`${v.name}|${v.fid}`, v.value);
  columns.forEach((c, j) => {
    const v = byKey.get(`${c.name}|${c.fid}`);
    out[j] = v === null || v === undefined || !Number.isFinite(v) ? LC_MISSING_VALUE : v;
  });
  appendDerivedColours(out, columns, derived);
  return out;
}

/** Fills the derived colours of one row whose first columns.length entries are set. */
export function appendDerivedColours(
  row: Float32Array,
  columns: readonly { name: string; fid: number }[],
  derived: readonly DerivedColour[],
): void {
  const index = new Map(columns.map((c, j) => [`${c.name}|${c.fid}`, j]));
  derived.forEach((d, k) => {
    const g = index.get(`${d.feature}|1`);
    const r = index.get(`${d.feature}|2`);
    row[columns.length + k] = colour(g === undefined ? undefined : row[g], r === undefined ? undefined : row[r], d.kind);
  });
}

/** A matrix of `columns`-wide rows widened with the derived colours (training and tests). */
export function widenWithDerivedColours(
  x: Float32Array,
  columns: readonly { name: string; fid: number }[],
  derived: readonly DerivedColour[],
): Float32Array {
  const n = x.length / columns.length;
  const width = columns.length + derived.length;
  const out = new Float32Array(n * width);
  for (let i = 0; i < n; i++) {
    const row = out.subarray(i * width, (i + 1) * width);
    row.set(x.subarray(i * columns.length, (i + 1) * columns.length));
    appendDerivedColours(row, columns, derived);
  }
  return out;
}

/** The quantile levels model.json stores per column (denser in the tails, where the page reads them). */
export const ANOMALY_QUANTILE_LEVELS: readonly number[] = [
  0, 0.001, 0.003, 0.01, 0.025, 0.05, 0.1, 0.16, 0.25, 0.5, 0.75, 0.84, 0.9, 0.95, 0.975, 0.99, 0.997, 0.999, 1,
];

/** Input column indices that carry a colour: the stored g − r features (fid 12) and the derived colours. */
export function anomalyColourColumns(columns: readonly { name: string; fid: number }[], derived: readonly DerivedColour[]): number[] {
  const stored = columns.flatMap((c, j) => (c.fid === 12 ? [j] : []));
  return [...stored, ...derived.map((_, k) => columns.length + k)];
}
