/**
 * Axis ranges and tick marks for plots drawn without Plotly (the object page's static light curve,
 * components/explorer/lightcurve-preview.tsx): the same choices Plotly's autorange makes, near enough
 * that the interactive plot replaces the static one without a visible jump.
 */

/** A linear axis: its range (min < max) and the tick values inside it. */
export interface LinearAxis {
  min: number;
  max: number;
  ticks: number[];
}

/** Plotly pads an autoranged axis by about 5 % of its span on each side. */
const PAD_FRACTION = 0.05;

/**
 * The range covering every value (each with its ± error), padded like Plotly's autorange; a single
 * value (zero span) gets ±0.5 (or ±5 % of its size) so it sits mid-axis.
 */
export function paddedRange(values: readonly number[], errors: readonly number[] = []): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  values.forEach((v, i) => {
    const e = Math.abs(errors[i] ?? 0);
    if (!Number.isFinite(v)) return;
    min = Math.min(min, v - e);
    max = Math.max(max, v + e);
  });
  if (min === Infinity) return [0, 1];
  const span = max - min;
  if (span === 0) {
    const half = Math.abs(min) * PAD_FRACTION || 0.5;
    return [min - half, max + half];
  }
  return [min - span * PAD_FRACTION, max + span * PAD_FRACTION];
}

/** Tick values on 1, 2 or 5 × 10^k steps inside [min, max], about `target` of them. */
export function niceTicks(min: number, max: number, target = 6): number[] {
  if (!(max > min) || !Number.isFinite(min) || !Number.isFinite(max)) return [];
  const rough = (max - min) / Math.max(1, target);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let i = Math.ceil(min / step); i * step <= max + step * 1e-9; i++) {
    // Rounded to the step's decimals, so 0.1 + 0.2 prints as 0.3.
    ticks.push(Number((i * step).toFixed(Math.max(0, -Math.floor(Math.log10(step))))));
  }
  return ticks;
}

/** A padded linear axis with ticks over the values. */
export function linearAxis(values: readonly number[], errors: readonly number[] = [], target = 6): LinearAxis {
  const [min, max] = paddedRange(values, errors);
  return { min, max, ticks: niceTicks(min, max, target) };
}

/** Where a value falls on the axis, as a fraction from min (0) to max (1); reversed axes count from max. */
export function axisFraction(axis: Pick<LinearAxis, "min" | "max">, value: number, reversed = false): number {
  const f = (value - axis.min) / (axis.max - axis.min);
  return reversed ? 1 - f : f;
}

/**
 * A tick label in a Plotly/d3 format as the light-curve view gives it ("d" = whole number, ".2f" =
 * two decimals); other values are printed with up to 6 significant digits.
 */
export function formatTick(value: number, format: string): string {
  if (format === "d") return String(Math.round(value));
  const fixed = /^\.(\d)f$/.exec(format);
  if (fixed) return value.toFixed(Number(fixed[1]));
  return String(Number(value.toPrecision(6)));
}
