/**
 * Oddities injected among real objects for the anomaly detector's "what must show" check: real light
 * curves altered into things the population never shows.
 */
import type { LightcurveFeatureInput } from "../../lib/features/types";

/** The g band moved `shift` magnitudes fainter: a colour g − r no supernova or star has. */
export function withImpossibleColour(lc: LightcurveFeatureInput, shift = 4): LightcurveFeatureInput {
  return {
    ...lc,
    oid: `${lc.oid}-colour`,
    detections: lc.detections.map((d) =>
      d.fid === 1 ? { ...d, magpsf: d.magpsf + shift, magpsf_corr: d.magpsf_corr === null ? null : d.magpsf_corr + shift } : d,
    ),
  };
}

/** Each band's variation around its mean magnitude multiplied by `factor` (a periodic star with `factor` × its amplitude). */
export function withAmplifiedVariation(lc: LightcurveFeatureInput, factor = 10): LightcurveFeatureInput {
  const mean = (fid: number, key: "magpsf" | "magpsf_corr") => {
    const values = lc.detections.filter((d) => d.fid === fid && d[key] !== null).map((d) => d[key]!);
    return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  };
  const means = new Map([1, 2].map((fid) => [fid, { magpsf: mean(fid, "magpsf"), corr: mean(fid, "magpsf_corr") }]));
  return {
    ...lc,
    oid: `${lc.oid}-x${factor}`,
    detections: lc.detections.map((d) => {
      const m = means.get(d.fid);
      if (!m) return d;
      return {
        ...d,
        magpsf: m.magpsf + factor * (d.magpsf - m.magpsf),
        magpsf_corr: d.magpsf_corr === null ? null : m.corr + factor * (d.magpsf_corr - m.corr),
      };
    }),
  };
}
